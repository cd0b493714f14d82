/** Fixed vocabularies for profiles (stored as codes, shown translated). Shared by browser and server. */
export const willingnessOptions = ["donate", "invest", "volunteer", "mentor", "return"] as const;
export const sectorOptions = [
  "education",
  "health",
  "water",
  "roads",
  "livelihood",
  "agriculture",
  "disaster",
  "culture",
  "environment",
  "tourism",
  "technology",
] as const;
// Languages people in the source material speak; labels come from Intl.DisplayNames.
export const languageOptions = ["en", "fil", "ceb", "ilo", "bik", "es", "fr", "ar", "wo", "zgh", "it", "de", "ja", "ko", "zh"] as const;
export const visibilityOptions = ["private", "lgu_aggregate", "public"] as const;
export const migrationStatusOptions = [
  "citizen_abroad",
  "permanent_resident",
  "temporary_worker",
  "student",
  "returned",
  "prefer_not_to_say",
] as const;
// ISO 3166-1 alpha-2, for country pickers (names from Intl.DisplayNames in the reader's language).
export const countryCodes = (
  "AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ " +
  "DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP " +
  "KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MP MR MT MU MV MW MX MY MZ NA NE NG NI " +
  "NL NO NP NR NZ OM PA PE PG PH PK PL PR PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL " +
  "TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW"
).split(" ");
