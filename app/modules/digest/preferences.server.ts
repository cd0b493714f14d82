/** A member's digest topics, read and changed as the member (RLS: their own opt-outs only). */
import { and, eq, inArray } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { digestOptOuts } from "~/db/schema";
import { DIGEST_TOPICS, type DigestTopic } from "./topics";

/** The topics the member still gets (every topic unless they opted out). */
export async function subscribedTopics(
  claims: JwtClaims
): Promise<DigestTopic[]> {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({ topic: digestOptOuts.topic })
      .from(digestOptOuts)
      .where(eq(digestOptOuts.profileId, claims.sub))
  );
  const out = new Set(rows.map((row) => row.topic));
  return DIGEST_TOPICS.filter((topic) => !out.has(topic));
}

/** Keeps exactly `topics`: opts out of the others and back into these. */
export async function saveTopics(
  claims: JwtClaims,
  topics: DigestTopic[]
): Promise<void> {
  const keep = [...new Set(topics)];
  const drop = DIGEST_TOPICS.filter((topic) => !keep.includes(topic));
  await withRls(claims, async (tx) => {
    if (keep.length)
      await tx
        .delete(digestOptOuts)
        .where(
          and(
            eq(digestOptOuts.profileId, claims.sub),
            inArray(digestOptOuts.topic, keep)
          )
        );
    if (drop.length) {
      await tx
        .insert(digestOptOuts)
        .values(drop.map((topic) => ({ profileId: claims.sub, topic })))
        .onConflictDoNothing();
    }
  });
}
