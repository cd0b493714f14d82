/** Server-side language detection (?lng=, then the cookie, then Accept-Language) and translation. */
import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { getEnv } from "~/config/env.server";
import { fallbackLanguage, i18nConfig, isSupportedLanguage, languageOrFallback, supportedLanguages, type Language } from "./config";
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

// remix-i18next's getFixedT builds and initialises a new i18next instance on every call (about
// 0.4 ms; a page's loader makes one or two calls). The strings never change while the server runs
// and a fixed t() only reads, so each language gets one instance, built on first use. A request
// (language to detect) or other init options still go the original way.
const serverInstances = new Map<Language, Promise<I18n>>();
function serverInstance(language: Language): Promise<I18n> {
  let instance = serverInstances.get(language);
  if (!instance) {
    const i18n = createInstance();
    instance = i18n.init({ ...i18nConfig, resources, lng: language }).then(() => i18n);
    serverInstances.set(language, instance);
  }
  return instance;
}
const freshFixedT = i18nServer.getFixedT.bind(i18nServer) as (locale: unknown, namespaces?: unknown, options?: Record<string, unknown>) => Promise<unknown>;
i18nServer.getFixedT = (async (locale: unknown, namespaces?: string | readonly string[], options?: { keyPrefix?: string } & Record<string, unknown>) => {
  if (!isSupportedLanguage(locale) || Object.keys(options ?? {}).some((key) => key !== "keyPrefix")) return freshFixedT(locale, namespaces, options);
  const instance = await serverInstance(locale);
  return instance.getFixedT(locale, namespaces ?? null, options?.keyPrefix);
}) as typeof i18nServer.getFixedT;

// The root loader, the page's loader and the document render each ask for the language (parsing
// Accept-Language and the cookie). Remix hands each loader its own copy of the request but the same
// load context, so with the context the answer is worked out once per request. (What decides the
// language is compared too, in case a context object is reused for another request.)
const detected = new WeakMap<object, { asked: string; language: Promise<Language> }>();

export function getLanguage(request: Request, context?: object): Promise<Language> {
  const asked = context ? `${request.url}\n${request.headers.get("Cookie") ?? ""}\n${request.headers.get("Accept-Language") ?? ""}` : "";
  const known = context && detected.get(context);
  if (known && known.asked === asked) return known.language;
  const language = i18nServer.getLocale(request).then(languageOrFallback);
  if (context) detected.set(context, { asked, language });
  return language;
}

/** A Set-Cookie header when the URL chose a language with ?lng=, so the choice is remembered. */
export async function languageCookieHeader(request: Request): Promise<string | null> {
  const requested = new URL(request.url).searchParams.get("lng");
  if (!isSupportedLanguage(requested)) return null;
  return languageCookie.serialize(requested);
}
