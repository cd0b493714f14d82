/**
 * The returnee guide's fixed words, shared by server and browser: the eight topics (in the order
 * the guide shows them; also their URL segments and translation keys), the kinds of services in
 * the directory, who a service is for, and the languages a counter may speak.
 */
export const RETURN_TOPICS = ["rights", "institutions", "steps", "labour", "investment", "training", "certification", "families"] as const;
export type ReturnTopicName = (typeof RETURN_TOPICS)[number];
export const isReturnTopic = (value: unknown): value is ReturnTopicName => typeof value === "string" && (RETURN_TOPICS as readonly string[]).includes(value);

export const SERVICE_KINDS = [
  "migrant_resource_centre",
  "one_stop_shop",
  "training_centre",
  "certification_body",
  "credit_business_support",
  "psychosocial_support",
] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const ELIGIBILITIES = ["everyone", "returnees", "migrant_workers_and_families"] as const;

/**
 * Languages the directory can say a service speaks (BCP 47). The portal's five plus the
 * Philippine languages a returnee is most likely to ask for; named with Intl.DisplayNames.
 */
export const SERVICE_LANGUAGES = ["en", "fil", "es", "fr", "ar", "ceb", "bcl", "ilo", "hil", "war", "pam", "zh", "ja", "ko", "it", "de"] as const;

/** Directory page size. */
export const SERVICES_PAGE_SIZE = 20;
