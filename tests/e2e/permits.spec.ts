import { samplePdf } from "../support/org-factories";
import { checkA11y, expect, signIn, test } from "./fixtures";

const MEMBER = ["maria.santos@example.org", "tulay-demo-member"] as const;

test("a member abroad applies for a business permit, uploads the documents, submits, and anyone checks the status with the reference", async ({ page, browser }) => {
  const stamp = Date.now().toString(36);
  await signIn(page, ...MEMBER);
  await page.goto("/lgus/naga-city/permits?lng=en");
  await expect(page.getByRole("heading", { name: "Business permit (new business)" })).toBeVisible();
  await checkA11y(page);
  await page.getByRole("link", { name: "Apply online" }).first().click();
  await expect(page).toHaveURL(/\/lgus\/naga-city\/permits\/new-business\/apply/);
  await checkA11y(page);

  // Bad input first: messages beside the fields, nothing saved.
  await page.locator("#field-businessName").fill(`Sari-sari ni Maria ${stamp}`);
  await page.locator("#field-lineOfBusiness").fill("Retail store");
  await page.locator("#field-address").fill("Purok 2, Barangay Sabang");
  await page.locator("#field-ownerName").fill("Maria Santos");
  await page.locator("#field-ownerPhone").fill("+971 50 123 4567");
  await page.locator("#field-declared").fill("-100");
  await page.getByRole("button", { name: "Save and continue to the documents" }).click();
  await expect(page.locator("#field-declared-error")).toBeVisible();
  await checkA11y(page);
  await page.locator("#field-declared").fill("150,000");
  await page.getByRole("button", { name: "Save and continue to the documents" }).click();
  await expect(page).toHaveURL(/\/me\/permits\/[0-9a-f-]{36}$/);
  await expect(page.locator(".badge").first()).toHaveText("Draft");
  await expect(page.getByText("Estimated fee from the published schedule: ₱500.00.")).toBeVisible();
  await checkA11y(page);

  // A renamed file is refused by its content; real PDFs are taken.
  const uploads = page.locator("form[enctype='multipart/form-data']");
  await uploads.nth(0).locator("input[type=file]").setInputFiles({ name: "dti.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ not a pdf at all") });
  await uploads.nth(0).getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.locator(".field__error").first()).toContainText("PDF");
  await checkA11y(page);
  for (const index of [0, 1]) {
    await page.locator("form[enctype='multipart/form-data']").nth(index).locator("input[type=file]").setInputFiles({ name: `doc-${index}.pdf`, mimeType: "application/pdf", buffer: samplePdf() });
    await page.locator("form[enctype='multipart/form-data']").nth(index).getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.locator(".toast")).toContainText("The document is uploaded.");
  }
  await page.getByRole("button", { name: "Submit the application" }).click();
  await expect(page.locator(".toast")).toContainText("Submitted. Your reference is NAGA-CITY-BP-");
  const reference = (await page.locator("p", { hasText: "Reference" }).locator("span[dir=ltr]").first().textContent())!.trim();
  expect(reference).toMatch(/^NAGA-CITY-BP-\d{4}-\d{6}$/);
  await expect(page.locator(".badge").first()).toHaveText("Submitted");
  await checkA11y(page);

  // Anyone, without an account or JavaScript, checks the status with the reference and the phone's last four digits.
  const visitor = await browser.newContext({ javaScriptEnabled: false });
  const lookup = await visitor.newPage();
  await lookup.goto("/permits/status?lng=en");
  await lookup.locator("#field-reference").fill(reference);
  await lookup.locator("#field-secondFactor").fill("9999");
  await lookup.getByRole("button", { name: "Check the status" }).click();
  await expect(lookup.getByText("No application matches this reference")).toBeVisible();
  await lookup.locator("#field-reference").fill(reference);
  await lookup.locator("#field-secondFactor").fill("4567");
  await lookup.getByRole("button", { name: "Check the status" }).click();
  await expect(lookup.locator(".notice[role=status]")).toContainText(`${reference}: Submitted`);
  await visitor.close();
});

test.describe("in Arabic, on a phone", () => {
  test.use({ viewport: { width: 360, height: 740 } });
  test("the permits page and the status form lay out right to left without overflow", async ({ page }) => {
    await page.goto("/lgus/naga-city/permits?lng=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await checkA11y(page);
    await page.goto("/permits/status?lng=ar");
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await checkA11y(page);
  });
});
