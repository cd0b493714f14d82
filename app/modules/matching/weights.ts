/**
 * The matching engine's weights, in one place (docs/decisions/0008-matching-engine.md). Every
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

/** How recent counts as new for the recency signal. */
export const RECENT_DAYS = 30;
