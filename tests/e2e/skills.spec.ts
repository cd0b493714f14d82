/**
 * The skills registry end to end: a member adds a skill with the suggestions that appear as they
 * type, another without JavaScript through the plain search; both pages axe-clean in English and
 * Arabic on a phone; the taxonomy page in French; a project's skill need in the reader's language.
 */
import { checkA11y, expect, signIn, test } from "./fixtures";

const PASSWORD = "tulay-demo-member";

test("a member adds a skill from the suggestions as they type, changes it and removes it", async ({ page }) => {
  await signIn(page, "rafael.manalo@example.org", PASSWORD);
  await page.getByRole("link", { name: "My skills" }).click();
  await expect(page.locator("h1")).toHaveText("My skills");
  // The demo engineer's own skills, most experienced first.
  await expect(page.locator("#my-skills-title + ul h3").first()).toHaveText("Civil engineering");

  await page.getByLabel("Find a skill or occupation").pressSequentially("weld", { delay: 50 });
  const suggestions = page.getByRole("list", { name: "Suggestions" });
  await expect(suggestions.getByRole("link").first()).toHaveText("Welding and metal fabrication");
  await suggestions.getByRole("link", { name: "Welding and metal fabrication" }).click();
  const form = page.locator("#add-skill");
  await expect(form.getByRole("heading")).toHaveText("Add Welding and metal fabrication");
  await form.getByLabel("Level").selectOption("advanced");
  await form.getByLabel("Years of experience").fill("61");
  await form.getByRole("button", { name: "Add skill" }).click();
  await expect(form.getByText("Enter the years of experience as a whole number from 0 to 60.")).toBeVisible();
  await form.getByLabel("Years of experience").fill("5");
  await form.getByRole("button", { name: "Add skill" }).click();
  await expect(page.getByText("The skill is added to your profile.")).toBeVisible();
  const item = page.locator("#my-skills-title + ul > li", { has: page.getByRole("heading", { name: "Welding and metal fabrication" }) });
  await expect(item).toContainText("Advanced");
  await expect(item).toContainText("5 years");

  await item.getByText("Change").click();
  await item.getByLabel("Level").selectOption("expert");
  await item.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Your skill is saved.")).toBeVisible();
  await expect(item).toContainText("Expert");
  await checkA11y(page);

  await item.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByText("The skill is removed from your profile.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Welding and metal fabrication" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  test("a member finds a skill by a plain search in another language and adds it", async ({ page }) => {
    // Not Amina: she signs in from many specs, and sign-ins are limited per account (8 in 15 minutes).
    await signIn(page, "grace.mendoza@example.org", PASSWORD);
    await page.goto("/me/skills?lng=en");
    await page.getByLabel("Find a skill or occupation").fill("plomberie");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=plomberie/);
    await page.getByRole("link", { name: "Choose Plumbing and pipefitting" }).click();
    const form = page.locator("#add-skill");
    await form.getByLabel("Level").selectOption("basic");
    await form.getByLabel("Years of experience").fill("2");
    await form.getByLabel("Note (optional)").fill("Helped my father in Taliouine");
    await form.getByRole("button", { name: "Add skill" }).click();
    await expect(page).toHaveURL(/\/me\/skills$/);
    const item = page.locator("#my-skills-title + ul > li", { has: page.getByRole("heading", { name: "Plumbing and pipefitting" }) });
    await expect(item).toContainText("Basic");
    await expect(item).toContainText("Helped my father in Taliouine");
    await item.getByRole("button", { name: "Remove" }).click();
    await expect(page.getByRole("heading", { name: "Plumbing and pipefitting" })).toHaveCount(0);
  });

  test("the taxonomy page searches without accents, pages and ships no script", async ({ page }) => {
    await page.goto("/skills?lng=fr&q=genie+civil");
    await expect(page.locator("script[src]")).toHaveCount(0);
    await expect(page.locator(".skill-result").first()).toContainText("Génie civil");
    await page.goto("/skills?lng=fr");
    await page.getByRole("link", { name: "Page suivante" }).click();
    await expect(page).toHaveURL(/page=2/);
  });

  test("a project's skill need is named in the reader's language", async ({ page }) => {
    await page.goto("/projects/naga-scholarships-2027?lng=fr");
    await expect(page.locator("#needs-title + ul")).toContainText("(Mentorat)");
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  for (const lng of ["en", "ar"]) {
    test(`the skills pages are accessible in ${lng === "ar" ? "Arabic" : "English"}, without overflow`, async ({ page }) => {
      await signIn(page, lng === "ar" ? "noel.aquino@example.org" : "cora.dizon@example.org", PASSWORD);
      await page.goto(`/me/skills?lng=${lng}&q=${encodeURIComponent(lng === "ar" ? "التمريض" : "nursing")}&add=nursing`);
      await expect(page.locator("html")).toHaveAttribute("dir", lng === "ar" ? "rtl" : "ltr");
      await expect(page.locator("#add-skill")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await checkA11y(page);
      await page.goto(`/skills?lng=${lng}&q=${encodeURIComponent(lng === "ar" ? "لحام" : "weld")}`);
      await expect(page.locator(".skill-result").first()).toContainText(lng === "ar" ? "اللحام" : "Welding");
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await checkA11y(page);
    });
  }
});
