import { expect, test, translations } from "./fixtures";

// axe needs JavaScript in the page, so these pages are checked for accessibility in the other specs.

test.use({ javaScriptEnabled: false });

test("the language switcher works without JavaScript, remembers the choice and confirms with a toast", async ({ page, context }) => {
  await page.goto("/lgus?lng=en");
  await page.getByLabel("Language").selectOption("fil");
  await page.getByRole("button", { name: "Change language" }).click();
  const fil = translations("fil");
  await expect(page).toHaveURL(/\/lgus$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fil");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fil.lgus.title);
  await expect(page.getByRole("status")).toContainText(fil.language.changed.replace("{{language}}", "Filipino"));
  const cookies = await context.cookies();
  // Remix cookies hold JSON, base64-encoded.
  const raw = cookies.find((c) => c.name === "lng")?.value ?? "";
  expect(JSON.parse(Buffer.from(decodeURIComponent(raw), "base64").toString("utf8"))).toBe("fil");
  // The toast is shown once.
  await page.goto("/");
  await expect(page.getByRole("status")).toHaveText("");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(fil.home.heroTitle);
});

test("a bad language choice is refused with a translated message and changes nothing", async ({ request }) => {
  const response = await request.post("/language?lng=es", { form: { language: "xx", returnTo: "/" }, maxRedirects: 0 });
  expect(response.status()).toBe(400);
  // No success toast, and the only language cookie is the one ?lng=es asked for, not "xx".
  const setCookie = response.headers()["set-cookie"] ?? "";
  expect(setCookie).not.toContain("tulay_toast=");
  const lng = /lng=([^;]+)/.exec(setCookie)?.[1];
  if (lng) expect(JSON.parse(Buffer.from(decodeURIComponent(lng), "base64").toString("utf8"))).toBe("es");
  expect(await response.text()).toContain(translations("es").language.invalid);
});

test("the mobile menu opens without JavaScript", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await page.goto("/?lng=en");
  const nav = page.getByRole("navigation", { name: "Main sections" });
  const lgusLink = nav.getByRole("link", { name: "LGUs" });
  await expect(lgusLink).toBeHidden();
  await nav.getByText("Menu").click();
  await expect(lgusLink).toBeVisible();
  await lgusLink.click();
  await expect(page).toHaveURL(/\/lgus$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Local governments");
});

test("pages render fully on the server", async ({ page }) => {
  await page.goto("/lgus/naga-city?lng=fil");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("City Government of Naga");
  await expect(page.getByText(/Ang puso ng Bikol/)).toBeVisible();
});
