/**
 * Skill codes and levels shared by browser and server. The taxonomy itself (ISCO-08 occupation
 * groups and Tulay's common skills, labels in five languages) is in the `skills` table, loaded from
 * data/skills; `skillCodes` is the first, fixed list of skills that the taxonomy keeps with the same
 * codes (demo needs, jobs and the projects:skills.<code> strings still use it).
 */
import { taxonomyCodes } from "./taxonomy-codes";

export const skillCodes = [
  "mentoring",
  "teaching",
  "healthcare",
  "engineering",
  "architecture",
  "construction",
  "water_sanitation",
  "agriculture",
  "environment",
  "disaster_response",
  "social_work",
  "accounting",
  "law",
  "information_technology",
  "business",
  "marketing",
  "export",
  "tourism",
  "translation",
  "arts",
] as const;

export type SkillCode = (typeof skillCodes)[number];

export const isSkillCode = (value: unknown): value is SkillCode => typeof value === "string" && (skillCodes as readonly string[]).includes(value);

/**
 * A code of the taxonomy (a skill's snake_case code or "isco08_" + an ISCO-08 group), checked in
 * the browser and on the server against the list written from data/skills; the database checks
 * again (foreign keys to skills.code).
 */
export const isTaxonomyCode = (value: unknown): value is string => typeof value === "string" && taxonomyCodes.has(value);

export const skillLevels = ["basic", "intermediate", "advanced", "expert"] as const;
export type SkillLevel = (typeof skillLevels)[number];

export const MAX_SKILL_YEARS = 60;
export const MAX_SKILL_NOTE = 300;
