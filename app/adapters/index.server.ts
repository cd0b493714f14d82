/**
 * Which adapter serves each port, decided once from the environment: Supabase Auth and Storage
 * when SUPABASE_URL and its keys are set, the local adapters otherwise; SMTP when SMTP_URL is set,
 * the outbox otherwise; Stripe for card gifts when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are
 * set, none otherwise (gifts are then pledges a treasurer confirms). Tests swap adapters with the
 * set* functions.
 */
import path from "node:path";
import { getEnv, usesStripe, usesSupabase } from "~/config/env.server";
import { getDbClient } from "~/db/client.server";
import { projectRoot } from "~/db/paths.server";
import { sendAuthEmail, siteUrl } from "~/modules/auth/emails.server";
import { createLocalAuth } from "./auth/local.server";
import type { AuthPort } from "./auth/port";
import { createSupabaseAuth } from "./auth/supabase.server";
import { createOutboxEmail } from "./email/outbox.server";
import type { EmailPort } from "./email/port";
import { createSmtpEmail } from "./email/smtp.server";
import type { PaymentsPort } from "./payments/port";
import { createStripePayments } from "./payments/stripe.server";
import { createLocalStorage } from "./storage/local.server";
import type { StoragePort } from "./storage/port";
import { createSupabaseStorage } from "./storage/supabase.server";

interface Adapters {
  auth?: AuthPort;
  storage?: StoragePort;
  email?: EmailPort;
  /** null: no card payments (no provider configured); offline pledges and the sandbox still work. */
  payments?: PaymentsPort | null;
}
const globalForAdapters = globalThis as typeof globalThis & { __tulayAdapters?: Adapters };
const adapters = (globalForAdapters.__tulayAdapters ??= {});

export function getAuthPort(): AuthPort {
  if (adapters.auth) return adapters.auth;
  const env = getEnv();
  adapters.auth = usesSupabase(env)
    ? createSupabaseAuth({
        url: env.SUPABASE_URL!,
        anonKey: env.SUPABASE_ANON_KEY!,
        serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY!,
        cookieSecure: env.COOKIE_SECURE,
        siteUrl,
      })
    : createLocalAuth({
        db: getDbClient,
        secret: env.SESSION_SECRET,
        cookieSecure: env.COOKIE_SECURE,
        sendEmail: sendAuthEmail,
        siteUrl,
      });
  return adapters.auth;
}

export function getStoragePort(): StoragePort {
  if (adapters.storage) return adapters.storage;
  const env = getEnv();
  adapters.storage = usesSupabase(env)
    ? createSupabaseStorage({ url: env.SUPABASE_URL!, serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY!, bucket: env.SUPABASE_STORAGE_BUCKET })
    : createLocalStorage({ root: path.resolve(projectRoot(), env.UPLOADS_DIR), secret: env.SESSION_SECRET });
  return adapters.storage;
}

export function getEmailPort(): EmailPort {
  if (adapters.email) return adapters.email;
  const env = getEnv();
  adapters.email = env.SMTP_URL ? createSmtpEmail({ url: env.SMTP_URL, from: env.EMAIL_FROM }) : createOutboxEmail(getDbClient);
  return adapters.email;
}

/** Stripe when it is configured, null otherwise (no card gifts; the webhook route answers 404). */
export function getPaymentsPort(): PaymentsPort | null {
  if (adapters.payments !== undefined) return adapters.payments;
  const env = getEnv();
  adapters.payments = usesStripe(env)
    ? createStripePayments({
        secretKey: env.STRIPE_SECRET_KEY!,
        webhookSecrets: env.STRIPE_WEBHOOK_SECRET!,
        host: env.STRIPE_API_HOST,
        port: env.STRIPE_API_PORT,
        protocol: env.STRIPE_API_PROTOCOL,
      })
    : null;
  return adapters.payments;
}

export function setAdapters(next: Adapters) {
  Object.assign(adapters, next);
}
