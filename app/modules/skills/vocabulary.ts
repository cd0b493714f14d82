/**
 * The skills list: the codes a project's skill need (project_needs.skill) may name, shown translated
 * (projects:skills.<code>). A fixed vocabulary like the sectors, shared by browser and server, until
 * the skills taxonomy of the matching work replaces it; the demo projects' codes are in it.
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
