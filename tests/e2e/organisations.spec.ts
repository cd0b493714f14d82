/**
 * The organisation and LGU journey, in English and in Arabic (right to left): a member signs up,
 * creates an association and invites someone by email; the invitee signs up and accepts; the first
 * member registers an LGU and applies for verification with a PDF; a platform admin approves it;
 * the LGU page is then public. Axe runs on every page visited.
 */
import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import type enAdmin from "../../public/locales/en/admin.json";
import type enOrganisations from "../../public/locales/en/organisations.json";
import { samplePdf } from "../support/org-factories";
import { checkA11y, expect, test } from "./fixtures";
import { latestEmailLink, withE2eDatabase } from "./outbox";

const strings = <T>(lng: string, ns: string): T => JSON.parse(readFileSync(path.resolve("public/locales", lng, `${ns}.json`), "utf8")) as T;
const suffix = () => crypto.randomBytes(3).toString("hex");
const PASSWORD = "a long and good password";
const ADMIN = { email: "admin@tulay.example", password: "tulay-demo-admin" };

async function expectDirection(page: Page, lng: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lng);
  await expect(page.locator("html")).toHaveAttribute("dir", lng === "ar" ? "rtl" : "ltr");
}

/** Sign-up and the confirmation link from the outbox, which signs the new member in. */
async function signUpAndConfirm(page: Page, lng: string, name: string, email: string) {
  await page.goto(`/signup?lng=${lng}`);
  await page.locator("#field-displayName").fill(name);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(PASSWORD);
  await page.locator("form.form button[type=submit]").click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto(await latestEmailLink(email, "confirm-signup"));
  await expect(page).toHaveURL(/\/me\/profile$/);
}

async function signIn(page: Page, lng: string, email: string, password: string, redirectTo: string) {
  await page.goto(`/login?${new URLSearchParams({ lng, redirectTo })}`);
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.locator("form.form button[type=submit]").click();
  await expect(page).toHaveURL(new RegExp(`${redirectTo}$`));
}

/** The demo seed has the platform admin; when it is not there (an older seed), make it the way an operator would. */
async function ensurePlatformAdmin() {
  await withE2eDatabase(async (sql) => {
    const [existing] = await sql`select id from auth.users where email = ${ADMIN.email}`;
    if (existing) return;
    const { default: bcrypt } = await import("bcryptjs");
    const [user] = await sql<{ id: string }[]>`
      insert into auth.users (id, aud, role, email, encrypted_password, email_confirmed_at, raw_user_meta_data)
      values (gen_random_uuid(), 'authenticated', 'authenticated', ${ADMIN.email}, ${bcrypt.hashSync(ADMIN.password, 10)}, now(),
              '{"display_name":"Tulay Admin"}'::jsonb)
      returning id`;
    await sql`insert into profiles (id, display_name) values (${user!.id}, 'Tulay Admin') on conflict do nothing`;
    await sql`insert into platform_admins (user_id) values (${user!.id}) on conflict do nothing`;
  });
}

/**
 * Another person's browser. Staff pages must work without JavaScript, so with `noScripts` the app's
 * scripts are not loaded (forms submit natively) while axe, injected by the test, still runs.
 */
async function newPage(browser: Browser, options: { noScripts?: boolean } = {}) {
  const context = await browser.newContext();
  if (options.noScripts) await context.route(/\/build\/.*\.js(\?.*)?$/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    const text = message.text();
    // Refused input answers 400 and hidden pages 404 on purpose; blocked scripts fail to load on purpose.
    if (message.type() !== "error" || /status of 40[04]/.test(text)) return;
    if (options.noScripts && /ERR_FAILED|module script|dynamically imported/i.test(text)) return;
    errors.push(text);
  });
  return { page, errors, close: () => context.close() };
}

