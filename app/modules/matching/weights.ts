/**
 * The matching engine's weights, in one place (docs/decisions/0010-matching-engine.md). Every
 * ranking of the portal — skill needs, projects and investment opportunities for a person, people
 * for an LGU's need — adds these when a signal holds, and names the signal as a reason. Change a
 * weight here and every ranking and its tests follow; nowhere else holds a weight.
 */
export const MATCH_WEIGHTS = {
  /** The person listed the very skill the need asks for. */
  skillExact: 50,
  /** The person listed a skill the taxonomy relates to the need's skill. */
  skillRelated: 25,
  /** The project's or opportunity's LGU is one of the person's hometowns. */
  hometown: 30,
  /** The LGU and a hometown are one inside the other (a province and its town). */
  homeProvince: 15,
  /** The sector is one the person cares about. */
  sector: 20,
  /** The work or the text is in a language the person speaks. */
  language: 10,
  /** The work can be done from where the person is: remote, or on site in their country. */
  place: 10,
  /** The person said they are willing to do this kind of thing (volunteer, donate, invest). */
  willingness: 10,
  /** The investment's ticket size overlaps what the person could invest. */
  ticket: 20,
  /** Published in the last 30 days. */
  recency: 5,
} as const;

export type MatchSignal = keyof typeof MATCH_WEIGHTS;

/**
 * An investment opportunity goes in a member's weekly digest (app/modules/digest/providers/
 * opportunities.server.ts) at this score: its LGU is their hometown; or a sector they care about
 * or their ticket size with one more signal; or near their hometown with a sector or the ticket
 * size, or with both their language and their willingness to invest. Language and willingness
 * alone (20) never reach it: every opportunity in a digest fits the member's place, sectors or means.
 */
export const OPPORTUNITY_DIGEST_MIN_SCORE = 30;

/** How recent counts as new for the recency signal. */
export const RECENT_DAYS = 30;

/**
 * "Jobs for you" (/me/jobs): its own ranking, app_private.jobs_for_me (migration jobs_matching),
 * because a job fits a person by occupation (ISCO-08 group) and by the share of the job's required
 * skills they have, signals the rankings above do not use. It reads these from its argument, so a
 * change here needs no migration. Skills give their share: 2 of 3 required skills give two thirds.
 */
export const JOB_MATCH_WEIGHTS = {
  /** The job's ISCO-08 sub-major group is the person's. */
  occupation: 30,
  /** Only the major group (first digit) is the same. */
  occupationMajor: 15,
  /** Share of the job's required skills the person has. */
  skillsRequired: 35,
  /** Share of the job's preferred skills the person has. */
  skillsPreferred: 10,
  /** The job is in (or under) a place the person wants to work in (their hometowns if they have not said). */
  place: 15,
  /** The job is in the same province or region as one of those places. */
  placeNearby: 10,
  /** The job is remote and the person is open to remote work. */
  remote: 10,
  /** The person speaks every language the job asks (or it asks none). */
  languages: 10,
} as const;

/** Below this, a job is not shown as "for you". */
export const JOB_MATCH_MIN_SCORE = 25;

export type JobMatchWeights = { [K in keyof typeof JOB_MATCH_WEIGHTS]: number };
