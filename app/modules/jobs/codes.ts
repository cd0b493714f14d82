/**
 * Checks of the taxonomy codes a job and a job-seeking profile use, in the browser and on the
 * server, against the list written from data/skills (app/modules/skills/taxonomy-codes.ts); the
 * database checks again. Occupations are ISCO-08 sub-major groups (two digits), or for the search
 * filter a major group (one digit); skills are the taxonomy's codes of kind skill.
 */
import { taxonomyCodes } from "~/modules/skills/taxonomy-codes";

export const isIscoSubMajor = (value: unknown): value is string => typeof value === "string" && /^[0-9]{2}$/.test(value) && taxonomyCodes.has(`isco08_${value}`);
export const isIscoGroup = (value: unknown): value is string => typeof value === "string" && /^[0-9]{1,2}$/.test(value) && taxonomyCodes.has(`isco08_${value}`);
export const isJobSkill = (value: unknown): value is string => typeof value === "string" && !value.startsWith("isco08_") && taxonomyCodes.has(value);
