/**
 * The member's skill form: which skill (a taxonomy code, checked against the database when saved),
 * level, years and an optional note. Messages are translation keys (skills namespace).
 */
import { z } from "zod";
import { isTaxonomyCode, MAX_SKILL_NOTE, MAX_SKILL_YEARS, skillLevels } from "./vocabulary";

export const skillCodeField = z
  .string({ required_error: "skills:validation.skillRequired" })
  .trim()
  .refine(isTaxonomyCode, "skills:validation.skillUnknown");

export const memberSkillSchema = z.object({
  skill: skillCodeField,
  level: z.enum(skillLevels, { errorMap: () => ({ message: "skills:validation.level" }) }),
  years: z
    .string({ required_error: "skills:validation.years" })
    .trim()
    .refine((v) => /^\d{1,2}$/.test(v) && Number(v) <= MAX_SKILL_YEARS, "skills:validation.years")
    .transform(Number),
  note: z.string().trim().max(MAX_SKILL_NOTE, "skills:validation.noteTooLong").optional(),
});
export type MemberSkillInput = z.infer<typeof memberSkillSchema>;

export const removeSkillSchema = z.object({ skill: skillCodeField });

/** The search form of /skills and of the picker: a query, a page. */
export const skillSearchSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