for (const lng of ["en", "ar"] as const) {
  test(`an association invites a member; an LGU applies and a platform admin verifies it (${lng})`, async ({ page, browser }) => {
    test.setTimeout(180_000);
    const t = strings<typeof enOrganisations>(lng, "organisations");
    const ta = strings<typeof enAdmin>(lng, "admin");
    const run = suffix();
    const officerEmail = `officer-${lng}-${run}@example.org`;
    const inviteeEmail = `invitee-${lng}-${run}@example.org`;
    const associationName = `Samahang Naga ${lng.toUpperCase()} ${run}`;
    const lguName = `Municipality of Testbayan ${lng.toUpperCase()} ${run}`;

    // 1. The officer signs up, confirms, and creates an association.
    await signUpAndConfirm(page, lng, "Rosa Villanueva", officerEmail);
    await page.goto(`/organisations/new?lng=${lng}`);
    await expectDirection(page, lng);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.create.title);
    // This browser runs the app's scripts (the others below do not).
    await expect.poll(() => page.evaluate(() => "__remixRouter" in window)).toBe(true);
    await checkA11y(page);
    // Bad input first: translated errors beside the fields, nothing created.
    await page.locator("#field-name").fill("X");
    await page.getByRole("button", { name: t.create.submit }).click();
    await expect(page.locator("#field-name-error")).toHaveText(t.validation.nameTooShort);
    await expect(page.locator("#field-associationLevel-error")).toHaveText(t.validation.levelRequired);
    await expect(page.locator("#field-name")).toHaveAttribute("aria-invalid", "true");
    await checkA11y(page);

    await page.locator("#field-kind").selectOption("association");
    await page.locator("#field-associationLevel").selectOption("local");
    await page.locator("#field-name").fill(associationName);
    await page.locator("#field-homePlaceId").selectOption({ label: "Naga City (Camarines Sur)" });
    await page.locator("#field-cityAbroad").fill("Toronto");
    await page.locator("#field-countryAbroad").selectOption("CA");
    await page.locator("#field-contactEmail").fill(officerEmail);
    await page.locator("#field-description").fill("Scholarships for students from Naga.");
    await page.getByRole("button", { name: t.create.submit }).click();
    await expect(page).toHaveURL(/\/me\/organisations\/samahang-naga-[a-z]+-[0-9a-f]+$/);
    const associationPath = new URL(page.url()).pathname;
    const associationSlug = associationPath.split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(associationName);
    await expect(page.locator(".toast p")).toHaveText(t.create.created);
    await checkA11y(page);

    // Not public yet: the public page is a 404 for others, and shows its members a notice.
    await page.goto(`/associations/${associationSlug}`);
    await expect(page.locator(".notice")).toBeVisible();
    await checkA11y(page);

    // 2. The officer invites a member by email.
    await page.goto(associationPath);
    await page.locator("#field-email").fill(inviteeEmail);
    await page.locator("#field-role").selectOption("member");
    await page.getByRole("button", { name: t.members.inviteSubmit }).click();
    await expect(page.locator(".toast")).toContainText(inviteeEmail);
    await expect(page.getByRole("table", { name: t.members.pendingTitle })).toContainText(inviteeEmail);
    await checkA11y(page);

    // 3. The invitee signs up, confirms and accepts (in their own browser, without JavaScript).
    const invitee = await newPage(browser, { noScripts: true });
    try {
      const invitationLink = await latestEmailLink(inviteeEmail, "invitation");
      expect(invitationLink).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
      await invitee.page.goto(`${invitationLink}?lng=${lng}`);
      expect(await invitee.page.evaluate(() => "__remixRouter" in window)).toBe(false);
      await expectDirection(invitee.page, lng);
      await expect(invitee.page.locator(".lead")).toContainText(associationName);
      await expect(invitee.page.locator("#main").getByRole("link", { name: t.invitations.signIn })).toHaveAttribute(
        "href",
        /^\/login\?redirectTo=%2Finvitations%2F/
      );
      await checkA11y(invitee.page);

      await signUpAndConfirm(invitee.page, lng, "Jun Bautista", inviteeEmail);
      await invitee.page.goto(invitationLink);
      await checkA11y(invitee.page);
      await invitee.page.getByRole("button", { name: t.invitations.accept }).click();
      await expect(invitee.page).toHaveURL(new RegExp(`${associationPath}$`));
      await expect(invitee.page.locator(".toast p")).toHaveText(t.invitations.accepted);
      await expect(invitee.page.getByRole("table", { name: t.members.title })).toContainText("Rosa Villanueva");
      await expect(invitee.page.getByRole("table", { name: t.members.title })).toContainText("Jun Bautista");
      await checkA11y(invitee.page);
      await invitee.page.goto("/me/organisations");
      await expect(invitee.page.getByRole("table", { name: t.mine.organisationsTitle })).toContainText(associationName);
      await checkA11y(invitee.page);
      expect(invitee.errors, "console errors in the invitee's browser").toEqual([]);
    } finally {
      await invitee.close();
    }

    // 4. The officer registers an LGU and applies for verification with a PDF.
    await page.goto("/lgus/register");
    await checkA11y(page);
    await page.locator("#field-name").fill(lguName);
    await page.locator("#field-placeId").selectOption({ label: "Laoag City (Ilocos Norte)" });
    await page.locator("#field-contactEmail").fill(`mayor-${run}@testbayan.example`);
    await page.getByRole("button", { name: t.registerLgu.submit }).click();
    await expect(page).toHaveURL(/\/manage\/municipality-of-testbayan-[a-z]+-[0-9a-f]+$/);
    const lguSlug = new URL(page.url()).pathname.split("/").pop()!;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lguName);
    await checkA11y(page);
    // Unverified: not public.
    expect((await page.request.get(`/lgus/${lguSlug}`)).status()).toBe(404);

    await page.goto(`/manage/${lguSlug}/staff`);
    await expect(page.getByRole("table", { name: t.staff.listTitle })).toContainText("Rosa Villanueva");
    await checkA11y(page);

    await page.goto(`/manage/${lguSlug}/verification`);
    await checkA11y(page);
    // A text file named .pdf is refused by its bytes.
    await page
      .locator("#field-evidence")
      .setInputFiles({ name: "resolution.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf at all") });
    await page.getByRole("button", { name: t.verification.submit }).click();
    await expect(page.locator("#field-evidence-error")).toHaveText(t.verification.errors.fileType);
    await checkA11y(page);
    await page
      .locator("#field-evidence")
      .setInputFiles({ name: "Sangguniang Resolution.pdf", mimeType: "application/pdf", buffer: samplePdf() });
    await page.locator("#field-note").fill("Resolution No. 42, signed by the mayor.");
    await page.getByRole("button", { name: t.verification.submit }).click();
    await expect(page.locator(".toast p")).toHaveText(t.verification.applied);
    await expect(page.locator(".notice")).toHaveText(t.verification.statusNotice.pending);
    await expect(page.getByRole("table", { name: t.verification.historyTitle })).toContainText(t.requestStatus.pending);
    await checkA11y(page);

    await page.goto(`/manage/${lguSlug}/audit`);
    await expect(page.getByRole("table")).toContainText(ta.audit.actions.verification_requests.insert);
    await checkA11y(page);

    // 5. A platform admin reviews the evidence and approves (without JavaScript).
    await ensurePlatformAdmin();
    const admin = await newPage(browser, { noScripts: true });
    try {
      await signIn(admin.page, lng, ADMIN.email, ADMIN.password, "/admin");
      // The app's scripts really are off: nothing hydrated, every form below submits natively.
      expect(await admin.page.evaluate(() => "__remixRouter" in window)).toBe(false);
      await expectDirection(admin.page, lng);
      await checkA11y(admin.page);
      await admin.page
        .getByRole("row", { name: new RegExp(lguName) })
        .getByRole("link", { name: ta.queue.review })
        .click();
      await expect(admin.page.getByRole("heading", { level: 1 })).toContainText(lguName);
      await checkA11y(admin.page);
      const evidenceHref = await admin.page.getByRole("link", { name: new RegExp(ta.review.openEvidence) }).getAttribute("href");
      const evidence = await admin.page.request.get(evidenceHref!);
      expect(evidence.status()).toBe(200);
      expect(evidence.headers()["content-type"]).toBe("application/pdf");
      expect(evidence.headers()["content-disposition"]).toMatch(/^attachment;/);
      expect((await evidence.body()).subarray(0, 5).toString()).toBe("%PDF-");

      // A rejection without a reason is refused and changes nothing.
      await admin.page.getByRole("button", { name: ta.review.reject }).click();
      await expect(admin.page.locator("#field-reason-error")).toHaveText(ta.validation.reasonRequired);
      await checkA11y(admin.page);
      await admin.page.getByRole("button", { name: ta.review.approve }).click();
      await expect(admin.page).toHaveURL(/\/admin$/);
      await expect(admin.page.locator(".toast p")).toHaveText(ta.review.approved);
      await expect(admin.page.getByRole("row", { name: new RegExp(lguName) })).toHaveCount(0);

      await admin.page.goto(`/admin/audit?action=verification_requests.update`);
      await expect(admin.page.getByRole("table")).toContainText(ta.audit.actions.verification_requests.update);
      await checkA11y(admin.page);
      expect(admin.errors, "console errors in the admin's browser").toEqual([]);
    } finally {
      await admin.close();
    }

    // 6. The LGU is public now, and its registrant was told.
    expect(await latestEmailLink(officerEmail, "verification-approved")).toContain(`/manage/${lguSlug}/verification`);
    const visitor = await newPage(browser);
    try {
      const response = await visitor.page.goto(`/lgus/${lguSlug}?lng=${lng}`);
      expect(response?.status()).toBe(200);
      await expect(visitor.page.getByRole("heading", { level: 1 })).toHaveText(lguName);
      await checkA11y(visitor.page);
      // The association is still unverified: not public.
      expect((await visitor.page.goto(`/associations/${associationSlug}`))?.status()).toBe(404);
    } finally {
      await visitor.close();
      // Clean up: other specs count the demo's verified LGUs.
      await withE2eDatabase(async (sql) => {
        await sql`delete from lgus where slug = ${lguSlug}`;
        await sql`delete from organisations where slug = ${associationSlug}`;
      });
    }
  });
}
