/**
 * The forms of a project's plan (needs, milestones, co-funders, place), one zod schema each, shared
 * by the browser and the server. Messages are translation keys. Amounts stay strings here: the
 * server turns them into minor units with the project's currency (plan.server.ts).
 */
import { z } from "zod";
import { supportedLanguages } from "~/i18n/config";
import { isTaxonomyCode } from "~/modules/skills/vocabulary";
import { isCalendarDate } from "./schema";
import { needKinds, workModes } from "./vocabulary";
import { languageOptions } from "~/modules/people/vocabulary";

/** The longest expert mission (the UN's TOKTEN model: under three months). */
export const MAX_MISSION_DAYS = 91;

export const milestoneStatuses = ["planned", "in_progress", "done"] as const;
export const cofunderKinds = ["national_agency", "province", "municipality", "company", "other"] as const;

const choice = { errorMap: () => ({ message: "projects:validation.choice" }) };
const language = z.enum(supportedLanguages, choice);
const itemId = z.string({ required_error: "projects:planEditor.errors.itemNotFound" }).uuid("projects:planEditor.errors.itemNotFound");

const text = (min: number, max: number, requiredKey: string) =>
  z.string({ required_error: requiredKey }).trim().min(min, requiredKey).max(max, "projects:validation.tooLong");

/** Major units as typed ("25,000.50"); at least one non-zero digit. Digits per currency are checked on the server. */
const amount = (key: string) =>
  z
    .string({ required_error: key })
    .trim()
    .transform((v) => v.replace(/[,\s_]/g, ""))
    .refine((v) => /^\d{1,13}(\.\d{1,3})?$/.test(v) && /[1-9]/.test(v), key);

const today = () => new Date().toISOString().slice(0, 10);

/** Removing any item: its id. */
export const planItemSchema = z.object({ id: itemId });

// Needs ----------------------------------------------------------------------------------------

export const needSchema = z
  .object({
    id: itemId.optional(),
    language,
    kind: z.enum(needKinds, choice),
    description: text(3, 300, "projects:needsEditor.validation.descriptionRequired"),
    // Which of these count depends on the kind; the others are ignored.
    amount: z.string().optional(),
    skill: z.string().optional(),
    quantity: z.string().optional(),
    // Skill needs only: how, when and in which language the work happens; an expert mission; closed.
    mode: z.enum(workModes, choice).optional(),
    startsOn: z.string().trim().optional(),
    endsOn: z.string().trim().optional(),
    needLanguage: z.enum(languageOptions, choice).optional(),
    expertMission: z.literal("on").optional(),
    closed: z.literal("on").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind === "skill") {
      if (!value.quantity?.trim()) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["quantity"], message: "projects:needsEditor.validation.people" });
      if (!value.mode) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["mode"], message: "projects:needsEditor.validation.mode" });
      const starts = value.startsOn || undefined;
      const ends = value.endsOn || undefined;
      if (starts && !isCalendarDate(starts)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["startsOn"], message: "projects:validation.date" });
      if (ends && !isCalendarDate(ends)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "projects:validation.date" });
      if (ends && !starts) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["startsOn"], message: "projects:needsEditor.validation.startsFirst" });
      if (starts && ends && isCalendarDate(starts) && isCalendarDate(ends) && ends < starts) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "projects:needsEditor.validation.endsBeforeStart" });
      }
      if (value.expertMission) {
        const days = starts && ends && isCalendarDate(starts) && isCalendarDate(ends) ? (Date.parse(ends) - Date.parse(starts)) / 86_400_000 : null;
        if (days === null || days > MAX_MISSION_DAYS) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["expertMission"], message: "projects:needsEditor.validation.missionLength" });
        }
      }
    }
    if (value.kind === "money" && !amount("x").safeParse(value.amount ?? "").success) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["amount"], message: "projects:planEditor.validation.amount" });
    }
    if (value.kind === "skill" && !isTaxonomyCode(value.skill)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["skill"], message: "projects:needsEditor.validation.skillRequired" });
    }
    const quantity = value.quantity?.trim();
    if (value.kind !== "money" && quantity !== undefined && !(/^\d{1,7}$/.test(quantity) && Number(quantity) >= 1 && Number(quantity) <= 1_000_000)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["quantity"], message: "projects:needsEditor.validation.quantity" });
    }
  })
  .transform((value) => ({
    id: value.id,
    language: value.language,
    kind: value.kind,
    description: value.description,
    amount: value.kind === "money" ? amount("x").parse(value.amount) : null,
    skill: value.kind === "skill" ? (value.skill ?? null) : null,
    quantity: value.kind !== "money" && value.quantity?.trim() ? Number(value.quantity.trim()) : null,
    mode: value.kind === "skill" ? (value.mode ?? null) : null,
    startsOn: value.kind === "skill" ? value.startsOn || null : null,
    endsOn: value.kind === "skill" ? value.endsOn || null : null,
    needLanguage: value.kind === "skill" ? (value.needLanguage ?? null) : null,
    expertMission: value.kind === "skill" && value.expertMission === "on",
    closed: value.kind === "skill" && value.closed === "on",
  }));
