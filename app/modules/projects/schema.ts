/** The project editor's form: one language of text at a time, money in major units converted to minor. */
import { z } from "zod";
import { supportedLanguages } from "~/i18n/config";
import { sectorOptions } from "~/modules/people/vocabulary";

export const projectCurrencies = ["PHP", "USD", "EUR", "MAD", "XOF", "CAD", "AED", "GBP", "JPY"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "projects:validation.tooLong")
    .optional()
    .transform((v) => v || null);
/** A calendar date that exists (2027-02-30 does not), in the years a plan can reach. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return false;
  const year = date.getUTCFullYear();
  return year >= 1990 && year <= 2100;
}

const isoDate = z
  .string()
  .refine(isCalendarDate, "projects:validation.date")
  .optional()
  .or(z.literal("").transform(() => undefined));

export const projectFormSchema = z
  .object({
    textLanguage: z.enum(supportedLanguages, { errorMap: () => ({ message: "projects:validation.choice" }) }),
    title: z.string({ required_error: "projects:validation.titleRequired" }).trim().min(3, "projects:validation.titleRequired").max(160, "projects:validation.tooLong"),
    summary: optionalText(400),
    description: optionalText(8000),
    sector: z.enum(sectorOptions, { errorMap: () => ({ message: "projects:validation.choice" }) }),
    sdgGoals: z
      .array(z.coerce.number().int().min(1, "projects:validation.choice").max(17, "projects:validation.choice"))
      .optional()
      .transform((v) => [...new Set(v ?? [])].sort((a, b) => a - b)),
    // Major units as typed ("1,500,000.50" or "1500000.5"); converted with the currency's digits.
    goal: z
      .string({ required_error: "projects:validation.goalPositive" })
      .trim()
      .transform((v) => v.replace(/[,\s_]/g, ""))
      .refine((v) => /^\d{1,13}(\.\d{1,3})?$/.test(v), "projects:validation.goalPositive"),
    currency: z.enum(projectCurrencies, { errorMap: () => ({ message: "projects:validation.choice" }) }),
    startsOn: isoDate,
    endsOn: isoDate,
    planReference: optionalText(300),
    implementingPartner: optionalText(200),
  })
  .superRefine((value, ctx) => {
    if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "projects:validation.endBeforeStart" });
    }
  });

export type ProjectFormInput = z.infer<typeof projectFormSchema>;

export const transitionSchema = z.object({
  to: z.enum(["review", "draft", "fundraising", "funded", "in_progress", "completed", "cancelled"], {
    errorMap: () => ({ message: "projects:validation.choice" }),
  }),
  reason: z.string().trim().max(500, "projects:validation.tooLong").optional(),
});

export const updateSchema = z.object({
  language: z.enum(supportedLanguages, { errorMap: () => ({ message: "projects:validation.choice" }) }),
  body: z
    .string({ required_error: "projects:validation.updateRequired" })
    .trim()
    .min(10, "projects:validation.updateRequired")
    .max(4000, "projects:validation.tooLong"),
});

const amount = z
  .string({ required_error: "projects:planEditor.validation.amount" })
  .trim()
  .transform((v) => v.replace(/[,\s_]/g, ""))
  .refine((v) => /^\d{1,13}(\.\d{1,3})?$/.test(v), "projects:planEditor.validation.amount");

export const budgetLineSchema = z.object({
  language: z.enum(supportedLanguages, { errorMap: () => ({ message: "projects:validation.choice" }) }),
  label: z.string({ required_error: "projects:validation.labelRequired" }).trim().min(2, "projects:validation.labelRequired").max(160, "projects:validation.tooLong"),
  amount,
});

export const spendingCategories = ["contractor", "materials", "labour", "services", "scholarship", "equipment", "other"] as const;

export const spendingSchema = z.object({
  amount,
  spentOn: z
    .string({ required_error: "projects:validation.date" })
    .refine(isCalendarDate, "projects:validation.date")
    .refine((v) => v <= new Date().toISOString().slice(0, 10), "projects:validation.spentInFuture"),
  payee: z.string({ required_error: "projects:validation.payeeRequired" }).trim().min(2, "projects:validation.payeeRequired").max(200, "projects:validation.tooLong"),
  category: z.enum(spendingCategories, { errorMap: () => ({ message: "projects:validation.choice" }) }),
  budgetLineId: z.string().uuid("projects:validation.choice").optional().or(z.literal("").transform(() => undefined)),
});
