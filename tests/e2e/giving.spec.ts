import { checkA11y, expect, signIn, test } from "./fixtures";

const MEMBER = ["amina.aitali@example.org", "tulay-demo-member"] as const;

test("a donor gives through the demo sandbox, and the gift is on the public ledger, which adds up", async ({ page }) => {
  await signIn(page, ...MEMBER);
  await page.goto("/projects/naga-scholarships-2027?lng=en");
  await page.getByRole("link", { name: "Give to this project" }).click();
  await expect(page).toHaveURL(/\/projects\/naga-scholarships-2027\/give/);
  await checkA11y(page);
  // Bad input first: a translated message beside the amount, nothing opened.
  await page.locator("#field-amount").fill("0");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#field-amount-error")).toHaveText("Enter an amount greater than zero, such as 2500 or 2500.50.");
  await checkA11y(page);

  await page.locator("#field-amount").fill("1,234.50");
  await page.getByLabel(/Test payment/).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/sandbox\/TUL-/);
  await expect(page.locator(".sandbox-banner")).toContainText("no real money moves");
  await checkA11y(page);
  await page.getByRole("button", { name: "Complete the test payment" }).click();
  await expect(page).toHaveURL(/\/me\/gifts\/TUL-/);
  await expect(page.locator(".toast")).toContainText("test payment is complete");
  await expect(page.locator(".badge").first()).toHaveText("Received");
  await checkA11y(page);

  await page.goto("/projects/naga-scholarships-2027/ledger?lng=en");
  await expect(page.locator("table.data")).toContainText("₱1,234.50");
  await expect(page.getByText("These rows add up to the project's total raised.")).toBeVisible();
  await checkA11y(page);
  const csv = await page.request.get("/projects/naga-scholarships-2027/ledger.csv");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toMatch(/,received,1234\.50,123450,PHP,/);

  // The donor's yearly statement, from their page.
  await page.goto("/me?lng=en");
  const year = new Date().getUTCFullYear();
  const link = page.getByRole("link", { name: `Statement for ${year} (PDF)` });
  await expect(link).toHaveAttribute("href", `/me/statements/${year}.pdf`);
  await checkA11y(page);
  const statement = await page.request.get(`/me/statements/${year}.pdf`);
  expect([statement.status(), statement.headers()["content-type"]]).toEqual([200, "application/pdf"]);
  expect((await statement.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("a member pledges by bank transfer; the treasurer confirms a different amount and refunds part; the ledger reconciles", async ({ browser }) => {
  const donorContext = await browser.newContext();
  const donor = await donorContext.newPage();
  await signIn(donor, ...MEMBER);
  await donor.goto("/projects/naga-scholarships-2027/give?lng=fil");
  await checkA11y(donor);
  await donor.locator("#field-amount").fill("3000");
  await donor.locator("input[name=channel][value=bank_transfer]").check();
  await donor.locator("input[name=anonymous]").check();
  await donor.locator("form.form button[type=submit]").click();
  await expect(donor).toHaveURL(/\/me\/gifts\/TUL-/);
  const reference = (await donor.locator("dd[dir=ltr] strong").textContent())!.trim();
  await expect(donor.locator("#instructions-title")).toBeVisible();
  await checkA11y(donor);
  await donorContext.close();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, "naga.admin@tulay.example", "tulay-demo-staff");
  // Another LGU's contributions are not Naga's to see.
  expect((await staff.goto("/manage/taliouine/contributions?lng=en"))?.status()).toBe(403);
  await staff.goto("/manage/naga-city/contributions?lng=en");
  await checkA11y(staff);
  const row = staff.locator(".plan-list > li", { hasText: reference });
  await expect(row).toContainText("anonymous in public");
  await row.getByLabel(/Amount received/).fill("2950");
  await row.getByRole("button", { name: "Confirm receipt" }).click();
  await expect(staff.locator(".toast")).toContainText("The receipt is recorded");
  await staff.goto("/manage/naga-city/contributions?status=confirmed&lng=en");
  const confirmed = staff.locator(".plan-list > li", { hasText: reference });
  await confirmed.locator("summary").click();
  await confirmed.getByLabel(/Amount to refund/).fill("4000");
  await confirmed.getByRole("button", { name: "Record the refund" }).click();
  await expect(staff.locator(".field__error")).toContainText("more than this gift still holds");
  await checkA11y(staff);
  await staff.locator(".plan-list > li", { hasText: reference }).getByLabel(/Amount to refund/).fill("450");
  await staff.locator(".plan-list > li", { hasText: reference }).getByRole("button", { name: "Record the refund" }).click();
  await expect(staff.locator(".toast")).toContainText("The refund is recorded");
  await staffContext.close();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/projects/naga-scholarships-2027/ledger?lng=en");
  await expect(visitor.locator("table.data tbody tr", { hasText: "Refund" })).toContainText("₱450.00");
  await expect(visitor.getByText("These rows add up to the project's total raised.")).toBeVisible();
  // Anonymous in public: no name on the gift's row.
  await expect(visitor.locator("table.data tbody tr", { hasText: "₱2,950.00" })).toContainText("A donor");
  await visitorContext.close();
});
