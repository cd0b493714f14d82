/** Server-side language detection (?lng=, then the cookie, then Accept-Language) and translation. */
import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import { getEnv } from "~/config/env.server";
import { fallbackLanguage, i18nConfig, isSupportedLanguage, supportedLanguages, type Language } from "./config";
import { resources } from "./resources.server";

export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: getEnv().COOKIE_SECURE,
});

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    cookie: languageCookie,
    searchParamKey: "lng",
    order: ["searchParams", "cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

export async function getLanguage(request: Request): Promise<Language> {
  const detected = await i18nServer.getLocale(request);
  return isSupportedLanguage(detected) ? detected : fallbackLanguage;
}

/** A Set-Cookie header when the URL chose a language with ?lng=, so the choice is remembered. */
export async function languageCookieHeader(request: Request): Promise<string | null> {
  const requested = new URL(request.url).searchParams.get("lng");
  if (!isSupportedLanguage(requested)) return null;
  return languageCookie.serialize(requested);
}
