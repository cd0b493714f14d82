/**
 * Skill codes and levels shared by browser and server. The taxonomy itself (ISCO-08 occupation
 * groups and Tulay's common skills, labels in five languages) is in the `skills` table, loaded from
 * data/skills; `skillCodes` is the first, fixed list of skills that the taxonomy keeps with the same
 * codes (demo needs, jobs and the projects:skills.<code> strings still use it).
 */
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
 * The shape of any code of the taxonomy (a skill's snake_case code or "isco08_" + an ISCO-08
 * group). Whether the code exists is the database's to say (foreign keys to skills.code).
 */
export const TAXONOMY_CODE = /^(?:[a-z][a-z0-9_]{1,62}|isco08_[0-9]{1,4})$/;
export const isTaxonomyCodeShape = (value: unknown): value is string => typeof value === "string" && TAXONOMY_CODE.test(value);

export const skillLevels = ["basic", "intermediate", "advanced", "expert"] as const;
export type SkillLevel = (typeof skillLevels)[number];

export const MAX_SKILL_YEARS = 60;
export const MAX_SKILL_NOTE = 300;
