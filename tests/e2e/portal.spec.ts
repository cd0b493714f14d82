import { withE2eDatabase } from "./outbox";
import { checkA11y, expect, test, translations } from "./fixtures";

const languages = [
  { lng: "en", dir: "ltr" },
  { lng: "fil", dir: "ltr" },
  { lng: "es", dir: "ltr" },
  { lng: "fr", dir: "ltr" },
  { lng: "ar", dir: "rtl" },
] as const;

for (const { lng, dir } of languages) {
  test(`home page in ${lng}: translated, ${dir}, accessible`, async ({ page }) => {
    const t = translations(lng);
    await page.goto(`/?lng=${lng}`);
    await expect(page.locator("html")).toHaveAttribute("lang", lng);
    await expect(page.locator("html")).toHaveAttribute("dir", dir);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.home.heroTitle);
    await expect(page.getByRole("navigation", { name: t.nav.mainLabel }).getByRole("link", { name: t.nav.projects })).toBeVisible();
    await expect(page.getByRole("link", { name: "City Government of Naga" })).toBeVisible();
    await checkA11y(page);
    // The ?lng= choice is remembered: the next page without it is still in that language.
    await page.goto("/lgus");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(t.lgus.title);
  });
}

test("Arabic mirrors the layout", async ({ page }) => {
  await page.goto("/?lng=ar");
  const brand = await page.locator(".brand").boundingBox();
  const viewport = page.viewportSize()!;
  // In RTL the brand sits at the right edge of the header.
  expect(brand!.x + brand!.width).toBeGreaterThan(viewport.width / 2);
});

test("LGU directory and an LGU page; an unverified LGU is not public", async ({ page }) => {
  // Other specs verify LGUs of their own while this one runs: count what the database holds.
  const [row] = await withE2eDatabase((sql) => sql<{ verified: number }[]>`
    select count(*)::int as verified from lgus where verification_status = 'verified'`);
  const verified = row!.verified;
  expect(verified).toBeGreaterThanOrEqual(5);
  await page.goto("/lgus?lng=en");
  await expect(page.getByText(/^\d+ local governments$/)).toBeVisible();
  const shown = Number((await page.getByText(/^\d+ local governments$/).textContent())!.split(" ")[0]);
  // The page and the database agree (give or take an LGU verified by a parallel spec meanwhile).
  expect(Math.abs(shown - verified)).toBeLessThanOrEqual(1);
  await checkA11y(page);
  await page.getByRole("link", { name: "Commune de Taliouine" }).click();
  await expect(page).toHaveURL(/\/lgus\/taliouine$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Commune de Taliouine");
  await expect(page.getByText("Morocco › Souss-Massa › Taroudant › Taliouine")).toBeVisible();
  await checkA11y(page);

  // French readers get the commune's own French description.
  await page.goto("/lgus/taliouine?lng=fr");
  await expect(page.getByText(/capitale du safran/)).toBeVisible();

  const response = await page.goto("/lgus/diourbel?lng=en");
  expect(response?.status()).toBe(404);
});

test("unknown pages get a translated 404", async ({ page }) => {
  const response = await page.goto("/no-such-page?lng=es");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(translations("es").errors.notFoundTitle);
  await checkA11y(page);
});

test("section pages say honestly what is coming", async ({ page }) => {
  // /invest and /jobs are real pages now (tests/e2e/investments.spec.ts, tests/e2e/jobs.spec.ts).
  for (const section of ["services", "volunteer"] as const) {
    await page.goto(`/${section}?lng=en`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(translations("en").sections[section].title);
    await expect(page).toHaveTitle(new RegExp(translations("en").sections[section].title));
    await checkA11y(page);
  }
});

test("the mobile layout is accessible with the menu open", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/?lng=ar");
  const t = translations("ar");
  await page.getByText(t.nav.menu).click();
  await expect(page.getByRole("navigation", { name: t.nav.mainLabel }).getByRole("link", { name: t.nav.lgus })).toBeVisible();
  await checkA11y(page);
});

test("skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/?lng=en");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("security headers and the CSP nonce", async ({ page, request }) => {
  const response = await page.goto("/");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  // Every inline script carries this response's nonce (the browser hides it from the DOM property,
  // so read the raw HTML). The sign-in page hydrates; the home page ships no script at all.
  const html = await (await request.get("/login")).text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toMatch(/nonce="[^"]+"/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  expect(headers["content-encoding"]).toMatch(/^(gzip|br)$/);
});

test("public reading pages ship no JavaScript, and still work", async ({ page, request }) => {
  for (const path of ["/", "/projects", "/projects?q=water", "/projects/naga-river-revitalisation", "/lgus", "/lgus/naga-city"]) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toMatch(/<script\b/);
    expect(html, path).not.toMatch(/modulepreload/);
  }
  const scripts: string[] = [];
  page.on("request", (r) => {
    if (r.resourceType() === "script") scripts.push(r.url());
  });
  await page.goto("/projects");
  await page.getByLabel("Search (any language)").fill("ilog");
  await page.getByRole("button", { name: "Show projects" }).click();
  await expect(page).toHaveURL(/q=ilog/);
  await expect(page.getByRole("link", { name: /Naga River/ })).toBeVisible();
  expect(scripts).toEqual([]);
});

test("/healthz checks the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  expect(response.headers()["cache-control"]).toBe("no-store");
});

test("bad input never produces a 500", async ({ request }) => {
  for (const url of ["/lgus?page=abc", "/lgus?page=-4", "/lgus?page=99999999", "/lgus?lng=xx", "/?lng=../../etc"]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
  }
  for (const url of ["/lgus/NAGA", "/lgus/%E2%80%8B", `/lgus/${"a".repeat(500)}`, "/lgus/naga-city%00"]) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(404);
  }
  // A page past the end shows the last page rather than an empty list.
  const tooFar = await (await request.get("/lgus?page=99999999&lng=en")).text();
  expect(tooFar).toContain("City Government of Naga");
});

test("the browser's Accept-Language picks the language when nothing else does", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR", extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5" } });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(translations("fr").home.heroTitle);
  await context.close();
});

test("the language page explains itself when opened directly", async ({ page }) => {
  await page.goto("/language?lng=fil");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(translations("fil").language.label);
  await checkA11y(page);
});
