/**
 * A small stand-in for Stripe's HTTP API on 127.0.0.1, for contract tests of the Stripe adapter and
 * for webhook tests. It answers the calls the adapter makes (Checkout Sessions, refunds, Express
 * accounts and account links, a charge's refunds) in Stripe's wire format: form-encoded requests
 * with bracketed keys, JSON objects as API version 2026-10-28 shapes them, `{ error: { type, code,
 * message, param } }` errors, Connect scoping by the Stripe-Account header, and idempotent replays
 * by Idempotency-Key. Every request is recorded.
 *
 * It also plays what happens on Stripe's side after a redirect (a donor pays, a card is declined, a
 * month renews, a subscription is cancelled, an LGU finishes onboarding) and returns the webhook
 * events Stripe would send, as plain objects; `signature()` signs a payload the way Stripe does
 * (the SDK's generateTestHeaderString), so the route under test verifies real signatures.
 * Options fix the port and keys and add pages outside the API (fake-stripe-server.ts serves a
 * hosted checkout page with them, for the browser tests).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export const FAKE_API_VERSION = "2026-10-28.endive";

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The form-encoded body, parsed into nested objects and arrays (values stay strings). */
  body: Record<string, unknown>;
  /** The Stripe-Account header (Connect), or null. */
  account: string | null;
  idempotencyKey: string | null;
  status: number;
}

type Json = Record<string, unknown>;
type Owned = Json & { id: string };

export interface FakeEvent {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  data: { object: Json; previous_attributes?: Json };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
  account?: string;
}

export interface FakeStripe {
  url: string;
  host: string;
  port: number;
  protocol: "http";
  secretKey: string;
  webhookSecret: string;
  requests: RecordedRequest[];
  /** Stripe objects by id; `account` on each record: the connected account it lives on (null: platform). */
  objects: Map<string, { account: string | null; object: Owned }>;
  /** Recent API versions leave a charge's refunds out of charge.refunded; older ones embedded them. */
  settings: { embedRefundsInCharge: boolean };
  /** Options for createStripePayments pointed at this fake. */
  adapterOptions(): { secretKey: string; webhookSecrets: string[]; host: string; port: number; protocol: "http" };
  /** Makes the next `count` requests (of `method`, any by default) whose path matches answer a 500 api_error. */
  failNext(pathPattern: RegExp, count?: number, method?: string): void;
  reset(): void;
  close(): Promise<void>;
  get<T = Json>(id: string): T;

  /** The donor pays a session: its payment intent and charge (or subscription and first invoice). */
  payCheckout(sessionId: string): { events: FakeEvent[]; paymentIntentId: string | null; chargeId: string | null; subscriptionId: string | null; invoiceId: string | null };
  /** The donor's card is declined on a one-time session. */
  declineCheckout(sessionId: string): { events: FakeEvent[]; paymentIntentId: string };
  /** A monthly gift's next month is charged. */
  renewSubscription(subscriptionId: string): { events: FakeEvent[]; invoiceId: string; chargeId: string };
  /** The donor (or Stripe, after failed payments) ends a monthly gift. */
  cancelSubscription(subscriptionId: string): { events: FakeEvent[] };
  /** charge.refunded for a charge as it stands now. */
  chargeRefundedEvent(chargeId: string): FakeEvent;
  /** A refund's status changes (charge.refund.updated). */
  updateRefund(refundId: string, status: "succeeded" | "failed" | "canceled"): FakeEvent;
  /** Stripe changes a connected account (onboarding finished, payouts paused): account.updated. */
  updateAccount(accountId: string, patch: { charges_enabled?: boolean; payouts_enabled?: boolean; details_submitted?: boolean }): FakeEvent;
  /** Any event, as Stripe wraps an object. */
  event(type: string, object: Json, account?: string | null): FakeEvent;
  /** The Stripe-Signature header for a payload, signed with the webhook secret (or another). */
  signature(payload: string, options?: { secret?: string; timestamp?: number }): string;
}

const ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const randomId = (prefix: string, length = 24) =>
  `${prefix}_${Array.from(crypto.randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's form encoding: `a[b][0][c]=v` → { a: { b: [ { c: "v" } ] } }. */
export function parseStripeForm(body: string): Json {
  const root: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> | unknown[] = root;
    parts.forEach((part, i) => {
      const last = i === parts.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(parts[i + 1]!);
      const container = node as Record<string, unknown>;
      if (last) container[part] = value;
      else {
        container[part] ??= nextIsIndex ? [] : {};
        node = container[part] as Record<string, unknown>;
      }
    });
  }
  return root;
}

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const invalid = (message: string, param?: string, code = "parameter_invalid") => new StripeApiError(400, "invalid_request_error", message, code, param);
const missing = (kind: string, id: string, param?: string) => new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, "resource_missing", param);

const asRecord = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const metadataOf = (value: unknown): Record<string, string> => Object.fromEntries(Object.entries(asRecord(value)).map(([k, v]) => [k, String(v)]));
function integer(value: unknown, param: string): number {
  if (typeof value !== "string" || !/^\d+$/.test(value)) throw invalid(`Invalid integer: ${String(value)}`, param, "parameter_invalid_integer");
  return Number(value);
}
function currencyOf(value: unknown, param: string): string {
  if (typeof value !== "string" || !/^[a-z]{3}$/.test(value)) throw invalid(`Invalid currency: ${String(value)}. Stripe currencies are three lower-case letters.`, param);
  return value;
}
function required(value: unknown, param: string): string {
  if (typeof value !== "string" || value === "") throw invalid(`Missing required param: ${param}.`, param, "parameter_missing");
  return value;
}

export interface FakeStripeOptions {
  /** The port on 127.0.0.1; any free one by default. */
  port?: number;
  /** Fixed keys (a separate process must know them); fresh random ones by default. */
  secretKey?: string;
  webhookSecret?: string;
  /** Where a Checkout Session's `url` sends the donor, given the session id and the fake's own URL; Stripe's address by default (nothing answers there). */
  checkoutUrl?: (sessionId: string, fakeUrl: string) => string;
  /**
   * Answers a request outside the API (/v1/…), such as a hosted checkout page: returns true when it
   * took the request (it may answer later). Such requests are not recorded and need no API key.
   */
  pages?: (request: { method: string; url: URL; body: string }, response: http.ServerResponse) => boolean;
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? `sk_test_${randomId("fake").slice(5)}`;
  const webhookSecret = options.webhookSecret ?? `whsec_${randomId("fake").slice(5)}`;
  let baseUrl = "";
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, { account: string | null; object: Owned }>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: string }>();
  const failures: { pattern: RegExp; count: number; method: string | null }[] = [];
  const settings = { embedRefundsInCharge: false };

  const put = (account: string | null, object: Owned) => {
    objects.set(object.id, { account, object });
    return object;
  };
  /** An object on the given account (Connect scoping: another account's objects do not exist). */
  function find(kind: string, id: unknown, account: string | null, param?: string): Owned {
    const found = typeof id === "string" ? objects.get(id) : undefined;
    if (!found || found.account !== account || !String(found.object.id).startsWith(kind.split(":")[0]!)) throw missing(kind.split(":")[1] ?? kind, String(id), param);
    return found.object;
  }
  const accountOf = (id: string) => objects.get(id)?.account ?? null;

  function event(type: string, object: Json, account: string | null = null, previous?: Json): FakeEvent {
    return {
      id: randomId("evt"),
      object: "event",
      api_version: FAKE_API_VERSION,
      created: now(),
      // Fields starting with "_" are the fake's own notes, not Stripe's.
      data: { object: JSON.parse(JSON.stringify(object, (key, value) => (key.startsWith("_") ? undefined : value))) as Json, ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      ...(account ? { account } : {}),
    };
  }

  function chargeView(charge: Owned): Json {
    if (!settings.embedRefundsInCharge) return charge;
    const refunds = [...objects.values()].filter((o) => o.object.object === "refund" && o.object.charge === charge.id).map((o) => o.object);
    return { ...charge, refunds: { object: "list", data: refunds, has_more: false, total_count: refunds.length, url: `/v1/charges/${charge.id}/refunds` } };
  }

  // --- API -------------------------------------------------------------------------------------

  function createCheckoutSession(body: Json, account: string | null): Owned {
    const mode = body.mode;
    if (mode !== "payment" && mode !== "subscription") throw invalid("Invalid mode: must be one of payment, setup, or subscription", "mode");
    const successUrl = required(body.success_url, "success_url");
    const lineItems = Array.isArray(body.line_items) ? (body.line_items as Json[]) : [];
    if (lineItems.length !== 1) throw invalid("This fake takes exactly one line item.", "line_items");
    const item = asRecord(lineItems[0]);
    const priceData = asRecord(item.price_data);
    const currency = currencyOf(priceData.currency, "line_items[0][price_data][currency]");
    const unitAmount = integer(priceData.unit_amount, "line_items[0][price_data][unit_amount]");
    const quantity = integer(item.quantity ?? "1", "line_items[0][quantity]");
    required(asRecord(priceData.product_data).name, "line_items[0][price_data][product_data][name]");
    const recurring = asRecord(priceData.recurring);
    if (mode === "subscription") {
      if (recurring.interval !== "month") throw invalid("A subscription needs a recurring price.", "line_items[0][price_data][recurring]");
      if (body.payment_intent_data) throw invalid("You can not pass `payment_intent_data` in `subscription` mode.", "payment_intent_data");
      if (body.submit_type) throw invalid("`submit_type` can only be used in `payment` mode.", "submit_type");
    } else {
      if (body.recurring || recurring.interval) throw invalid("You must use mode `subscription` for recurring prices.", "line_items[0][price_data][recurring]");
      if (body.subscription_data) throw invalid("You can not pass `subscription_data` in `payment` mode.", "subscription_data");
    }
    const id = randomId("cs_test", 58);
    return put(account, {
      id,
      object: "checkout.session",
      amount_subtotal: unitAmount * quantity,
      amount_total: unitAmount * quantity,
      cancel_url: typeof body.cancel_url === "string" ? body.cancel_url : null,
      client_reference_id: typeof body.client_reference_id === "string" ? body.client_reference_id : null,
      created: now(),
      currency,
      customer: null,
      customer_email: typeof body.customer_email === "string" ? body.customer_email : null,
      expires_at: now() + 24 * 3600,
      invoice: null,
      livemode: false,
      metadata: metadataOf(body.metadata),
      mode,
      payment_intent: null,
      payment_status: "unpaid",
      status: "open",
      submit_type: typeof body.submit_type === "string" ? body.submit_type : null,
      subscription: null,
      success_url: successUrl,
      url: options.checkoutUrl ? options.checkoutUrl(id, baseUrl) : `https://checkout.stripe.com/c/pay/${id}`,
      // What the fake needs later to play the payment (Stripe keeps these on the session too).
      _intent_data: asRecord(body.payment_intent_data),
      _subscription_data: asRecord(body.subscription_data),
      _product: asRecord(priceData.product_data).name,
    });
  }

  function createRefund(body: Json, account: string | null): Owned {
    const intent = find("pi:payment_intent", body.payment_intent, account, "payment_intent");
    const charge = find("ch:charge", intent.latest_charge, account);
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    const amount = body.amount === undefined ? remaining : integer(body.amount, "amount");
    if (amount <= 0) throw invalid("Refund amount must be positive.", "amount");
    if (amount > remaining) {
      throw invalid(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, "amount", "amount_too_large");
    }
    const refund = put(account, {
      id: randomId("re"),
      object: "refund",
      amount,
      balance_transaction: randomId("txn"),
      charge: charge.id,
      created: now(),
      currency: charge.currency,
      metadata: metadataOf(body.metadata),
      payment_intent: intent.id,
      reason: typeof body.reason === "string" ? body.reason : null,
      receipt_number: null,
      status: "succeeded",
    });
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    return refund;
  }

  function createAccount(body: Json, account: string | null): Owned {
    if (account) throw new StripeApiError(403, "invalid_request_error", "Connected accounts cannot create accounts.", "permission_denied");
    if (body.type !== "express") throw invalid("This fake makes Express accounts only.", "type");
    const capabilities = asRecord(body.capabilities);
    return put(null, {
      id: randomId("acct", 16),
      object: "account",
      business_type: null,
      capabilities: Object.fromEntries(Object.keys(capabilities).map((name) => [name, "inactive"])),
      charges_enabled: false,
      country: typeof body.country === "string" ? body.country : "US",
      created: now(),
      default_currency: "usd",
      details_submitted: false,
      email: null,
      metadata: metadataOf(body.metadata),
      payouts_enabled: false,
      type: "express",
    });
  }

  function createAccountLink(body: Json, account: string | null): Json {
    if (account) throw new StripeApiError(403, "invalid_request_error", "Connected accounts cannot create account links.", "permission_denied");
    const target = find("acct:account", body.account, null, "account");
    if (body.type !== "account_onboarding" && body.type !== "account_update") throw invalid("Invalid type.", "type");
    required(body.return_url, "return_url");
    required(body.refresh_url, "refresh_url");
    return { object: "account_link", created: now(), expires_at: now() + 300, url: `https://connect.stripe.com/setup/e/${target.id}/${randomId("link").slice(5)}` };
  }

  function listRefunds(query: Record<string, string>, account: string | null): Json {
    const limit = Math.min(Number(query.limit ?? 10), 100);
    let refunds = [...objects.values()]
      .filter((o) => o.account === account && o.object.object === "refund" && (!query.charge || o.object.charge === query.charge))
      .map((o) => o.object);
    if (query.starting_after) refunds = refunds.slice(refunds.findIndex((r) => r.id === query.starting_after) + 1);
    return { object: "list", data: refunds.slice(0, limit), has_more: refunds.length > limit, url: "/v1/refunds" };
  }

  /** GET /v1/invoice_payments?payment[type]=payment_intent&payment[payment_intent]=…, optionally expanding the invoice. */
  function listInvoicePayments(query: Record<string, string>, account: string | null): Json {
    const paymentIntent = query["payment[payment_intent]"];
    const expand = Object.entries(query).some(([key, value]) => key.startsWith("expand[") && value === "data.invoice");
    const payments = [...objects.values()]
      .filter((o) => o.account === account && o.object.object === "invoice_payment")
      .map((o) => o.object)
      .filter((p) => !paymentIntent || (p.payment as { payment_intent?: string }).payment_intent === paymentIntent)
      .map((p) => (expand ? { ...p, invoice: find("in:invoice", p.invoice, account) } : p));
    const limit = Math.min(Number(query.limit ?? 10), 100);
    return { object: "list", data: payments.slice(0, limit), has_more: payments.length > limit, url: "/v1/invoice_payments" };
  }

  function route(method: string, path: string, query: Record<string, string>, body: Json, account: string | null): Json {
    if (method === "POST" && path === "/v1/checkout/sessions") return createCheckoutSession(body, account);
    if (method === "POST" && path === "/v1/refunds") return createRefund(body, account);
    if (method === "GET" && path === "/v1/refunds") return listRefunds(query, account);
    if (method === "GET" && path === "/v1/invoice_payments") return listInvoicePayments(query, account);
    if (method === "POST" && path === "/v1/accounts") return createAccount(body, account);
    if (method === "POST" && path === "/v1/account_links") return createAccountLink(body, account);
    const accountMatch = /^\/v1\/accounts\/(acct_[A-Za-z0-9]+)$/.exec(path);
    if (method === "GET" && accountMatch) return find("acct:account", accountMatch[1], null);
    throw new StripeApiError(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake.stripe");
      const raw = Buffer.concat(chunks).toString("utf8");
      if (options.pages && !url.pathname.startsWith("/v1/") && options.pages({ method: req.method ?? "GET", url, body: raw }, res)) return;
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const account = headers["stripe-account"] || null;
      const idempotencyKey = headers["idempotency-key"] || null;
      const query = Object.fromEntries(url.searchParams);
      const body = parseStripeForm(raw);
      const record: RecordedRequest = { method: req.method ?? "GET", path: url.pathname, query, headers, body, account, idempotencyKey, status: 0 };
      requests.push(record);
      const send = (status: number, payload: string, extra: Record<string, string> = {}) => {
        record.status = status;
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": randomId("req", 14), "Stripe-Version": FAKE_API_VERSION, ...extra });
        res.end(payload);
      };
      const fail = (error: StripeApiError) =>
        send(
          error.status,
          JSON.stringify({ error: { type: error.type, message: error.message, ...(error.code ? { code: error.code } : {}), ...(error.param ? { param: error.param } : {}) } }),
          // Tell the SDK not to retry an answer that would be the same the second time.
          { "Stripe-Should-Retry": error.status >= 500 ? "true" : "false" },
        );

      if (headers.authorization !== `Bearer ${secretKey}`) {
        return fail(new StripeApiError(401, "invalid_request_error", "Invalid API Key provided."));
      }
      const failure = failures.find((f) => f.count > 0 && f.pattern.test(url.pathname) && (!f.method || f.method === req.method));
      if (failure) {
        failure.count--;
        return fail(new StripeApiError(500, "api_error", "An unknown error occurred (fake)."));
      }
      const replayKey = idempotencyKey && req.method === "POST" ? `${account ?? "platform"}:${idempotencyKey}` : null;
      if (replayKey) {
        const fingerprint = `${url.pathname}?${raw}`;
        const earlier = idempotent.get(replayKey);
        if (earlier && earlier.fingerprint !== fingerprint) {
          return fail(
            new StripeApiError(400, "idempotency_error", "Keys for idempotent requests can only be used with the same parameters they were first used with."),
          );
        }
        if (earlier) return send(earlier.status, earlier.body, { "Idempotent-Replayed": "true" });
      }
      try {
        const payload = route(record.method, url.pathname, query, body, account);
        const text = JSON.stringify(payload, (key, value) => (key.startsWith("_") ? undefined : value));
        if (replayKey) idempotent.set(replayKey, { fingerprint: `${url.pathname}?${raw}`, status: 200, body: text });
        send(200, text);
      } catch (error) {
        if (error instanceof StripeApiError) {
          if (replayKey && error.status < 500) {
            const text = JSON.stringify({ error: { type: error.type, message: error.message, code: error.code, param: error.param } });
            idempotent.set(replayKey, { fingerprint: `${url.pathname}?${raw}`, status: error.status, body: text });
          }
          return fail(error);
        }
        send(500, JSON.stringify({ error: { type: "api_error", message: String(error) } }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  // --- What happens at Stripe after the redirect ------------------------------------------------

  function newCharge(account: string | null, amount: number, currency: string, paymentIntent: string, metadata: Record<string, string>): Owned {
    return put(account, {
      id: randomId("ch"),
      object: "charge",
      amount,
      amount_captured: amount,
      amount_refunded: 0,
      balance_transaction: randomId("txn"),
      captured: true,
      created: now(),
      currency,
      // Stripe copies the payment intent's metadata onto the charge it creates.
      metadata: { ...metadata },
      paid: true,
      payment_intent: paymentIntent,
      refunded: false,
      status: "succeeded",
    });
  }

  function newIntent(account: string | null, amount: number, currency: string, metadata: Record<string, string>, description: unknown, succeeded: boolean): Owned {
    const id = randomId("pi");
    const intent = put(account, {
      id,
      object: "payment_intent",
      amount,
      amount_capturable: 0,
      amount_received: succeeded ? amount : 0,
      capture_method: "automatic_async",
      created: now(),
      currency,
      customer: null,
      description: typeof description === "string" ? description : null,
      last_payment_error: succeeded ? null : { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined.", type: "card_error" },
      latest_charge: null,
      livemode: false,
      metadata,
      payment_method: randomId("pm"),
      status: succeeded ? "succeeded" : "requires_payment_method",
    });
    if (succeeded) intent.latest_charge = newCharge(account, amount, currency, id, metadata).id;
    return intent;
  }

  function newInvoice(account: string | null, subscription: Owned, billingReason: string): { invoice: Owned; intent: Owned } {
    const amount = Number(subscription._amount);
    const currency = String(subscription.currency);
    // An invoice's payment intent carries no metadata of ours: only the subscription does.
    const intent = newIntent(account, amount, currency, {}, null, true);
    const metadata = { ...(subscription.metadata as Record<string, string>) };
    const invoice = put(account, {
      id: randomId("in"),
      object: "invoice",
      amount_due: amount,
      amount_paid: amount,
      amount_remaining: 0,
      billing_reason: billingReason,
      created: now(),
      currency,
      customer: subscription.customer,
      lines: {
        object: "list",
        data: [{ id: randomId("il"), object: "line_item", amount, currency, metadata, quantity: 1 }],
        has_more: false,
        url: "/v1/invoices/lines",
      },
      livemode: false,
      metadata: {},
      parent: { type: "subscription_details", quote_details: null, subscription_details: { metadata, subscription: subscription.id } },
      status: "paid",
      status_transitions: { paid_at: now() },
    });
    subscription.latest_invoice = invoice.id;
    put(account, {
      id: randomId("inpay"),
      object: "invoice_payment",
      amount_paid: amount,
      amount_requested: amount,
      currency,
      invoice: invoice.id,
      is_default: true,
      livemode: false,
      payment: { type: "payment_intent", payment_intent: intent.id },
      status: "paid",
    });
    return { invoice, intent };
  }

  const fake: FakeStripe = {
    url: `http://127.0.0.1:${port}`,
    host: "127.0.0.1",
    port,
    protocol: "http",
    secretKey,
    webhookSecret,
    requests,
    objects,
    settings,
    adapterOptions: () => ({ secretKey, webhookSecrets: [webhookSecret], host: "127.0.0.1", port, protocol: "http" }),
    failNext(pattern, count = 1, method) {
      failures.push({ pattern, count, method: method ?? null });
    },
    reset() {
      requests.length = 0;
      objects.clear();
      idempotent.clear();
      failures.length = 0;
      settings.embedRefundsInCharge = false;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
    get<T = Json>(id: string) {
      const found = objects.get(id);
      if (!found) throw new Error(`fake stripe: no object ${id}`);
      return found.object as T;
    },

    payCheckout(sessionId) {
      const account = accountOf(sessionId);
      const session = fake.get<Owned>(sessionId);
      if (session.status !== "open") throw new Error(`fake stripe: session ${sessionId} is ${String(session.status)}`);
      const amount = Number(session.amount_total);
      const currency = String(session.currency);
      const events: FakeEvent[] = [];
      session.status = "complete";
      session.payment_status = "paid";
      session.customer = randomId("cus", 14);
      if (session.mode === "payment") {
        const data = asRecord(session._intent_data);
        const intent = newIntent(account, amount, currency, metadataOf(data.metadata), data.description, true);
        session.payment_intent = intent.id;
        events.push(event("checkout.session.completed", session, account));
        events.push(event("payment_intent.succeeded", intent, account));
        events.push(event("charge.succeeded", fake.get(String(intent.latest_charge)), account));
        return { events, paymentIntentId: intent.id, chargeId: String(intent.latest_charge), subscriptionId: null, invoiceId: null };
      }
      const data = asRecord(session._subscription_data);
      const subscription = put(account, {
        id: randomId("sub"),
        object: "subscription",
        cancel_at_period_end: false,
        canceled_at: null,
        created: now(),
        currency,
        customer: session.customer,
        description: typeof data.description === "string" ? data.description : null,
        ended_at: null,
        items: {
          object: "list",
          data: [{ id: randomId("si", 14), object: "subscription_item", price: { id: randomId("price"), object: "price", currency, unit_amount: amount, recurring: { interval: "month", interval_count: 1 } }, quantity: 1 }],
        },
        latest_invoice: null,
        livemode: false,
        metadata: metadataOf(data.metadata),
        status: "active",
        _amount: amount,
      });
      const { invoice, intent } = newInvoice(account, subscription, "subscription_create");
      session.subscription = subscription.id;
      session.invoice = invoice.id;
      events.push(event("customer.subscription.created", subscription, account));
      events.push(event("payment_intent.succeeded", intent, account));
      events.push(event("invoice.paid", invoice, account));
      events.push(event("checkout.session.completed", session, account));
      return { events, paymentIntentId: null, chargeId: String(intent.latest_charge), subscriptionId: subscription.id, invoiceId: invoice.id };
    },

    declineCheckout(sessionId) {
      const account = accountOf(sessionId);
      const session = fake.get<Owned>(sessionId);
      if (session.mode !== "payment") throw new Error("fake stripe: declineCheckout is for one-time sessions");
      const data = asRecord(session._intent_data);
      const intent = newIntent(account, Number(session.amount_total), String(session.currency), metadataOf(data.metadata), data.description, false);
      session.payment_intent = intent.id;
      return { events: [event("payment_intent.payment_failed", intent, account)], paymentIntentId: intent.id };
    },

    renewSubscription(subscriptionId) {
      const account = accountOf(subscriptionId);
      const subscription = fake.get<Owned>(subscriptionId);
      if (subscription.status !== "active") throw new Error(`fake stripe: subscription ${subscriptionId} is ${String(subscription.status)}`);
      const { invoice, intent } = newInvoice(account, subscription, "subscription_cycle");
      return {
        events: [event("payment_intent.succeeded", intent, account), event("invoice.paid", invoice, account)],
        invoiceId: invoice.id,
        chargeId: String(intent.latest_charge),
      };
    },

    cancelSubscription(subscriptionId) {
      const account = accountOf(subscriptionId);
      const subscription = fake.get<Owned>(subscriptionId);
      subscription.status = "canceled";
      subscription.canceled_at = now();
      subscription.ended_at = now();
      return { events: [event("customer.subscription.deleted", subscription, account)] };
    },

    chargeRefundedEvent(chargeId) {
      return event("charge.refunded", chargeView(fake.get<Owned>(chargeId)), accountOf(chargeId));
    },

    updateRefund(refundId, status) {
      const refund = fake.get<Owned>(refundId);
      const previous = { status: refund.status };
      if (status !== "succeeded" && refund.status !== status) {
        const charge = fake.get<Owned>(String(refund.charge));
        charge.amount_refunded = Number(charge.amount_refunded) - Number(refund.amount);
        charge.refunded = false;
      }
      refund.status = status;
      return event("charge.refund.updated", refund, accountOf(refundId), previous);
    },

    updateAccount(accountId, patch) {
      const account = fake.get<Owned>(accountId);
      const previous = Object.fromEntries(Object.keys(patch).map((k) => [k, account[k]]));
      Object.assign(account, patch);
      if (patch.charges_enabled !== undefined) {
        account.capabilities = Object.fromEntries(Object.keys(asRecord(account.capabilities)).map((k) => [k, patch.charges_enabled ? "active" : "inactive"]));
      }
      return event("account.updated", account, accountId, previous);
    },

    event: (type, object, account = null) => event(type, object, account),

    signature(payload, options = {}) {
      return Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? webhookSecret, timestamp: options.timestamp });
    },
  };
  return fake;
}
