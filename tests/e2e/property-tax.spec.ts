import { checkA11y, expect, test } from "./fixtures";

const MEMBER = ["amina.aitali@example.org", "tulay-demo-member"] as const;
const STAFF = ["naga.admin@tulay.example", "tulay-demo-staff"] as const;

test("a treasurer imports assessments; a visitor looks one up, pays it in the sandbox and downloads the receipt; the treasurer sees the payment", async ({ browser }) => {
  test.setTimeout(120_000);
  const td = `TD-E2E-${Date.now().toString(36).toUpperCase()}`;
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await staff.goto("/login?lng=en");
  await staff.locator("#field-email").fill(STAFF[0]);
  await staff.locator("#field-password").fill(STAFF[1]);
  await staff.locator("form.form button[type=submit]").click();
  await staff.waitForURL((url) => url.pathname === "/me");

  await staff.goto("/manage/naga-city/property-tax?lng=en");
  await expect(staff.getByText("No imports yet.")).toBeVisible();
  await checkA11y(staff);
  // No file: the message is beside the field.
  await staff.getByRole("button", { name: "Upload and import" }).click();
  await expect(staff.locator("#import-file-error")).toHaveText("Choose a CSV file to upload.");
  await checkA11y(staff);
  const csv = [
    "tax_declaration_number,property_location,owner_name,assessed_value,tax_due,due_date,penalties",
    `${td},"Purok 3, Barangay Sabang","Dela Cruz, Juan","150,000.00","1,500.00",2099-12-31,`,
    `${td}-B,Purok 4,Maria Santos,-10,100,2099-12-31,`,
    `${td}-C,Purok 5,"Reyes, Ana","20,000.00",240.50,2099-12-31,`,
  ].join("\n");
  await staff.locator("#import-file").setInputFiles({ name: "assessments.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await staff.getByRole("button", { name: "Upload and import" }).click();
  await expect(staff).toHaveURL(/\/manage\/naga-city\/property-tax\/imports\//);
  // The page refreshes itself until the background job has run.
  await expect(staff.locator(".badge").first()).toHaveText("Imported", { timeout: 20_000 });
  await expect(staff.locator("table.data")).toContainText("The amount cannot be negative.");
  await checkA11y(staff);
  const report = await staff.request.get(`${new URL(staff.url()).pathname}/rejected.csv`);
  expect(report.headers()["content-type"]).toContain("text/csv");
  expect(await report.text()).toContain("2,3,assessed_value,The amount cannot be negative.");

  // A visitor, not signed in: a wrong name and a wrong number get the same answer.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto("/lgus/naga-city?lng=en");
  await visitor.getByRole("link", { name: /Real property tax/ }).click();
  await expect(visitor).toHaveURL(/\/lgus\/naga-city\/property-tax/);
  await checkA11y(visitor);
  await visitor.locator("#field-taxDeclarationNumber").fill(td);
  await visitor.locator("#field-lastName").fill("Santos");
  await visitor.getByRole("button", { name: "Look up" }).click();
  const notFound = "We found no assessment with this tax declaration number and last name.";
  await expect(visitor.locator(".form-errors")).toContainText(notFound);
  await checkA11y(visitor);
  await visitor.locator("#field-taxDeclarationNumber").fill(`${td}-X`);
  await visitor.locator("#field-lastName").fill("Dela Cruz");
  await visitor.getByRole("button", { name: "Look up" }).click();
  await expect(visitor.locator(".form-errors")).toContainText(notFound);
  await visitor.locator("#field-taxDeclarationNumber").fill(td.toLowerCase());
  await visitor.locator("#field-lastName").fill("dela cruz");
  await visitor.getByRole("button", { name: "Look up" }).click();
  await expect(visitor.locator("#results-title")).toBeVisible();
  await expect(visitor.locator(".facts").first()).toContainText("₱1,500.00");
  await checkA11y(visitor);

  // Paying needs an account: sign in, come back to the payment, pay in the sandbox.
  await visitor.getByRole("link", { name: "Pay online" }).click();
  await expect(visitor).toHaveURL(/\/login/);
  await visitor.locator("#field-email").fill(MEMBER[0]);
  await visitor.locator("#field-password").fill(MEMBER[1]);
  await visitor.locator("form.form button[type=submit]").click();
  await expect(visitor).toHaveURL(/\/lgus\/naga-city\/property-tax\/pay\//);
  await expect(visitor.locator(".sandbox-banner")).toBeVisible();
  await checkA11y(visitor);
  await visitor.getByRole("button", { name: /1,500\.00 \(test payment\)/ }).click();
  await expect(visitor).toHaveURL(/\/lgus\/naga-city\/property-tax\/receipts\/NAGA-CITY-OR-/);
  await expect(visitor.getByRole("heading", { name: "Payment received" })).toBeVisible();
  await checkA11y(visitor);
  const receiptNumber = (await visitor.locator("dd[dir=ltr]").first().textContent())!.trim();
  const [download] = await Promise.all([visitor.waitForEvent("download"), visitor.getByRole("link", { name: "Download the receipt (PDF)" }).click()]);
  expect(download.suggestedFilename()).toBe(`${receiptNumber}.pdf`);
  const pdf = await visitor.request.get(`/lgus/naga-city/property-tax/receipts/${receiptNumber}.pdf`);
  expect([pdf.status(), pdf.headers()["content-type"]]).toEqual([200, "application/pdf"]);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await visitorContext.close();

  // The treasurer sees it, and exports it.
  await staff.goto("/manage/naga-city/property-tax/payments?lng=en");
  await expect(staff.locator("table.data")).toContainText(receiptNumber);
  await expect(staff.locator("table.data")).toContainText("₱1,500.00");
  await checkA11y(staff);
  const exported = await staff.request.get("/manage/naga-city/property-tax/payments.csv");
  expect(await exported.text()).toContain(`${receiptNumber},`);

  // An owner pays the third one in cash at the treasury; the treasurer records it, on a phone, in Arabic.
  await staff.setViewportSize({ width: 390, height: 844 });
  await staff.goto("/manage/naga-city/property-tax/counter?lng=ar");
  await expect(staff.locator("html")).toHaveAttribute("dir", "rtl");
  await staff.locator("#counter-declaration").fill(`${td}-C`);
  await staff.locator("#counter-declaration").press("Enter");
  await expect(staff.locator("article.card")).toContainText("Reyes, Ana");
  await checkA11y(staff);
  const amount = staff.locator("article.card input[name=amount]");
  await expect(amount).toHaveValue("240.50");
  // A mistyped amount is refused beside the field, and nothing is recorded.
  await amount.fill("24.05");
  await staff.getByRole("button", { name: "تسجيل الدفعة" }).click();
  await expect(staff.locator("article.card .field__error")).toHaveText("يجب أن يكون المبلغ المستلم هو إجمالي المستحق اليوم، شاملًا الضريبة والغرامة.");
  await checkA11y(staff);
  await staff.locator("article.card input[name=amount]").fill("240.50");
  await staff.getByRole("button", { name: "تسجيل الدفعة" }).click();
  await expect(staff).toHaveURL(/\/manage\/naga-city\/property-tax\/payments/);
  await expect(staff.getByRole("status").filter({ hasText: "سُجّلت الدفعة" })).toBeVisible();
  await expect(staff.locator("table.data")).toContainText("نقدًا");
  expect(await staff.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await checkA11y(staff);
  await staffContext.close();
});
