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

// The root loader, the page's loader and the document render each ask for the language (parsing
// Accept-Language and the cookie). Remix hands each loader its own copy of the request but the same
// load context, so with the context the answer is worked out once per request. (What decides the
// language is compared too, in case a context object is reused for another request.)
const detected = new WeakMap<object, { asked: string; language: Promise<Language> }>();

export function getLanguage(request: Request, context?: object): Promise<Language> {
  const asked = context ? `${request.url}\n${request.headers.get("Cookie") ?? ""}\n${request.headers.get("Accept-Language") ?? ""}` : "";
  const known = context && detected.get(context);
  if (known && known.asked === asked) return known.language;
  const language = i18nServer.getLocale(request).then((locale) => (isSupportedLanguage(locale) ? locale : fallbackLanguage));
  if (context) detected.set(context, { asked, language });
  return language;
}

/** A Set-Cookie header when the URL chose a language with ?lng=, so the choice is remembered. */
export async function languageCookieHeader(request: Request): Promise<string | null> {
  const requested = new URL(request.url).searchParams.get("lng");
  if (!isSupportedLanguage(requested)) return null;
  return languageCookie.serialize(requested);
}
