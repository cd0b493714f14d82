/**
 * The jobs forms' zod schemas, shared by browser and server; messages are keys of the `jobs`
 * namespace. Money is typed in major units and read into minor units with the currency's digits
 * (money/major-units), never through a float.
 */
import { z } from "zod";
import { supportedLanguages } from "~/i18n/config";
import { currencyMinorDigits } from "~/i18n/format";
import { parseMajorUnits } from "~/modules/money/major-units";
import { languageOptions, countryCodes } from "~/modules/people/vocabulary";
import { isIscoGroup, isIscoSubMajor, isJobSkill } from "./codes";
import { applicationStatuses, employmentTypes, jobSorts, postedWithinDays, recognitionOptions, salaryCurrencies, sectorCodes } from "./vocabulary";

const choice = { errorMap: () => ({ message: "jobs:validation.choice" }) };
const uuid = z.string().uuid("jobs:validation.choice");

/** A calendar date that exists, as YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const today = () => new Date().toISOString().slice(0, 10);

const skillList = z
  .array(z.string().refine(isJobSkill, "jobs:validation.choice"))
  .max(20, "jobs:validation.tooMany")
  .optional()
  .transform((v) => [...new Set(v ?? [])]);

const optionalMoney = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null);

/** Posting a job, or changing one (the text in one language at a time). */
export const jobFormSchema = z
  .object({
    textLanguage: z.enum(supportedLanguages, choice),
    title: z.string({ required_error: "jobs:validation.titleRequired" }).trim().min(3, "jobs:validation.titleRequired").max(160, "jobs:validation.tooLong"),
    description: z
      .string({ required_error: "jobs:validation.descriptionRequired" })
      .trim()
      .min(20, "jobs:validation.descriptionRequired")
      .max(8000, "jobs:validation.tooLong"),
    sector: z.enum(sectorCodes, choice),
    occupationCode: z.string({ required_error: "jobs:validation.choice" }).refine(isIscoSubMajor, "jobs:validation.choice"),
    skillsRequired: skillList,
    skillsPreferred: skillList,
    languages: z
      .array(z.enum(languageOptions, choice))
      .max(15, "jobs:validation.tooMany")
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    placeId: uuid.optional().or(z.literal("").transform(() => undefined)),
    remote: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    employmentType: z.enum(employmentTypes, choice),
    salaryMin: optionalMoney,
    salaryMax: optionalMoney,
    salaryCurrency: z.enum(salaryCurrencies, choice).optional().or(z.literal("").transform(() => undefined)),
    openings: z.coerce
      .number({ invalid_type_error: "jobs:validation.openings" })
      .int("jobs:validation.openings")
      .min(1, "jobs:validation.openings")
      .max(10000, "jobs:validation.openings")
      .default(1),
    closesOn: z.string({ required_error: "jobs:validation.closesOn" }).refine(isCalendarDate, "jobs:validation.closesOn"),
  })
  .transform((value, ctx) => {
    if (!value.placeId && !value.remote) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["placeId"], message: "jobs:validation.placeOrRemote" });
    if (value.closesOn < today()) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["closesOn"], message: "jobs:validation.closingInPast" });
    const overlap = value.skillsPreferred.filter((s) => value.skillsRequired.includes(s));
    let salaryMinMinor: number | null = null;
    let salaryMaxMinor: number | null = null;
    if (value.salaryMin || value.salaryMax) {
      if (!value.salaryCurrency) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["salaryCurrency"], message: "jobs:validation.salaryCurrency" });
      } else {
        const digits = currencyMinorDigits(value.salaryCurrency);
        for (const [field, text] of [
          ["salaryMin", value.salaryMin],
          ["salaryMax", value.salaryMax],
        ] as const) {
          if (!text) continue;
          const parsed = parseMajorUnits(text, digits);
          if (!parsed.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [field], message: "jobs:validation.salary" });
          else if (field === "salaryMin") salaryMinMinor = parsed.minor;
          else salaryMaxMinor = parsed.minor;
        }
        if (salaryMinMinor !== null && salaryMaxMinor !== null && salaryMinMinor > salaryMaxMinor) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["salaryMax"], message: "jobs:validation.salaryRange" });
        }
      }
    }
    return {
      ...value,
      skillsPreferred: value.skillsPreferred.filter((s) => !overlap.includes(s)),
      placeId: value.placeId ?? null,
      salaryMinMinor,
      salaryMaxMinor,
      salaryCurrency: salaryMinMinor !== null || salaryMaxMinor !== null ? (value.salaryCurrency ?? null) : null,
    };
  });

