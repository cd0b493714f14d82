import { samplePdf } from "../support/org-factories";
import { checkA11y, expect, signIn, test } from "./fixtures";

// Not Maria: accounts.spec.ts changes her password while other specs run.
const MEMBER = ["amina.aitali@example.org", "tulay-demo-member"] as const;

test("a member abroad applies for a business permit; the permits office asks for more, assesses and approves; the treasury records the fee; the permit is issued, downloaded and verified", async ({ page, browser }) => {
  test.setTimeout(180_000);
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
  const applicationUrl = page.url();

  // The permits office asks for the lease contract.
  const office = await browser.newContext();
  const officer = await office.newPage();
  await signIn(officer, "naga.permits@tulay.example", "tulay-demo-staff");
  await officer.goto("/manage/naga-city/permits/types?lng=en");
  await expect(officer.locator("strong", { hasText: "Business permit (new business)" })).toBeVisible();
  await checkA11y(officer);
  await officer.goto("/manage/naga-city/permits?lng=en");
  await checkA11y(officer);
  await officer.getByRole("link", { name: reference }).click();
  await expect(officer).toHaveURL(/\/manage\/naga-city\/permits\/[0-9a-f-]{36}/);
  await checkA11y(officer);
  await officer.locator("#office-info-note").fill("Please upload the lease contract of the store.");
  await officer.getByRole("button", { name: "Send the request" }).click();
  await expect(officer.locator(".toast")).toContainText("asked for more information");

  // The applicant reads it, uploads the lease and sends the application back.
  await page.goto(applicationUrl);
  await expect(page.locator(".notice")).toContainText("Please upload the lease contract of the store.");
  await page.locator("form[enctype='multipart/form-data']").nth(2).locator("input[type=file]").setInputFiles({ name: "lease.pdf", mimeType: "application/pdf", buffer: samplePdf() });
  await page.locator("form[enctype='multipart/form-data']").nth(2).getByRole("button", { name: "Upload", exact: true }).click();
  await expect(page.locator(".toast")).toContainText("The document is uploaded.");
  await page.getByRole("button", { name: "Send it back to the permits office" }).click();
  await expect(page.locator(".badge").first()).toHaveText("Submitted");

  // Assessed at the published schedule's fee, approved.
  await officer.reload();
  await expect(officer.locator("#office-fee")).toHaveValue("500.00");
  await officer.getByRole("button", { name: "Save the assessment" }).click();
  await expect(officer.locator(".toast")).toContainText("The fee is assessed.");
  await officer.getByRole("button", { name: "Approve the application" }).click();
  await expect(officer.locator(".badge").first()).toHaveText("Approved, waiting for payment");

  // Paid at the treasury (the LGU's admin), then issued.
  const treasury = await browser.newContext();
  const cashier = await treasury.newPage();
  await signIn(cashier, "naga.admin@tulay.example", "tulay-demo-staff");
  await cashier.goto(officer.url());
  await cashier.getByRole("button", { name: "Record the payment and issue the official receipt" }).click();
  await expect(cashier.locator(".toast")).toContainText("The payment is recorded");
  await checkA11y(cashier);
  await treasury.close();
  await officer.reload();
  await officer.getByRole("button", { name: "Issue the permit" }).click();
  await expect(officer.locator(".badge").first()).toHaveText("Permit issued");
  await office.close();

  // The holder downloads the permit and follows its verification link, as the QR code would.
  await page.goto(applicationUrl);
  await expect(page.getByRole("heading", { name: "Your permit" })).toBeVisible();
  const pdfHref = await page.getByRole("link", { name: "Your permit (PDF, with its QR code)" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect([pdf.status(), pdf.headers()["content-type"]]).toEqual([200, "application/pdf"]);
  await page.getByRole("link", { name: /public verification page/ }).click();
  await expect(page.locator(".notice[role=status]")).toHaveText("Genuine and valid today.");
  await checkA11y(page);
});

test("the fee is paid by card at the (fake) Stripe Checkout; the permits office works in Arabic on a phone", async ({ page, browser, baseURL }) => {
  test.setTimeout(150_000);
  const stamp = Date.now().toString(36);
  await signIn(page, "jose.martinez@example.org", "tulay-demo-member");
  await page.goto("/lgus/naga-city/permits/new-business/apply?lng=en");
  await page.locator("#field-businessName").fill(`Karinderya ni Jose ${stamp}`);
  await page.locator("#field-lineOfBusiness").fill("Eatery");
  await page.locator("#field-address").fill("Purok 5, Barangay Dinaga");
  await page.locator("#field-ownerName").fill("Jose Martinez");
  await page.locator("#field-ownerPhone").fill("+1 415 555 0199");
  await page.locator("#field-declared").fill("80,000");
  await page.getByRole("button", { name: "Save and continue to the documents" }).click();
  await expect(page).toHaveURL(/\/me\/permits\/[0-9a-f-]{36}$/);
  const applicationUrl = page.url();
  for (const index of [0, 1]) {
    await page.locator("form[enctype='multipart/form-data']").nth(index).locator("input[type=file]").setInputFiles({ name: `doc-${index}.pdf`, mimeType: "application/pdf", buffer: samplePdf() });
    await page.locator("form[enctype='multipart/form-data']").nth(index).getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.locator(".toast")).toContainText("The document is uploaded.");
  }
  await page.getByRole("button", { name: "Submit the application" }).click();
  const reference = (await page.locator("p", { hasText: "Reference" }).locator("span[dir=ltr]").first().textContent())!.trim();

  // The permits officer, on a phone, in Arabic: the queue, the application, the assessment and the approval.
  const office = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const officer = await office.newPage();
  await signIn(officer, "naga.permits@tulay.example", "tulay-demo-staff");
  const fits = () => officer.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await officer.goto("/manage/naga-city/permits?lng=ar");
  await expect(officer.locator("html")).toHaveAttribute("dir", "rtl");
  expect(await fits()).toBe(true);
  await checkA11y(officer);
  await officer.getByRole("link", { name: reference }).click();
  await expect(officer).toHaveURL(/\/manage\/naga-city\/permits\/[0-9a-f-]{36}/);
  expect(await fits()).toBe(true);
  await checkA11y(officer);
  await officer.locator("form:has(input[name=intent][value=assess]) button[type=submit]").click();
  await expect(officer.locator(".toast")).toBeVisible();
  await officer.locator("form:has(input[name=intent][value=approve]) button[type=submit]").click();
  await expect(officer.locator(".toast")).toBeVisible();
  await expect(officer.locator(".badge").first()).toHaveText("تمت الموافقة، بانتظار الدفع");
  await checkA11y(officer);
  await officer.goto("/manage/naga-city/permits/types?lng=ar");
  expect(await fits()).toBe(true);
  await checkA11y(officer);

  // The applicant pays by card; Stripe's webhook, not the redirect, records the fee.
  await page.goto(applicationUrl);
  await page.getByRole("button", { name: /^Pay ₱.+ by card$/ }).click();
  await page.waitForURL((url) => url.origin !== new URL(baseURL!).origin && url.pathname.startsWith("/c/pay/cs_test_"));
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL((url) => url.origin === new URL(baseURL!).origin && url.pathname === new URL(applicationUrl).pathname);
  await expect
    .poll(
      async () => {
        await page.goto(applicationUrl);
        return (await page.locator(".badge").first().textContent())?.trim();
      },
      { timeout: 15_000 },
    )
    .toBe("Paid, permit being issued");
  await checkA11y(page);
  await officer.goto(`${new URL(officer.url()).origin}/manage/naga-city/permits?lng=ar&status=paid`);
  await officer.getByRole("link", { name: reference }).click();
  await officer.locator("form:has(input[name=intent][value=issue]) button[type=submit]").click();
  await expect(officer.locator(".badge").first()).toHaveText("صدرت الرخصة");
  await office.close();
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
