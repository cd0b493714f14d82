import type { LocalizedText } from "~/db/schema";
import { fallbackLanguage } from "./config";

/**
 * User content written per locale, with a fallback: the requested language, then English, then
 * whatever language the author wrote in. Returns the language actually used so the page can mark
 * it with `lang` for screen readers.
 */
export function localized(text: LocalizedText | null | undefined, language: string): { text: string; lang: string } | null {
  if (!text) return null;
  const pick = (lng: string) => (text[lng]?.trim() ? { text: text[lng]!.trim(), lang: lng } : null);
  return pick(language) ?? pick(fallbackLanguage) ?? Object.keys(text).map(pick).find(Boolean) ?? null;
}
