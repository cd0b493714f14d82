/**
 * A card gift in a real browser, through the local fake of Stripe (tests/support/fake-stripe-server.ts,
 * started by playwright.config.ts): the give page sends the donor to the fake's hosted checkout,
 * paying there delivers Stripe's signed webhooks to the app, and the money reaches the gift page,
 * a receipt and the public ledger.
 */
import { checkA11y, expect, signIn, test } from "./fixtures";

const MEMBER = ["amina.aitali@example.org", "tulay-demo-member"] as const;

test("a donor gives by card at the (fake) Stripe Checkout; the webhook brings the gift, its receipt and the ledger row", async ({ page, baseURL }) => {
  await signIn(page, ...MEMBER);
  await page.goto("/projects/naga-scholarships-2027/give?lng=en");
  await checkA11y(page);
  await page.locator("#field-amount").fill("777");
  await page.getByLabel(/Card \(Stripe\)/).check();
  await page.getByRole("button", { name: "Continue" }).click();

  // Stripe's hosted page (the fake's): not ours, so no axe check; it shows what will be charged.
  await page.waitForURL((url) => url.origin !== new URL(baseURL!).origin && url.pathname.startsWith("/c/pay/cs_test_"));
  await expect(page.getByText("₱777.00").first()).toBeVisible();
  await page.getByRole("button", { name: "Pay" }).click();

  await page.waitForURL(/\/me\/gifts\/TUL-/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  const gift = page.url();
  await expect(page.getByText("Card (Stripe)")).toBeVisible();
  // Stripe's webhooks, not the redirect, confirm the money: it may take a moment.
  await expect
    .poll(
      async () => {
        await page.goto(gift);
        return (await page.locator(".badge").first().textContent())?.trim();
      },
      { timeout: 15_000 },
    )
    .toBe("Received");
  await expect(page.getByRole("link", { name: /^Receipt .+ \(PDF\)$/ })).toBeVisible();
  await checkA11y(page);

  await page.goto("/projects/naga-scholarships-2027/ledger?lng=en");
  await expect(page.locator("table.data")).toContainText("₱777.00");
  await expect(page.getByText("These rows add up to the project's total raised.")).toBeVisible();
  await checkA11y(page);
});
