/** Project vocabularies shared by the browser and the server (no server code here). */
export const publicStatuses = ["fundraising", "funded", "in_progress", "completed", "cancelled"] as const;
export const projectSorts = ["relevance", "newest", "closing", "most_funded", "nearest_goal"] as const;
export const needKinds = ["money", "skill", "in_kind"] as const;
/** Where a skill need's (or a volunteer's) work happens. */
export const workModes = ["remote", "on_site", "either"] as const;
export type WorkMode = (typeof workModes)[number];
export type ProjectSort = (typeof projectSorts)[number];
