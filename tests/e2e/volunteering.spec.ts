/**
 * The volunteering journey of the issue: an engineer in Dubai sees the Naga water project's need
 * for civil engineers, offers help, and the city accepts, then records the hours, which the project
 * page shows as an in-kind contribution; the accepted volunteer is emailed.
 */
import { checkA11y, expect, signIn, test } from "./fixtures";
import { latestEmailLink } from "./outbox";

// Paolo Reyes, a demo member from Naga living in Dubai (not Maria: accounts.spec.ts changes her password).
const ENGINEER = ["paolo.reyes@example.org", "tulay-demo-member"] as const;
const NEED = "Civil engineers to review the design and supervise the reservoir works";

test("an engineer in Dubai offers help for the Naga water project's need; the city accepts it and records the hours", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, ...ENGINEER);
  await page.goto("/volunteer?lng=en&missions=1");
  await checkA11y(page);
  const card = page.locator("li.card", { hasText: NEED });
  await expect(card).toContainText("Expert mission");
  await expect(card).toContainText("On site");
  await card.getByRole("link", { name: "Offer help" }).click();
  await expect(page).toHaveURL(/\/volunteer\/needs\/[0-9a-f-]{36}$/);
  await expect(page.getByText("0 of 2 people found")).toBeVisible();
  await checkA11y(page);

  // Without consent to share name and email, nothing is sent.
  await page.locator("#offer-mode").selectOption("on_site");
  await page.locator("#offer-message").fill("Civil engineer in Dubai, 12 years on water reservoirs. I can fly home in March.");
  await page.getByRole("button", { name: "Send my offer" }).click();
  await expect(page.locator("#offer-consent-error")).toContainText("Tick the box");
  await checkA11y(page);
  await page.locator("#offer-consent").check();
  await page.getByRole("button", { name: "Send my offer" }).click();
  await expect(page).toHaveURL(/\/me\/volunteering$/);
  await expect(page.locator(".toast")).toContainText("City Government of Naga has your offer");
  await expect(page.locator(".badge").first()).toHaveText("Offered");
  await checkA11y(page);

  // The city's editor accepts it with the dates of the mission, then records the hours.
  const office = await browser.newContext();
  const editor = await office.newPage();
  await signIn(editor, "naga.editor@tulay.example", "tulay-demo-staff");
  await editor.goto("/manage/naga-city/volunteers?lng=en");
  const offer = editor.locator("li.card", { hasText: "Paolo Reyes" });
  await expect(offer).toContainText("paolo.reyes@example.org");
  await checkA11y(editor);
  await offer.locator("input[name=scheduledFrom]").fill("2027-03-01");
  await offer.locator("input[name=scheduledUntil]").fill("2027-03-20");
  await offer.locator("textarea[name=note]").first().fill("Welcome home! The site engineer will meet you at City Hall.");
  await offer.getByRole("button", { name: "Accept the offer" }).click();
  await expect(editor.locator(".toast")).toContainText("The offer is accepted");
  expect(await latestEmailLink(ENGINEER[0], "volunteer-accept")).toContain("/me/volunteering");

  await page.reload();
  await expect(page.locator(".badge").first()).toHaveText("Accepted");
  await expect(page.locator(".notice")).toContainText("Welcome home!");

  await editor.goto("/manage/naga-city/volunteers?lng=en&status=accepted");
  await editor.locator("li.card", { hasText: "Paolo Reyes" }).locator("input[name=hours]").fill("64");
  await editor.getByRole("button", { name: "Mark as done" }).click();
  await expect(editor.locator(".toast")).toContainText("Marked as done");
  // People the city may invite for the other skill need: only members who show their skills publicly.
  await editor.goto("/manage/naga-city/volunteers?lng=en");
  await editor.getByRole("link", { name: "Find people to invite" }).first().click();
  await expect(editor).toHaveURL(/\/manage\/naga-city\/volunteers\/needs\/[0-9a-f-]{36}$/);
  await expect(editor.getByRole("heading", { name: "People to invite" })).toBeVisible();
  await checkA11y(editor);
  await office.close();

  // "For you": what the engine offers the engineer, each with its reasons.
  await page.goto("/me/matches?lng=en");
  await expect(page.getByRole("heading", { name: "For you" })).toBeVisible();
  await checkA11y(page);

  // The project's page counts the hours as an in-kind contribution.
  await page.goto("/projects/naga-barangay-water-system?lng=en");
  await expect(page.getByRole("heading", { name: "Volunteers" })).toBeVisible();
  await expect(page.getByText("64 hours given by 1 volunteer, an in-kind contribution.")).toBeVisible();
  await checkA11y(page);
});

test.describe("in Arabic, on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test("the needs list and a need's page lay out right to left without overflow", async ({ page }) => {
    await page.goto("/volunteer?lng=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await checkA11y(page);
    await page.locator("li.card").first().getByRole("link").last().click();
    await expect(page).toHaveURL(/\/volunteer\/needs\//);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await checkA11y(page);
  });
});
