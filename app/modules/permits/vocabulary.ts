/** Permit vocabularies shared by the browser and the server (no server code here). */
export const queueFilters = ["waiting", "info_requested", "assessed", "approved", "paid", "issued", "rejected", "all"] as const;
export type QueueFilter = (typeof queueFilters)[number];
