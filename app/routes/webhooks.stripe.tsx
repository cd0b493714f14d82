/**
 * POST /webhooks/stripe: Stripe's events. Only verifies (the signature over the raw body, with
 * STRIPE_WEBHOOK_SECRET), then hands the event to the contributions module, which stores it once
 * and applies it. 400: a missing or forged signature (nothing stored). 500: stored, not applied;
 * Stripe retries. 200 otherwise, including a replay of an event already processed.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { getPaymentsPort } from "~/adapters/index.server";
import { WebhookSignatureError } from "~/adapters/payments/port";
import { ingestStripeEvent } from "~/modules/contributions/stripe-webhooks.server";
import { logger } from "~/utils/logger.server";

// Stripe's events are a few kilobytes; anything far larger is not one.
const MAX_BODY_BYTES = 1024 * 1024;

const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });

export function loader() {
  return answer(405, { error: "method not allowed" }, { Allow: "POST" });
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return answer(405, { error: "method not allowed" }, { Allow: "POST" });
  const payments = getPaymentsPort();
  if (!payments) {
    logger().warn("stripe webhook received, but Stripe is not configured (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)");
    return answer(404, { error: "payments are not configured" });
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return answer(413, { error: "too large" });
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > MAX_BODY_BYTES) return answer(413, { error: "too large" });

  let event;
  try {
    event = payments.verifyWebhook(body, request.headers.get("stripe-signature"));
  } catch (error) {
    if (!(error instanceof WebhookSignatureError)) throw error;
    logger().warn({ reason: error.message, bytes: body.byteLength }, "stripe webhook refused: bad signature");
    return answer(400, { error: "bad signature" });
  }

  try {
    const outcome = await ingestStripeEvent(event, payments);
    if (outcome.status === "failed") return answer(500, { error: "not processed; retry" });
    return answer(200, { received: true, duplicate: outcome.status === "duplicate" });
  } catch (error) {
    // The event could not even be stored (the database is unreachable): Stripe retries.
    logger().error({ err: error, stripeEvent: event.id, type: event.type }, "stripe event could not be stored");
    return answer(500, { error: "not stored; retry" });
  }
}
