/**
 * POST /webhooks/stripe over real HTTP through the Express app (server/app.ts), which hands the
 * request to the route's action without Remix's pipeline: the body must reach the signature check
 * byte for byte, and the route's answers must come back as they are.
 */
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../app/config/env.server";
import { action } from "../../app/routes/webhooks.stripe";
import { createApp } from "../../server/app";
import { setupTestDatabase } from "../support/db";
import { createLgu, createUser } from "../support/factories";
import { createProject } from "../support/project-factories";
import { stripeHarness } from "../support/stripe-harness";

const db = setupTestDatabase();
const stripe = stripeHarness(db);
let base: string;
let close: () => Promise<unknown>;
let projectId: string;

beforeAll(async () => {
  const admin = await createUser(db().url);
  const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  projectId = (await createProject(db().url, lgu.id, { status: "fundraising", currency: "PHP" })).id;
  // Only the webhook route: anything that reached Remix's handler instead would fail.
  const build = { routes: { "routes/webhooks.stripe": { id: "routes/webhooks.stripe", path: "webhooks/stripe", module: { action } } } } as unknown as ServerBuild;
  const app = createApp({ env: parseEnv({}), build, db: db().client, logger: pino({ level: "silent" }) });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(resolve));
});
afterAll(async () => {
  await close?.();
});

const post = (body: string, signature: string | null) =>
  fetch(`${base}/webhooks/stripe`, { method: "POST", headers: { "Content-Type": "application/json; charset=utf-8", ...(signature ? { "Stripe-Signature": signature } : {}) }, body });

describe("POST /webhooks/stripe through the Express app", () => {
  it("verifies the exact bytes, applies the event once and answers as the route does", async () => {
    const gift = await stripe.give(projectId, { amountMinor: 5_500 });
    const [completed] = stripe.fake().payCheckout(gift.sessionId).events;
    // Pretty-printed, with non-ASCII text: any re-encoding on the way would break the signature.
    completed!.data.object.custom_text = "Salamat, Señora Dela Cruz — 谢谢";
    const body = JSON.stringify(completed, null, 2);
    const first = await post(body, stripe.fake().signature(body));
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect(await first.json()).toEqual({ received: true, duplicate: false });
    const again = await post(body, stripe.fake().signature(body));
    expect(await again.json()).toEqual({ received: true, duplicate: true });
    expect((await stripe.ledger(gift.contributionId)).map((m) => m.amountMinor)).toEqual([5_500]);
    expect((await stripe.stored(completed!.id))!.payload).toMatchObject({ data: { object: { custom_text: "Salamat, Señora Dela Cruz — 谢谢" } } });
  });

  it("answers 400 to a forged or missing signature and 413 to a body over 1 MB, storing nothing", async () => {
    const event = stripe.fake().event("payment_intent.succeeded", { id: "pi_forged", object: "payment_intent", amount_received: 100 });
    const body = JSON.stringify(event);
    expect((await post(body, stripe.fake().signature(body, { secret: "whsec_notTheEndpoints" }))).status).toBe(400);
    expect((await post(body, null)).status).toBe(400);
    const huge = JSON.stringify({ ...event, padding: "x".repeat(1024 * 1024) });
    const tooLarge = await post(huge, stripe.fake().signature(huge));
    expect(tooLarge.status).toBe(413);
    expect(await stripe.stored(event.id)).toBeNull();
    expect(await stripe.drift()).toEqual([]);
  });
});
