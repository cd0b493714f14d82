/**
 * The investment forms' zod schemas, shared by the browser and the server. Money is typed in major
 * units and read into integer minor units with the currency's digits; ranges must be in order
 * (smallest ≤ largest), refused beside the field otherwise.
 */
import { z } from "zod";
import { supportedLanguages } from "~/i18n/config";
import { currencyMinorDigits } from "~/i18n/format";
import { parseMajorUnits } from "~/modules/money/major-units";
import { projectCurrencies } from "~/modules/projects/schema";
import { casePhases, incentiveCodes, interestRoles, investmentSectors, movableStages, opportunityKinds, timelines } from "./vocabulary";

const choice = { errorMap: () => ({ message: "invest:validation.choice" }) };
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "invest:validation.tooLong")
    .optional()
    .transform((v) => v || null);

/** A range typed in major units, read into minor units of `currency`; min > max refused on the max field. */
function moneyRange<T extends { currency: string }>(value: T, ctx: z.RefinementCtx, fields: [string, string], read: (v: T) => [string, string]) {
  const digits = currencyMinorDigits(value.currency);
  const [minText, maxText] = read(value);
  const min = parseMajorUnits(minText, digits);
  const max = parseMajorUnits(maxText, digits);
  if (!min.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [fields[0]], message: `services:${min.code}` });
  else if (min.minor <= 0) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [fields[0]], message: "invest:errors.amountInvalid" });
  if (!max.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [fields[1]], message: `services:${max.code}` });
  if (min.ok && max.ok && min.minor > max.minor) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [fields[1]], message: "invest:errors.amountRange" });
  return min.ok && max.ok ? { min: min.minor, max: max.minor } : null;
}

export const opportunityCurrencies = projectCurrencies;

export const opportunityFormSchema = z
  .object({
    textLanguage: z.enum(supportedLanguages, choice),
    title: z.string({ required_error: "invest:validation.titleRequired" }).trim().min(3, "invest:validation.titleRequired").max(160, "invest:validation.tooLong"),
    summary: optionalText(400),
    description: optionalText(8000),
    sector: z.enum(investmentSectors as [string, ...string[]], choice),
    kind: z.enum(opportunityKinds, choice),
    location: optionalText(200),
    ticketMin: z.string({ required_error: "services:money.required" }),
    ticketMax: z.string({ required_error: "services:money.required" }),
    currency: z.enum(opportunityCurrencies, choice),
    timeline: z.enum(timelines, choice),
    incentives: z
      .array(z.enum(incentiveCodes, choice))
      .optional()
      .transform((v) => [...new Set(v ?? [])]),
    incentivesNote: optionalText(1000),
    contactOffice: z.string({ required_error: "invest:validation.officeRequired" }).trim().min(2, "invest:validation.officeRequired").max(200, "invest:validation.tooLong"),
    contactEmail: z
      .string()
      .trim()
      .email("invest:validation.email")
      .max(200, "invest:validation.tooLong")
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .transform((value, ctx) => {
    const range = moneyRange(value, ctx, ["ticketMin", "ticketMax"], (v) => [v.ticketMin, v.ticketMax]);
    return { ...value, ticketMinMinor: range?.min ?? 0, ticketMaxMinor: range?.max ?? 0 };
  });
export type OpportunityFormInput = z.infer<typeof opportunityFormSchema>;

/** A member's expression of interest; the amounts are in the opportunity's currency (passed in). */
export const interestFormSchema = z
  .object({
    currency: z.string().regex(/^[A-Z]{3}$/, "invest:validation.choice"),
    amountMin: z.string({ required_error: "services:money.required" }),
    amountMax: z.string({ required_error: "services:money.required" }),
    timeline: z.enum(timelines, choice),
    role: z.enum(interestRoles, choice),
    message: z.string({ required_error: "invest:errors.messageLength" }).trim().min(10, "invest:errors.messageLength").max(4000, "invest:errors.messageLength"),
    consent: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "yes"),
    phone: z
      .string()
      .trim()
      .regex(/^[+0-9 ()-]{7,24}$/, "invest:errors.phoneInvalid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .transform((value, ctx) => {
    const range = moneyRange(value, ctx, ["amountMin", "amountMax"], (v) => [v.amountMin, v.amountMax]);
    return { ...value, amountMinMinor: range?.min ?? 0, amountMaxMinor: range?.max ?? 0 };
  });
export type InterestFormInput = z.infer<typeof interestFormSchema>;

/** What a member could put into a business, in a currency of their choice. */
export const preferencesFormSchema = z
  .object({
    currency: z.enum(opportunityCurrencies, choice),
    ticketMin: z.string({ required_error: "services:money.required" }),
    ticketMax: z.string({ required_error: "services:money.required" }),
  })
  .transform((value, ctx) => {
    const range = moneyRange(value, ctx, ["ticketMin", "ticketMax"], (v) => [v.ticketMin, v.ticketMax]);
    return { currency: value.currency, ticketMinMinor: range?.min ?? 0, ticketMaxMinor: range?.max ?? 0 };
  });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "invest:validation.date");

export const leadActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("move"), stage: z.enum(movableStages as [string, ...string[]], choice), note: optionalText(2000) }),
  z.object({ intent: z.literal("assign"), officer: z.string().uuid("invest:validation.choice").optional().or(z.literal("").transform(() => undefined)) }),
  z.object({
    intent: z.literal("plan"),
    nextAction: optionalText(300),
    nextActionOn: isoDate.optional().or(z.literal("").transform(() => undefined)),
  }),
  z.object({ intent: z.literal("note"), note: z.string({ required_error: "invest:errors.noteLength" }).trim().min(2, "invest:errors.noteLength").max(2000, "invest:errors.noteLength") }),
  z.object({ intent: z.literal("reply"), body: z.string({ required_error: "invest:errors.messageLength" }).trim().min(2, "invest:errors.messageLength").max(4000, "invest:errors.messageLength") }),
  z.object({ intent: z.literal("phase"), phase: z.enum(casePhases, choice) }),
  z.object({ intent: z.literal("linkPermit"), reference: z.string({ required_error: "invest:errors.permitNotFound" }).trim().min(6, "invest:errors.permitNotFound").max(80, "invest:errors.permitNotFound") }),
  z.object({
    intent: z.literal("task"),
    title: z.string({ required_error: "invest:validation.taskTitle" }).trim().min(2, "invest:validation.taskTitle").max(300, "invest:validation.tooLong"),
    dueOn: isoDate.optional().or(z.literal("").transform(() => undefined)),
  }),
  z.object({ intent: z.literal("taskDone"), task: z.string().uuid("invest:validation.choice") }),
]);
export type LeadAction = z.infer<typeof leadActionSchema>;

export const guideStepSchema = z.object({
  textLanguage: z.enum(supportedLanguages, choice),
  title: z.string({ required_error: "invest:validation.titleRequired" }).trim().min(3, "invest:validation.titleRequired").max(160, "invest:validation.tooLong"),
  body: optionalText(2000),
  permitType: z.string().uuid("invest:validation.choice").optional().or(z.literal("").transform(() => undefined)),
});
