/** The returnee guide's forms (shared by the browser and the server); messages are translation keys. */
import { z } from "zod";
import { supportedLanguages } from "~/i18n/config";
import { ELIGIBILITIES, SERVICE_KINDS, SERVICE_LANGUAGES } from "./vocabulary";

const optionalText = (max: number) => z.string().trim().max(max, "returnGuide:validation.tooLong").optional();
const languageEnum = z.enum(supportedLanguages, { errorMap: () => ({ message: "returnGuide:validation.language" }) });

/** A topic in every language at once: `body_en`, `body_fil`…; the text in `sourceLanguage` is required. */
export const topicSchema = z
  .object({
    sourceLanguage: languageEnum,
    ...Object.fromEntries(supportedLanguages.map((lng) => [`body_${lng}`, optionalText(20_000)])),
  })
  .superRefine((form, ctx) => {
    const source = (form as Record<string, string | undefined>)[`body_${form.sourceLanguage}`];
    if (!source?.trim()) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [`body_${form.sourceLanguage}`], message: "returnGuide:errors.sourceTextMissing" });
  });

/** A directory entry; translatable fields as `description_en`, `hours_en`, `eligibilityNote_en`… */
export const serviceSchema = z.object({
  id: z.string().uuid("returnGuide:validation.unreadable").optional(),
  kind: z.enum(SERVICE_KINDS, { errorMap: () => ({ message: "returnGuide:validation.kind" }) }),
  name: z.string({ required_error: "returnGuide:validation.name" }).trim().min(2, "returnGuide:validation.name").max(200, "returnGuide:validation.name"),
  placeId: z.string({ required_error: "returnGuide:validation.place" }).uuid("returnGuide:validation.place"),
  address: z.string({ required_error: "returnGuide:validation.address" }).trim().min(2, "returnGuide:validation.address").max(500, "returnGuide:validation.address"),
  phone: z.string().trim().regex(/^[+0-9 ()/-]{5,40}$/, "returnGuide:validation.phone").optional(),
  email: z.string().trim().email("returnGuide:validation.email").max(200, "returnGuide:validation.email").optional(),
  website: z.string().trim().url("returnGuide:validation.website").regex(/^https?:\/\//, "returnGuide:validation.website").max(300, "returnGuide:validation.website").optional(),
  languages: z.array(z.enum(SERVICE_LANGUAGES, { errorMap: () => ({ message: "returnGuide:validation.languages" }) })).max(12, "returnGuide:validation.languages").optional(),
  eligibility: z.enum(ELIGIBILITIES, { errorMap: () => ({ message: "returnGuide:validation.eligibility" }) }),
  ...Object.fromEntries(supportedLanguages.flatMap((lng) => [
    [`description_${lng}`, optionalText(2000)],
    [`hours_${lng}`, optionalText(300)],
    [`eligibilityNote_${lng}`, optionalText(500)],
  ])),
});
export type ServiceForm = z.infer<typeof serviceSchema>;

/** Per-language fields of a form (`prefix_en`…) as stored text: `{ en: "…" }`, empty ones left out. */
export function localizedFrom(form: Record<string, unknown>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    supportedLanguages.map((lng) => [lng, form[`${prefix}_${lng}`]]).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1].trim() !== ""),
  );
}

/** Checklist: a member's own line, and a note on a line. */
export const checklistItemSchema = z.object({
  label: z.string({ required_error: "returnGuide:validation.itemLabel" }).trim().min(1, "returnGuide:validation.itemLabel").max(500, "returnGuide:validation.itemLabel"),
});
export const checklistNoteSchema = z.object({
  item: z.string().uuid("returnGuide:validation.unreadable"),
  note: z.string().trim().max(2000, "returnGuide:validation.tooLong").optional(),
});
