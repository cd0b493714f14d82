/**
 * What a digest topic provider is: given one batch of members and the run's window, it returns the
 * items each member should hear about, in ONE set-based pass (one or a few queries for the whole
 * batch, never a query per member: the job walks a million members 500 at a time). Providers read
 * as the service role inside the batch's transaction, so each must apply the visibility rules
 * itself (public projects only, the member's own rows only).
 */
import type { LocalizedText } from "~/db/schema";
import type { Tx } from "~/db/client.server";
import type { DigestTopic } from "./topics";

/** Words as the database keeps them: one string, or one per locale (read with the member's fallback). */
export type DigestText = string | LocalizedText;

/**
 * A value for a reason's sentence: words, a number (`count` picks the plural form) or a list of
 * words (joined the member's language's way: "A, B and C").
 */
export type DigestValue = DigestText | number | DigestText[];

/** One reason an item is in a member's digest: a key of the digest namespace (reasons.*) and its values. */
export interface DigestReason {
  key: string;
  values?: Record<string, DigestValue>;
}

export interface DigestItem {
  topic: DigestTopic;
  /** Unique within its topic for one member (an update's id, a need's id…): duplicates are dropped. */
  key: string;
  title: DigestText;
  /** Site-relative link, e.g. /projects/naga-river-revitalisation. */
  href: string;
  /** When it happened (published, opened): shown in the member's time zone; newest first. */
  at: Date | string;
  /** Who or where: the LGU's name, the employer… */
  context?: DigestText;
  /** A short excerpt; cut to about 200 characters when rendered. */
  body?: DigestText;
  /** Why it is in this member's digest, one sentence each, shown on one line in this order. */
  reasons?: DigestReason[];
  /**
   * How well it fits the member, for ranked topics (jobs, opportunities: the match score). Within
   * a topic a higher rank comes first, so the email's first MAX_PER_TOPIC items are the best ones;
   * items without a rank are ordered newest first.
   */
  rank?: number;
}

export interface DigestProvider {
  topic: DigestTopic;
  /**
   * Items per member id (members with none may be left out) for things that happened in
   * [since, until). `memberIds` are only members subscribed to this topic.
   */
  collect(
    tx: Tx,
    memberIds: string[],
    since: Date,
    until: Date
  ): Promise<Map<string, DigestItem[]>>;
}

/**
 * At most this many items per member from a ranked provider, the best first: the email shows
 * MAX_PER_TOPIC (render.server.ts) and counts the rest in its "… and N more", so a member that
 * dozens of new jobs fit costs the batch a bounded number of rows.
 */
export const RANKED_ITEMS_PER_MEMBER = 50;

/** A uuid[] literal for one query parameter: `${uuidArray(ids)}::uuid[]` (ids come from the database). */
export const uuidArray = (ids: string[]) => `{${ids.join(",")}}`;

/** Appends an item to its member's list. */
export function push(
  map: Map<string, DigestItem[]>,
  memberId: string,
  item: DigestItem
) {
  const list = map.get(memberId);
  if (list) list.push(item);
  else map.set(memberId, [item]);
}
