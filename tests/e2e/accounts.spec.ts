import crypto from "node:crypto";
import { checkA11y, expect, test } from "./fixtures";
import { latestEmailLink, withE2eDatabase } from "./outbox";

const unique = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString("hex")}@example.org`;

for (const lng of ["en", "ar"] as const) {
  test(`sign up, confirm from the outbox, complete a profile, sign out and back in (${lng})`, async ({ page }) => {
    const email = unique(`e2e-${lng}`);
    await page.goto(`/signup?lng=${lng}`);
    await expect(page.locator("html")).toHaveAttribute("dir", lng === "ar" ? "rtl" : "ltr");
    await checkA11y(page);
    // Bad input first: a translated message, nothing created.
    await page.locator("#field-displayName").fill("Rosa Dela Cruz");
    await page.locator("#field-email").fill("not-an-email");
    await page.locator("#field-password").fill("short");
    await page.locator("form.form button[type=submit]").click();
    await expect(page.locator("#field-email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#field-password-error")).toBeVisible();
    await checkA11y(page);

    await page.locator("#field-email").fill(email);
    await page.locator("#field-password").fill("a long and good password");
    await page.locator("form.form button[type=submit]").click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.locator(".toast")).toContainText(email);

    // Not confirmed yet: signing in says so (only with the right password).
    await page.locator("#field-email").fill(email);
    await page.locator("#field-password").fill("a long and good password");
    await page.locator("form.form button[type=submit]").click();
    await expect(page.locator(".form-errors")).toBeVisible();

    await page.goto(await latestEmailLink(email, "confirm-signup"));
    await expect(page).toHaveURL(/\/me\/profile$/);
    await checkA11y(page);
    await page.locator("#field-countryOfResidence").selectOption("AE");
    await page.locator("#field-city").fill("Dubai");
    const naga = await page.locator("#field-hometowns option", { hasText: "Naga City" }).getAttribute("value");
    await page.locator("#field-hometowns").selectOption(naga!);
    await page.locator('input[name=willingness][value=volunteer]').check();
    await page.locator("#field-basicsVisibility").selectOption("public");
    await page.locator("#field-migrationStatus").selectOption("temporary_worker");
    await page.locator("form.form button[type=submit]").click();
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.locator("h1")).toContainText("Rosa Dela Cruz");
    await checkA11y(page);

    // What the public view shows: the basics, and never the private details.
    const [row] = await withE2eDatabase((sql) => sql`
      select pp.display_name, pp.country_of_residence, pp.willingness, ps.migration_status
      from public_profiles pp join auth.users u on u.id = pp.id join profile_sensitive ps on ps.profile_id = u.id
      where u.email = ${email}`);
    expect(row).toMatchObject({ display_name: "Rosa Dela Cruz", country_of_residence: "AE", willingness: null, migration_status: "temporary_worker" });

    await page.goto("/me/settings");
    await checkA11y(page);
    await page.locator("header form[action='/logout'] button").first().click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fme$/);
    await page.locator("#field-email").fill(email);
    await page.locator("#field-password").fill("a long and good password");
    await page.locator("form.form button[type=submit]").click();
    await expect(page).toHaveURL(/\/me$/);
  });
}

test("a wrong password gets a generic message; the reset link lets the person choose a new one", async ({ page }) => {
  await page.goto("/login?lng=en");
  await page.locator("#field-email").fill("maria.santos@example.org");
  await page.locator("#field-password").fill("not her password");
  await page.locator("form.form button[type=submit]").click();
  await expect(page.locator(".form-errors")).toContainText("do not match an account");
  await checkA11y(page);

  await page.goto("/forgot-password");
  await page.locator("#field-email").fill("maria.santos@example.org");
  await page.locator("form.form button[type=submit]").click();
  await expect(page.locator(".toast")).toContainText("maria.santos@example.org");
  await page.goto(await latestEmailLink("maria.santos@example.org", "reset-password"));
  await expect(page).toHaveURL(/\/reset-password$/);
  await checkA11y(page);
  await page.locator("#field-password").fill("maria's brand new password");
  await page.locator("form.form button[type=submit]").click();
  await expect(page).toHaveURL(/\/me$/);
});

test("the dev mailbox is refused in production", async ({ request }) => {
  expect((await request.get("/dev/mailbox")).status()).toBe(404);
});

test("staff pages refuse people without the role", async ({ page }) => {
  await page.goto("/login?lng=en&redirectTo=/me");
  await page.locator("#field-email").fill("jose.martinez@example.org");
  await page.locator("#field-password").fill("tulay-demo-member");
  await page.locator("form.form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/me");
  // Naga City's audit log is for its admins; José is a member, not staff.
  const response = await page.goto("/manage/naga-city/audit");
  expect(response?.status()).toBe(403);
  await expect(page.locator("h1")).toContainText("Not allowed");
  await checkA11y(page);
});

test("an LGU's staff see their diaspora as counts, with small groups hidden", async ({ page }) => {
  await page.goto("/login?lng=en");
  await page.locator("#field-email").fill("naga.admin@tulay.example");
  await page.locator("#field-password").fill("tulay-demo-staff");
  await page.locator("form.form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/me");
  await page.goto("/manage/naga-city");
  const countries = page.locator("table", { has: page.locator("caption", { hasText: "Country of residence" }) });
  await expect(countries.locator("tbody th")).toHaveText(["United Arab Emirates"]);
  // One member lives in Qatar: fewer than 5, so not shown anywhere.
  await expect(page.getByText("Qatar")).toHaveCount(0);
  await expect(page.locator("table", { has: page.locator("caption", { hasText: "Would like to" }) })).toContainText("Volunteer");
  await checkA11y(page);
});

test("sign-in attempts on one account are limited, with a translated message", async ({ request }) => {
  const email = unique("limited");
  const statuses: number[] = [];
  for (let i = 0; i < 9; i++) {
    const response = await request.post("/login?lng=fr", { form: { email, password: `guess number ${i}` }, maxRedirects: 0 });
    statuses.push(response.status());
    if (i === 8) expect(await response.text()).toContain("Trop de tentatives");
  }
  // 8 attempts per 15 minutes are answered "wrong password"; the 9th is refused outright.
  expect(statuses).toEqual([...Array(8).fill(400), 429]);
});
