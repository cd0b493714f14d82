/**
 * The local fake of Stripe's API (fake-stripe.ts) as a process of its own, for the browser tests
 * (playwright.config.ts starts it): `tsx tests/support/fake-stripe-server.ts`.
 *
 * Besides the API it plays Stripe's hosted Checkout: a Checkout Session's `url` is a page here
 * showing the amount, whose "Pay" button (a plain form, no JavaScript) marks the session paid,
 * delivers the webhook events Stripe would send, signed with the webhook secret, to the app, and
 * then sends the browser to the session's success_url. Stripe delivers webhooks on its own time;
 * here they are sent, one after another, before the redirect.
 *
 * Environment:
 *   FAKE_STRIPE_PORT         the port on 127.0.0.1 (required)
 *   FAKE_STRIPE_WEBHOOK_URL  where events go, e.g. http://127.0.0.1:3100/webhooks/stripe (required)
 *   STRIPE_SECRET_KEY        the API key the app uses (required; sk_test_…)
 *   STRIPE_WEBHOOK_SECRET    the secret events are signed with (required; whsec_…)
 * GET /healthz answers 200 once it listens.
 */
import type http from "node:http";
import { startFakeStripe, type FakeStripe } from "./fake-stripe";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`fake-stripe-server: ${name} is required`);
    process.exit(1);
  }
  return value;
}

const port = Number(required("FAKE_STRIPE_PORT"));
const webhookUrl = required("FAKE_STRIPE_WEBHOOK_URL");
const secretKey = required("STRIPE_SECRET_KEY");
const webhookSecret = required("STRIPE_WEBHOOK_SECRET");
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error("fake-stripe-server: FAKE_STRIPE_PORT must be a port number");
  process.exit(1);
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

interface Session {
  id: string;
  amount_total: number;
  currency: string;
  mode: string;
  status: string;
  success_url: string;
  _product?: unknown;
}

function formatAmount(minor: number, currency: string): string {
  const format = new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() });
  return format.format(minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

function page(response: http.ServerResponse, status: number, title: string, body: string) {
  response.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  response.end(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} · Fake Stripe Checkout</title>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
<p><small>A local fake of Stripe Checkout for tests: no card, no money.</small></p>
</main>
</body>
</html>
`);
}

function sessionOf(fake: FakeStripe, id: string): Session | null {
  try {
    const session = fake.get<Session>(id);
    return id.startsWith("cs_") ? session : null;
  } catch {
    return null;
  }
}

/** Delivers events to the app as Stripe does: the JSON body and its Stripe-Signature header. */
async function deliver(fake: FakeStripe, events: object[]) {
  for (const event of events) {
    const body = JSON.stringify(event);
    const answer = await fetch(webhookUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8", "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)", "Stripe-Signature": fake.signature(body) },
      body,
    });
    if (answer.status !== 200) throw new Error(`webhook ${(event as { type: string }).type} answered ${answer.status}: ${await answer.text()}`);
  }
}

const fake: FakeStripe = await startFakeStripe({
  port,
  secretKey,
  webhookSecret,
  checkoutUrl: (id, fakeUrl) => `${fakeUrl}/c/pay/${id}`,
  pages({ method, url }, response) {
    if (url.pathname === "/healthz") {
      response.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return true;
    }
    const match = /^\/c\/pay\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    if (!match) return false;
    const session = sessionOf(fake, match[1]!);
    if (!session) {
      page(response, 404, "No such checkout", "<p>This checkout session does not exist.</p>");
      return true;
    }
    const amount = formatAmount(session.amount_total, session.currency);
    const what = typeof session._product === "string" ? `<p>${escapeHtml(session._product)}</p>` : "";
    if (method === "GET") {
      if (session.status !== "open") page(response, 200, "Already paid", `<p>This checkout is ${escapeHtml(session.status)}.</p>`);
      else
        page(
          response,
          200,
          `Pay ${amount}${session.mode === "subscription" ? " a month" : ""}`,
          `${what}<p>Amount: <strong>${escapeHtml(amount)}</strong></p>
<form method="post"><button type="submit">Pay</button></form>`,
        );
      return true;
    }
    if (method !== "POST") return false;
    if (session.status !== "open") {
      page(response, 409, "Already paid", `<p>This checkout is ${escapeHtml(session.status)}.</p>`);
      return true;
    }
    const { events } = fake.payCheckout(session.id);
    deliver(fake, events).then(
      () => response.writeHead(303, { Location: session.success_url }).end(),
      (error: unknown) => {
        console.error(`fake-stripe-server: ${String(error)}`);
        page(response, 502, "The webhook failed", `<p>${escapeHtml(String(error))}</p>`);
      },
    );
    return true;
  },
});

process.stdout.write(`fake Stripe on ${fake.url}, webhooks to ${webhookUrl}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
