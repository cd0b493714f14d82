/**
 * Investment vocabularies, shared by the browser and the server (no server code here): stored as
 * codes, shown translated (invest:sectors.<code>, invest:kinds.<code>…). The database's check
 * constraints list the same codes (app/db/schema/investments.ts).
 */
import type { sectorOptions } from "~/modules/people/vocabulary";

type ProfileSector = (typeof sectorOptions)[number];

/**
 * Investment sectors, each with the profile sectors (what members say they care about) it
 * concerns: matching compares an opportunity's concerned sectors with a member's interests, so an
 * agro-tourism farm reaches people interested in agriculture or tourism.
 */
export const investmentSectorInterests = {
  agro_tourism: ["agriculture", "tourism"],
  health_tourism: ["health", "tourism"],
  real_estate: ["livelihood"],
  cooperative: ["livelihood", "agriculture"],
  nostalgia_trade: ["livelihood", "culture", "agriculture"],
  agribusiness: ["agriculture", "livelihood"],
  renewable_energy: ["environment", "technology"],
  manufacturing: ["livelihood"],
  technology: ["technology"],
  services: ["livelihood"],
} as const satisfies Record<string, readonly ProfileSector[]>;

export type InvestmentSector = keyof typeof investmentSectorInterests;
export const investmentSectors = Object.keys(investmentSectorInterests) as InvestmentSector[];

export const opportunityKinds = ["joint_venture", "franchise", "cooperative_membership", "land_lease", "public_private_partnership", "supplier_trade"] as const;
export const incentiveCodes = ["tax_holiday", "fee_waiver", "land", "duty_free_imports", "training", "credit_access"] as const;
export const timelines = ["within_6_months", "six_to_12_months", "one_to_2_years", "over_2_years"] as const;
export const interestRoles = ["investor", "co_founder", "mentor"] as const;
export const opportunityStatuses = ["draft", "open", "closed"] as const;
export const leadStages = ["new", "contacted", "meeting", "due_diligence", "committed", "registered", "declined"] as const;
/** The stages a lead can be moved to (nothing goes back to "new"). */
export const movableStages = leadStages.filter((s) => s !== "new");
export const casePhases = ["idea", "elaboration", "formalisation", "creation"] as const;

export type LeadStage = (typeof leadStages)[number];
export type CasePhase = (typeof casePhases)[number];
export type Timeline = (typeof timelines)[number];

/** Stages where the lead is finished: no next action, no reminder. */
export const closedStages: readonly LeadStage[] = ["registered", "declined"];