export type JobFormInput = z.output<typeof jobFormSchema>;

/** Closing or reopening a job. */
export const jobStatusSchema = z.object({ intent: z.enum(["close", "reopen"], choice) });

/** The public search's query string; anything unreadable is dropped rather than refused (a shared link keeps working). */
export const jobSearchSchema = z.object({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  place: uuid.optional().catch(undefined),
  remote: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => v === "1" || v === "on" || undefined),
  sector: z.enum(sectorCodes).optional().catch(undefined),
  occupation: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v && isIscoGroup(v) ? v : undefined)),
  type: z.enum(employmentTypes).optional().catch(undefined),
  salary: z
    .string()
    .trim()
    .optional()
    .catch(undefined)
    .transform((v) => (v && /^\d{1,12}$/.test(v.replace(/[,\s]/g, "")) ? Number(v.replace(/[,\s]/g, "")) : undefined)),
  currency: z.enum(salaryCurrencies).optional().catch(undefined),
  within: z.coerce
    .number()
    .optional()
    .catch(undefined)
    .transform((v) => ((postedWithinDays as readonly number[]).includes(v ?? -1) ? v : undefined)),
  sort: z.enum(jobSorts).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export type JobSearchParams = z.output<typeof jobSearchSchema>;

/** Applying: a cover note, a CV (uploaded or made from the profile) and what of the profile to share. */
export const applySchema = z.object({
  coverNote: z
    .string()
    .trim()
    .max(5000, "jobs:validation.tooLong")
    .optional()
    .transform((v) => v ?? ""),
  cvSource: z.enum(["upload", "profile"], choice),
  shareOccupation: z.string().optional().transform(Boolean),
  shareLanguages: z.string().optional().transform(Boolean),
  shareCertificates: z.string().optional().transform(Boolean),
  shareExperience: z.string().optional().transform(Boolean),
  shareLocation: z.string().optional().transform(Boolean),
});
export type ApplyInput = z.output<typeof applySchema>;

export const moveSchema = z.object({
  intent: z.literal("move"),
  to: z.enum(applicationStatuses, choice),
  note: z.string().trim().max(2000, "jobs:validation.tooLong").optional(),
});

export const messageSchema = z.object({
  intent: z.literal("message"),
  body: z.string({ required_error: "jobs:validation.messageRequired" }).trim().min(2, "jobs:validation.messageRequired").max(5000, "jobs:validation.tooLong"),
});

/** The job-seeking profile. */
export const jobProfileSchema = z.object({
  occupationCode: z
    .string()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || isIscoSubMajor(v), "jobs:validation.choice"),
  skills: z
    .array(z.string().refine(isJobSkill, "jobs:validation.choice"))
    .max(30, "jobs:validation.tooMany")
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
  preferredPlaceIds: z
    .array(uuid)
    .max(10, "jobs:validation.tooMany")
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
  openToRemote: z.string().optional().transform(Boolean),
  experience: z
    .string()
    .trim()
    .max(5000, "jobs:validation.tooLong")
    .optional()
    .transform((v) => v ?? ""),
});
export type JobProfileInput = z.output<typeof jobProfileSchema>;

export const certificateSchema = z.object({
  title: z.string({ required_error: "jobs:validation.certificateTitle" }).trim().min(2, "jobs:validation.certificateTitle").max(200, "jobs:validation.tooLong"),
  issuer: z
    .string()
    .trim()
    .max(200, "jobs:validation.tooLong")
    .optional()
    .transform((v) => v ?? ""),
  countryCode: z
    .enum(countryCodes as [string, ...string[]], choice)
    .optional()
    .or(z.literal("").transform(() => undefined))
    .transform((v) => v ?? null),
  year: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v >= 1950 && v <= new Date().getUTCFullYear()), "jobs:validation.year"),
  recognition: z.enum(recognitionOptions, choice),
  localEquivalent: z
    .string()
    .trim()
    .max(200, "jobs:validation.tooLong")
    .optional()
    .transform((v) => v ?? ""),
});
export type CertificateInput = z.output<typeof certificateSchema>;

export const saveSearchSchema = z.object({
  name: z.string({ required_error: "jobs:validation.searchName" }).trim().min(1, "jobs:validation.searchName").max(120, "jobs:validation.tooLong"),
  alerts: z.string().optional().transform(Boolean),
});