export type NeedInput = z.infer<typeof needSchema>;

// Milestones -----------------------------------------------------------------------------------

const calendarDate = (key: string) => z.string({ required_error: key }).trim().refine(isCalendarDate, key);

export const milestoneSchema = z
  .object({
    id: itemId.optional(),
    language,
    title: text(3, 200, "projects:milestonesEditor.validation.titleRequired"),
    targetDate: calendarDate("projects:milestonesEditor.validation.targetDate"),
    status: z.enum(milestoneStatuses, choice),
    // Only for a done milestone: the day it was done (today when left empty).
    completedOn: calendarDate("projects:milestonesEditor.validation.completedOn").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.status === "done" && value.completedOn && isCalendarDate(value.completedOn) && value.completedOn > today()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["completedOn"], message: "projects:milestonesEditor.validation.completedOn" });
    }
  })
  .transform((value) => ({ ...value, completedOn: value.status === "done" ? (value.completedOn ?? today()) : null }));
export type MilestoneInput = z.infer<typeof milestoneSchema>;

export const milestoneStatusSchema = z.object({ id: itemId, status: z.enum(milestoneStatuses, choice) });

// Co-funders -----------------------------------------------------------------------------------

export const cofunderSchema = z.object({
  id: itemId.optional(),
  kind: z.enum(cofunderKinds, choice),
  name: text(2, 200, "projects:cofundersEditor.validation.nameRequired"),
  // "3:1" = 3 matched for every 1 given; each side a whole number from 1 to 10 (as the table stores it).
  ratio: z
    .string({ required_error: "projects:cofundersEditor.validation.ratio" })
    .trim()
    .transform((v, ctx) => {
      const match = /^(\d{1,2})\s*[:x×]\s*(\d{1,2})$/i.exec(v);
      const matched = Number(match?.[1]);
      const given = Number(match?.[2]);
      if (!match || matched < 1 || matched > 10 || given < 1 || given > 10) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "projects:cofundersEditor.validation.ratio" });
        return z.NEVER;
      }
      return { matched, given };
    }),
  cap: amount("projects:planEditor.validation.amount"),
});
export type CofunderInput = z.infer<typeof cofunderSchema>;

// Place ----------------------------------------------------------------------------------------

const coordinate = (limit: number, key: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^[+-]?\d{1,3}(\.\d{1,10})?$/.test(v) && Math.abs(Number(v)) <= limit, key)
    .optional();

export const projectPlaceSchema = z
  .object({
    placeId: z.string().uuid("projects:validation.choice").optional(),
    latitude: coordinate(90, "projects:placeEditor.validation.latitude"),
    longitude: coordinate(180, "projects:placeEditor.validation.longitude"),
  })
  .superRefine((value, ctx) => {
    if ((value.latitude === undefined) !== (value.longitude === undefined)) {
      const missing = value.latitude === undefined ? "latitude" : "longitude";
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [missing], message: "projects:placeEditor.validation.bothOrNeither" });
    }
  })
  .transform((value) => ({
    placeId: value.placeId ?? null,
    latitude: value.latitude === undefined ? null : String(Number(value.latitude)),
    longitude: value.longitude === undefined ? null : String(Number(value.longitude)),
  }));
export type ProjectPlaceInput = z.infer<typeof projectPlaceSchema>;

// Photos --------------------------------------------------------------------------------------

/** Alt text: what the photo shows, for people who cannot see it (required: an image without it fails WCAG). */
const altText = text(3, 250, "projects:photos.validation.altRequired");

/** A new photo: the file comes as the multipart field `photo`; its description in one language. */
export const photoSchema = z.object({ language, alt: altText });

/** Another language of a photo's description. */
export const photoAltSchema = z.object({ id: itemId, language, alt: altText });
