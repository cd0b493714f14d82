/**
 * The returnee journey of the source material: a mechanic back from Saudi Arabia (Dindo, from
 * Pili, Camarines Sur) reads the guide's pension and schooling topics, finds a mechanic's job in
 * Naga, the nearby city, applies with his CV, and the employer shortlists him; he sees it. Then
 * what is refused: applying twice, a salary range upside down, a closing date in the past. Every
 * page without scripts and axe clean.
 */
import type { Browser, Page } from "@playwright/test";
import { checkA11y, expect, signIn, test } from "./fixtures";

const MECHANIC = { email: "dindo.cruz@example.org", password: "tulay-demo-member" };
const EMPLOYER = { email: "employer@tulay.example", password: "tulay-demo-staff" };

/** A small, well-formed one-page PDF. */
function cvPdf(): Buffer {
  const stream = "BT /F1 12 Tf 20 100 Td (Dindo Cruz - Automotive technician) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

async function noScripts(page: Page) {
  expect(await page.locator("script").count()).toBe(0);
}

async function as(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  return { page, close: () => context.close() };
}

test.describe.serial("a returning mechanic finds a job near home", () => {
  // A long journey with an accessibility check on every page: more than the default 30 s when the machine is busy.
  test.describe.configure({ timeout: 120_000 });
  let applicationUrl = "";

  test("reads the guide, finds a mechanic's job in Naga through search and through his profile, and applies with his CV", async ({ page }) => {
    await signIn(page, MECHANIC.email, MECHANIC.password);

    // The guide: pensions (SSS contributions paid abroad) and schooling of children born abroad.
    await page.goto("/return/rights?lng=en");
    await expect(page.locator(".prose")).toContainText("Contributions you paid to the SSS while abroad");
    await page.goto("/return/families");
    await expect(page.locator(".prose")).toContainText("placement test");

    // Jobs for him: his profile says mechanic (ISCO-08 72) and his hometown is Pili, next to Naga.
    await page.goto("/me/jobs");
    const forYou = page.locator("article", { hasText: "Automotive mechanic" });
    await expect(forYou).toBeVisible();
    await expect(forYou.getByText("Your occupation: Metal, machinery and related trades workers")).toBeVisible();
    await expect(forYou.getByText("Skills you have: Motor vehicle mechanics")).toBeVisible();
    await expect(forYou.getByText("Near where you want to work: Naga City")).toBeVisible();
    await expect(forYou.getByText(/^Fit: \d+ \/ 100$/)).toBeVisible();
    await noScripts(page);
    await checkA11y(page);
    // The same job on "For you", beside the engine's other matches, with the same reasons.
    await page.goto("/me/matches");
    const jobsSection = page.getByRole("region", { name: "Jobs" });
    const matched = jobsSection.locator("li", { has: page.getByRole("link", { name: "Automotive mechanic" }) });
    await expect(matched).toBeVisible();
    await expect(matched.getByText("Skills you have: Motor vehicle mechanics")).toBeVisible();
    await checkA11y(page);

    // Search: "mechanic" in Camarines Sur, the province of both Pili and Naga.
    await page.goto("/jobs");
    await page.getByLabel("Words").fill("mechanic");
    await page.getByLabel("Region or province").selectOption({ label: "Camarines Sur (Philippines)" });
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/q=mechanic/);
    await expect(page.getByRole("link", { name: "Automotive mechanic" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Heavy equipment mechanic, City Engineering Office" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Tourism information officer" })).toHaveCount(0);
    await noScripts(page);
    await checkA11y(page);

    await page.getByRole("link", { name: "Automotive mechanic" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Automotive mechanic");
    await expect(page.getByText("₱18,000.00 – ₱25,000.00")).toBeVisible();
    await noScripts(page);
    await checkA11y(page);

    await page.getByRole("link", { name: "Apply" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Automotive mechanic");
    await checkA11y(page);
    await page.getByLabel("Cover note").fill("Nine years as an automotive technician in Riyadh; my certificate is recognised by TESDA (NC II).");
    await page.getByLabel("CV file").setInputFiles({ name: "Dindo Cruz CV.pdf", mimeType: "application/pdf", buffer: cvPdf() });
    await page.getByRole("button", { name: "Send my application" }).click();
    await expect(page).toHaveURL(/\/me\/applications\/[0-9a-f-]{36}$/);
    await expect(page.getByText(/^Status: New \(since/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Dindo-Cruz-CV.pdf" })).toBeVisible();
    applicationUrl = page.url();
    await checkA11y(page);
  });

  test("the employer sees him in the pipeline, with his recognised certificate, and shortlists him", async ({ browser }) => {
    const employer = await as(browser, EMPLOYER);
    const page = employer.page;
    await page.goto("/me/organisations/bicol-auto-works/jobs");
    await page.getByRole("link", { name: "Automotive mechanic" }).click();
    await expect(page.getByRole("heading", { name: "Applicants", level: 2 })).toBeVisible();
    await page.getByRole("link", { name: "Only applicants with a certificate recognised here" }).click();
    await expect(page.getByRole("link", { name: "Dindo Cruz" })).toBeVisible();
    await noScripts(page);
    await checkA11y(page);

    await page.getByRole("link", { name: "Dindo Cruz" }).click();
    await expect(page.getByText("Automotive Technician Level 3")).toBeVisible();
    await expect(page.getByText("Recognised locally")).toBeVisible();
    await expect(page.getByText(MECHANIC.email)).toHaveCount(0);
    await checkA11y(page);
    await page.getByLabel("New stage").selectOption("shortlisted");
    await page.getByLabel("Note (for your team)").fill("Strong diagnostics; call for a trial day.");
    await page.getByRole("button", { name: "Move" }).click();
    await expect(page.getByText("Stage: Shortlisted", { exact: true })).toBeVisible();
    await page.getByLabel("Message", { exact: true }).fill("Hello Dindo, can you come for a trial day on Monday at 8:00?");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByText("The message is sent.")).toBeVisible();
    await checkA11y(page);
    await employer.close();
  });

  test("he sees that he is shortlisted, and the message; applying again is refused", async ({ page }) => {
    await signIn(page, MECHANIC.email, MECHANIC.password);
    await page.goto(applicationUrl);
    await expect(page.getByText(/^Status: Shortlisted \(since/)).toBeVisible();
    await expect(page.getByText("can you come for a trial day on Monday")).toBeVisible();
    await expect(page.getByText("Strong diagnostics")).toHaveCount(0);
    await page.goto("/me/applications");
    await expect(page.getByRole("row", { name: /Automotive mechanic/ })).toContainText("Shortlisted");
    await checkA11y(page);

    // The job page now says he applied; posting the form again anyway is refused, nothing stored twice.
    await page.getByRole("link", { name: "Automotive mechanic" }).click();
    await page.getByRole("link", { name: "Automotive mechanic" }).click();
    await expect(page.getByText("You applied to this job.")).toBeVisible();
    const jobUrl = page.url();
    await page.goto(`${jobUrl}/apply`);
    await page.getByLabel("CV file").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: cvPdf() });
    await page.getByRole("button", { name: "Send my application" }).click();
    await expect(page.getByRole("alert")).toContainText("You have already applied to this job");
  });
});

test("a CV that is not a PDF or Word file is refused beside the field", async ({ page }) => {
  await signIn(page, "amina.aitali@example.org", "tulay-demo-member");
  await page.goto("/jobs?q=electrician&lng=en");
  await page.getByRole("link", { name: "Auto electrician" }).click();
  await page.getByRole("link", { name: "Apply" }).click();
  await page.getByLabel("CV file").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: Buffer.from("GIF89a not a pdf at all") });
  await page.getByRole("button", { name: "Send my application" }).click();
  await expect(page.locator(".field__error")).toHaveText("The CV must be a PDF or a Word (.docx) file.");
  await checkA11y(page);
});

test("the employer's bad input is refused with a clear message: salary upside down, closing date in the past", async ({ browser }) => {
  test.setTimeout(60_000);
  const employer = await as(browser, EMPLOYER);
  const page = employer.page;
  await page.goto("/me/organisations/bicol-auto-works/jobs/new?lng=en");
  await checkA11y(page);
  await page.getByLabel("Job title").fill("Tire technician");
  await page.getByLabel("Description", { exact: true }).fill("Mount, balance and repair tires for cars and light trucks.");
  await page.getByLabel("Sector").selectOption("G");
  await page.getByLabel("Occupation (ISCO-08)").selectOption("72");
  await page.getByLabel("Place of work").selectOption({ label: "Naga City (Camarines Sur)" });
  await page.getByRole("textbox", { name: "From", exact: true }).fill("30,000");
  await page.getByRole("textbox", { name: "To", exact: true }).fill("20,000");
  await page.getByLabel("Closing date").fill("2020-01-31");
  await page.getByRole("button", { name: "Post the job" }).click();
  await expect(page.getByText("The lowest salary cannot be above the highest.")).toBeVisible();
  await expect(page.getByText("The closing date cannot be in the past.")).toBeVisible();
  await checkA11y(page);
  await page.goto("/me/organisations/bicol-auto-works/jobs");
  await expect(page.getByRole("link", { name: "Tire technician" })).toHaveCount(0);
  await employer.close();
});
