/** Languages Tulay speaks, shared by server and browser. */
export const supportedLanguages = ["en", "fil", "es", "fr", "ar"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "en";
export const defaultNS = "common";
export const namespaces = ["common", "auth", "account", "organisations", "admin", "projects", "giving", "services", "permits", "tax", "invest", "returnGuide", "volunteer", "matching", "digest", "skills", "jobs"] as const;

const rtlLanguages = new Set<string>(["ar"]);

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

/** A language Tulay speaks as given (a profile's preferred locale, a detected one), English otherwise. */
export function languageOrFallback(value: unknown): Language {
  return isSupportedLanguage(value) ? value : fallbackLanguage;
}

export function textDirection(language: string): "ltr" | "rtl" {
  return rtlLanguages.has(language) ? "rtl" : "ltr";
}

export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS,
  ns: [...namespaces],
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
} as const;
