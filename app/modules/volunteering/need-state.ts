/**
 * When a skill need takes volunteer offers, in one place for the pages (the database's
 * offer_volunteer_help applies the same rule, and is the one that refuses): the project is public
 * and under way, the need is not closed, not past its last day, and still short of people.
 */
export const volunteeringProjectStatuses = ["fundraising", "funded", "in_progress"] as const;

export interface NeedState {
  kind: string;
  closedAt: Date | string | null;
  endsOn: string | null;
  quantity: number | null;
  fulfilled: number;
}

export function needTakesOffers(need: NeedState, projectStatus: string, today = new Date().toISOString().slice(0, 10)): boolean {
  return (
    need.kind === "skill" &&
    need.closedAt === null &&
    (need.endsOn === null || need.endsOn >= today) &&
    (need.quantity ?? 0) > need.fulfilled &&
    (volunteeringProjectStatuses as readonly string[]).includes(projectStatus)
  );
}
