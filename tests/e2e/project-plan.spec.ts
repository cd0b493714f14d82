import { checkA11y, expect, signIn, test } from "./fixtures";

test("an LGU editor adds a need, a milestone and a co-funder, and they appear on the public project page", async ({ page }) => {
  // Four pages of the plan, the public page and the funder's page, each checked by axe.
  test.setTimeout(90_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "naga.editor@tulay.example", "tulay-demo-staff");
  await page.goto("/manage/naga-city/projects/naga-river-revitalisation?lng=en");
  await page.locator("nav[aria-labelledby=plan-title]").getByRole("link", { name: "Needs" }).click();
  await expect(page).toHaveURL(/\/manage\/naga-city\/projects\/naga-river-revitalisation\/needs/);
  await checkA11y(page);

  // A skill need without a skill: refused beside the field, nothing added.
  await page.locator("#need-new-kind").selectOption("skill");
  await page.locator("#need-new-description").fill(`Volunteer hydrologists ${stamp}`);
  await page.getByRole("button", { name: "Add the need" }).click();
  await expect(page.locator("#need-new-skill")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#need-new-skill-error")).toHaveText("Choose a skill from the list for a skill need.");
  await expect(page.locator(".plan-list")).not.toContainText(stamp);
  await checkA11y(page);
  await page.locator("#need-new-skill").selectOption("water_sanitation");
  await page.locator("#need-new-quantity").fill("2");
  await page.locator("#need-new-mode").selectOption("remote");
  await page.getByRole("button", { name: "Add the need" }).click();
  await expect(page.locator(".toast")).toContainText("The need is added.");
  await expect(page.locator(".plan-list")).toContainText(`Volunteer hydrologists ${stamp}`);

  await page.getByRole("link", { name: "Milestones" }).click();
  await page.locator("#milestone-new-title").fill(`Riverbank trees planted ${stamp}`);
  await page.locator("#milestone-new-target").fill("2027-09-30");
  await page.getByRole("button", { name: "Add the milestone" }).click();
  await expect(page.locator(".toast")).toContainText("The milestone is added.");
  await expect(page.locator(".plan-list")).toContainText(`Riverbank trees planted ${stamp}`);
  await checkA11y(page);

  await page.getByRole("link", { name: "Co-funders" }).click();
  await page.locator("#cofunder-new-name").fill(`Province of Camarines Sur ${stamp}`);
  await page.locator("#cofunder-new-kind").selectOption("province");
  await page.locator("#cofunder-new-ratio").fill("2:1");
  await page.locator("#cofunder-new-cap").fill("500,000");
  await page.getByRole("button", { name: "Add the co-funder" }).click();
  await expect(page.locator(".toast")).toContainText("The co-funder is added.");
  await checkA11y(page);

  // The place page, and its answer to coordinates out of range (axe needs JavaScript, so here).
  await page.getByRole("link", { name: "Place and map" }).click();
  await checkA11y(page);
  await page.locator("#place-latitude").fill("-91");
  await page.locator("#place-longitude").fill("10");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#place-latitude-error")).toHaveText("Enter a latitude from -90 to 90 in decimal degrees, e.g. 13.6218.");
  await checkA11y(page);

  await page.goto("/projects/naga-river-revitalisation?lng=en");
  const hydrologists = page.locator("#needs-title ~ ul li", { hasText: stamp });
  await expect(hydrologists).toContainText(`Skills: Volunteer hydrologists ${stamp} (Water and sanitation) — 0 of 2 people found`);
  await expect(hydrologists.getByRole("link", { name: "Offer help" })).toBeVisible();
  await expect(page.locator("#milestones-title ~ ol")).toContainText(`Riverbank trees planted ${stamp}`);
  const row = page.locator("#cofunders-title ~ table tbody tr", { hasText: `Province of Camarines Sur ${stamp}` });
  await expect(row).toContainText("2:1");
  await expect(row).toContainText("₱500,000.00");
  await checkA11y(page);

  // The co-funder's own page: its commitment on this project, and in total.
  await row.getByRole("link", { name: `Province of Camarines Sur ${stamp}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Province of Camarines Sur ${stamp}`);
  await expect(page.locator("#funder-projects ~ table tbody tr")).toContainText("2:1");
  await expect(page.locator("#funder-totals ~ table tbody tr")).toContainText("₱500,000.00");
  await checkA11y(page);
  await page.goto(`${page.url().split("?")[0]}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await checkA11y(page);
});

test.describe("without JavaScript, on a phone", () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });

  test("the editor marks a milestone done and sets the project's place; bad coordinates are refused", async ({ page }) => {
    await signIn(page, "naga.editor@tulay.example", "tulay-demo-staff");
    await page.goto("/manage/naga-city/projects/naga-scholarships-2027/milestones?lng=fil");
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
    expect(await fits()).toBe(true);
    const selected = page.locator(".plan-list > li", { hasText: "Napili ang mga iskolar" });
    await selected.locator("form:has(input[name=intent][value=status]) select[name=status]").selectOption("done");
    await selected.getByRole("button", { name: "Baguhin ang katayuan" }).click();
    await expect(page.locator(".toast")).toContainText("Nabago ang katayuan ng milestone.");
    await expect(page.locator(".plan-list > li", { hasText: "Napili ang mga iskolar" })).toContainText("natapos noong");

    await page.goto("/manage/naga-city/projects/naga-scholarships-2027/place?lng=en");
    expect(await fits()).toBe(true);
    await page.locator("#place-place").selectOption({ label: "Naga City (Camarines Sur)" });
    await page.locator("#place-latitude").fill("95");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator("#place-latitude")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#place-longitude-error")).toHaveText("Enter both latitude and longitude, or leave both empty.");
    await page.locator("#place-latitude").fill("13.6218");
    await page.locator("#place-longitude").fill("123.1948");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.locator(".toast")).toContainText("The project's place is saved.");
    await expect(page.locator("dl.facts")).toContainText("Naga City");
    await expect(page.locator("dl.facts")).toContainText("13.6218, 123.1948");
    expect(await fits()).toBe(true);
  });
});
