import { checkA11y, expect, test } from "./fixtures";

test("a visitor finds a project by a misspelt Filipino search and reads its page", async ({ page }) => {
  await page.goto("/projects?lng=fil");
  await checkA11y(page);
  await page.locator("#q").fill("iskolarsp");
  await page.locator("form[role=search] button[type=submit]").click();
  await expect(page).toHaveURL(/q=iskolarsp/);
  const result = page.getByRole("link", { name: "Iskolarsip para sa mahihirap ngunit karapat-dapat na mag-aaral" });
  await expect(result).toBeVisible();
  await checkA11y(page);
  await result.click();
  await expect(page).toHaveURL(/\/projects\/naga-scholarships-2027$/);
  await expect(page.locator("h1")).toHaveText("Iskolarsip para sa mahihirap ngunit karapat-dapat na mag-aaral");
  await checkA11y(page);
  // A link pasted in a chat app shows a card.
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Iskolarsip/);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /\/og-image\.png$/);
  expect((await page.request.get("/og-image.png")).headers()["content-type"]).toBe("image/png");
});

test("a project page shows spending by budget line and co-funders, in Arabic right-to-left", async ({ page }) => {
  await page.goto("/projects/naga-river-revitalisation?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("#budget-title")).toBeVisible();
  await expect(page.locator("table.data").first().locator("tbody tr")).toHaveCount(2);
  await checkA11y(page);
  await page.goto("/projects/intipuca-water-system?lng=en");
  await expect(page.locator("#cofunders-title ~ table tbody tr")).toHaveCount(3);
  await checkA11y(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  test("filters work as a plain form, and drafts never show", async ({ page }) => {
    await page.goto("/projects?lng=en");
    await page.locator("#sector").selectOption("water");
    await page.locator("form[role=search] button[type=submit]").click();
    await expect(page.locator("main h2")).toHaveText(["Drinking water for Intipucá's rural cantons"]);
    const draft = await page.goto("/projects/batangas-school-buildings");
    expect(draft?.status()).toBe(404);
  });
});
