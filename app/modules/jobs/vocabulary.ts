/**
 * The fixed vocabularies of jobs, shared by browser and server: economic sectors (the 21 sections
 * of ISIC Rev. 4, the UN's International Standard Industrial Classification of All Economic
 * Activities, United Nations Statistics Division, 2008; titles shortened for a select, translated
 * here), employment types, sorts, "posted within", pipeline stages and certificate recognition.
 * Sector and type labels are keys of the `jobs` namespace (jobs:sectors.<code>, jobs:types.<type>).
 */
export const sectorCodes = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T", "U"] as const;
export type SectorCode = (typeof sectorCodes)[number];

export const employmentTypes = ["full_time", "part_time", "contract", "temporary", "seasonal", "apprenticeship"] as const;
export type EmploymentTypeCode = (typeof employmentTypes)[number];

export const jobSorts = ["relevance", "newest", "closing"] as const;
export type JobSort = (typeof jobSorts)[number];

/** "Posted within": days. */
export const postedWithinDays = [1, 7, 30] as const;

export const applicationStatuses = ["new", "shortlisted", "interview", "offer", "hired", "not_selected"] as const;
export type ApplicationStatusCode = (typeof applicationStatuses)[number];

export const recognitionOptions = ["recognised", "in_progress", "not_recognised", "not_assessed"] as const;

/** Currencies a salary can be given in (the countries of the network, and the ones returnees earned in). */
export const salaryCurrencies = ["PHP", "MXN", "USD", "EUR", "MAD", "XOF", "GTQ", "SAR", "AED", "QAR", "KWD", "HKD", "SGD", "JPY", "GBP", "CAD", "AUD"] as const;

/** The most a CV may weigh. */
export const MAX_CV_BYTES = 5 * 1024 * 1024;
