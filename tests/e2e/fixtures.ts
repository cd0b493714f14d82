/**
 * Shared e2e fixtures: every page's console errors fail the test (hydration mismatches included),
 * and `checkA11y` runs axe-core on the page as it is.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import type en from "../../public/locales/en/common.json";

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));
      await use(errors);
      // Refused input (400, 403, 404, 409, 429 are answers the tests ask for) logs a resource error
      // in Chromium; anything else — a 500, a hydration mismatch, a script error — is a bug.
      const unexpected = errors.filter((e) => !/status of (400|403|404|409|429) /.test(e));
      expect(unexpected, "console errors on the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function checkA11y(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, "axe violations").toEqual([]);
}

/** A locale file, typed like the English one (every locale has its keys; a unit test checks). */
export function translations(lng: string): typeof en {
  return JSON.parse(readFileSync(path.resolve("public/locales", lng, "common.json"), "utf8"));
}

/** Signs in through the login form (in English) and waits for the member's home page. */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login?lng=en");
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.locator("form.form button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/me");
}
