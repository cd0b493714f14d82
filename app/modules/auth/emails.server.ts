/**
 * The account emails (confirm address, reset password, confirm a new address, "you already have an
 * account"), written in the person's language and sent through the email port.
 */
import { getEmailPort } from "~/adapters/index.server";
import type { AuthEmailKind } from "~/adapters/auth/local.server";
import { getEnv } from "~/config/env.server";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";

/** Emailed links use APP_URL when set (always in production: a Host header must not choose them). */
export function siteUrl(request: Request): string {
  const env = getEnv();
  return (env.APP_URL ?? new URL(request.url).origin).replace(/\/$/, "");
}

const templates: Record<AuthEmailKind, string> = {
  "confirm-signup": "confirmSignup",
  "account-exists": "accountExists",
  "reset-password": "resetPassword",
  "confirm-email-change": "confirmEmailChange",
};

export async function sendAuthEmail(
  request: Request,
  kind: AuthEmailKind,
  input: { to: string; locale: string; link?: string },
): Promise<void> {
  const locale = languageOrFallback(input.locale);
  const t = await i18nServer.getFixedT(locale, "auth");
  const key = templates[kind];
  const values = { link: input.link ?? "", signInLink: `${siteUrl(request)}/login`, resetLink: `${siteUrl(request)}/forgot-password` };
  const text = [t(`emails.${key}.body`, values), "", t("emails.signature")].join("\n");
  await getEmailPort().send({ to: input.to, subject: t(`emails.${key}.subject`), text, template: kind });
}
