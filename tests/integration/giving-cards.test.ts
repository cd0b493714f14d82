/**
 * Card gifts through the pages, against the local fake of Stripe's API: the give page starts a
 * Checkout Session and sends the donor there; the payment arrives by webhook; the treasurer's
 * page refunds part of it through Stripe (once per submission) and the ledger follows Stripe's
 * webhook; an LGU admin sets up the LGU's own account and its state follows account.updated.
 */
import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { createProject } from "../support/project-factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";
import { stripeHarness } from "../support/stripe-harness";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);
const stripe = stripeHarness(db);

describe("card gifts through the pages", () => {
  it("gives by card, pays at the fake Stripe, refunds part from the treasurer's page; the ledger follows the webhooks", async () => {
    const admin = await createUser(db().url);
    const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 10_000_000, currency: "PHP" });
    const donor = await signedIn("card.donor@example.org");
    const treasurer = await signedIn("card.treasurer@example.org");
    await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");

    const give = await import("../../app/routes/projects.$slug_.give");
    const started = await answer(() =>
      give.action({ request: post(`/projects/${project.slug}/give`, donor.cookie, { amount: "1500", channel: "card" }), params: { slug: project.slug }, context }),
    );
    expect(started.status).toBe(302);
    const checkoutUrl = started.headers.get("Location")!;
    expect(checkoutUrl).toMatch(/^https?:\/\//);
    const [gift] = await db().client.sql<{ id: string; stripe_checkout_session_id: string; status: string }[]>`
      select id, stripe_checkout_session_id, status from contributions where project_id = ${project.id}`;
    expect(gift!.status).toBe("pending");
    const session = stripe.fake().get<{ amount_total: number; currency: string; metadata: Record<string, string> }>(gift!.stripe_checkout_session_id);
    expect([session.amount_total, session.currency, session.metadata.contribution_id]).toEqual([150_000, "php", gift!.id]);

    const paid = stripe.fake().payCheckout(gift!.stripe_checkout_session_id);
    for (const event of paid.events) await stripe.deliverOk(event);
    expect(await stripe.funding(project.id)).toMatchObject({ raised: 150_000, gifts: 1 });

    const page = await import("../../app/routes/manage.$lgu.contributions");
    const params = { lgu: lgu.slug };
    const path = `/manage/${lgu.slug}/contributions`;
    const list = async () =>
      (await (await answer(() => page.loader({ request: new Request(url(`${path}?status=confirmed`), { headers: { Cookie: treasurer.cookie } }), params, context }))).json()) as {
        rows: { id: string; refundable: boolean; refundIntent: string; refundKey: string; refundAwaiting: string | null }[];
      };
    const row = (await list()).rows.find((r) => r.id === gift!.id)!;
    expect(row.refundAwaiting).toBeNull();
    expect([row.refundable, row.refundIntent]).toEqual([true, "cardRefund"]);
    const refund = (amount: string) => answer(() => page.action({ request: post(path, treasurer.cookie, { intent: "cardRefund", id: gift!.id, amount, key: row.refundKey }), params, context }));
    const tooMuch = await refund("1500.01");
    expect(await tooMuch.json()).toMatchObject({ reply: { form: `refund-${gift!.id}`, error: { amount: ["giving:validation.refundTooLarge"] } } });
    expect((await refund("400")).status).toBe(302);
    expect((await refund("400")).status).toBe(302); // the same form sent again: Stripe sees one refund
    const refundCalls = stripe.fake().requests.filter((r) => r.method === "POST" && r.path === "/v1/refunds");
    expect(new Set(refundCalls.map((r) => r.idempotencyKey)).size).toBe(1);
    // Nothing in the ledger until Stripe says so.
    expect(await stripe.funding(project.id)).toMatchObject({ raised: 150_000 });
    // The treasurer sees the refund waiting for Stripe, once (one request for the form sent twice).
    expect((await list()).rows.find((r) => r.id === gift!.id)!.refundAwaiting).toMatch(/400/);
    await stripe.deliverOk(stripe.fake().chargeRefundedEvent(paid.chargeId!));
    expect(await stripe.funding(project.id)).toMatchObject({ raised: 110_000, refunded: 40_000 });
    expect((await list()).rows.find((r) => r.id === gift!.id)!.refundAwaiting).toBeNull();
    expect(await stripe.drift()).toEqual([]);
  });

  it("an LGU admin sets up card payments; the state follows Stripe; a treasurer cannot start it", async () => {
    const adminUser = await signedIn("cards.admin@example.org");
    const lgu = await createLgu(db().url, { createdBy: adminUser.id, verificationStatus: "verified" });
    const treasurer = await signedIn("cards.treasurer@example.org");
    await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
    const page = await import("../../app/routes/manage.$lgu.contributions");
    const params = { lgu: lgu.slug };
    const path = `/manage/${lgu.slug}/contributions`;
    const load = async (cookie: string) =>
      (await (await answer(() => page.loader({ request: new Request(url(path), { headers: { Cookie: cookie } }), params, context }))).json()) as {
        cardPayments: { account: { chargesEnabled: boolean } | null } | null;
      };
    expect((await load(adminUser.cookie)).cardPayments).toEqual({ account: null, onboarding: null });
    await expect(page.action({ request: post(path, treasurer.cookie, { intent: "onboard" }), params, context })).rejects.toMatchObject({ status: 403 });
    const onboarding = await answer(() => page.action({ request: post(path, adminUser.cookie, { intent: "onboard" }), params, context }));
    expect(onboarding.status).toBe(302);
    const [account] = await db().client.sql<{ stripe_account_id: string; charges_enabled: boolean }[]>`
      select stripe_account_id, charges_enabled from lgu_payment_accounts where lgu_id = ${lgu.id}`;
    expect(account!.charges_enabled).toBe(false);
    await stripe.deliverOk(stripe.fake().updateAccount(account!.stripe_account_id, { charges_enabled: true, details_submitted: true }));
    expect((await load(adminUser.cookie)).cardPayments?.account?.chargesEnabled).toBe(true);
  });
});
