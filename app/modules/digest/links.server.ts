/**
 * One-click unsubscribe links. Each link names the member and the topic (or `all`) and carries an
 * HMAC of both under the member's own random key (digest_link_keys), so it cannot be forged or
 * moved to another member or topic, never expires (an old email still works), and stops working
 * when the key is replaced (`revokeUnsubscribeLinks`) or the account is deleted. The route shows a
 * confirmation page on GET (mail scanners fetch links) and acts on POST, which is also what mail
 * clients send for List-Unsubscribe-Post (RFC 8058), without a session.
 */
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { asService, type Tx } from "~/db/client.server";
import { DIGEST_TOPICS, isDigestTopic, type DigestTopic } from "./topics";
import { uuidArray } from "./provider";

export type UnsubscribeScope = DigestTopic | "all";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUnsubscribeScope(value: unknown): value is UnsubscribeScope {
  return value === "all" || isDigestTopic(value);
}

export function unsubscribeSignature(
  key: string,
  memberId: string,
  scope: UnsubscribeScope
): string {
  return crypto
    .createHmac("sha256", key)
    .update(`digest-unsubscribe\n${memberId.toLowerCase()}\n${scope}`)
    .digest("base64url");
}

/** `language`: the member's, so the confirmation page speaks it (unsigned: it changes no rights). */
export function unsubscribeUrl(
  siteUrl: string,
  key: string,
  memberId: string,
  scope: UnsubscribeScope,
  language?: string
): string {
  const query = new URLSearchParams({
    m: memberId,
    t: scope,
    s: unsubscribeSignature(key, memberId, scope),
  });
  if (language) query.set("lng", language);
  return `${siteUrl}/digest/unsubscribe?${query.toString()}`;
}

/** The members' link keys, created for those who have none yet (one statement for the batch). */
export async function linkKeysFor(
  tx: Tx,
  memberIds: string[]
): Promise<Map<string, string>> {
  if (memberIds.length === 0) return new Map();
  const rows = await tx.execute<{ profile_id: string; key: string }>(sql`
    with created as (
      insert into public.digest_link_keys (profile_id) select unnest(${uuidArray(
        memberIds
      )}::uuid[])
      on conflict (profile_id) do nothing returning profile_id, key)
    select profile_id, key from created
    union all
    select profile_id, key from public.digest_link_keys where profile_id = any(${uuidArray(
      memberIds
    )}::uuid[])`);
  return new Map(rows.map((row) => [row.profile_id, row.key]));
}

export interface UnsubscribeLink {
  memberId: string;
  scope: UnsubscribeScope;
  signature: string;
}

/** The link's parts from a URL's query, or null when they are missing or malformed. */
export function parseUnsubscribeLink(url: URL): UnsubscribeLink | null {
  const memberId = url.searchParams.get("m") ?? "";
  const scope = url.searchParams.get("t") ?? "";
  const signature = url.searchParams.get("s") ?? "";
  if (
    !UUID.test(memberId) ||
    !isUnsubscribeScope(scope) ||
    !/^[A-Za-z0-9_-]{43}$/.test(signature)
  )
    return null;
  return { memberId, scope, signature };
}

async function keyMatches(tx: Tx, link: UnsubscribeLink): Promise<boolean> {
  const [row] = await tx.execute<{ key: string }>(
    sql`select key from public.digest_link_keys where profile_id = ${link.memberId}::uuid`
  );
  if (!row) return false;
  const expected = Buffer.from(
    unsubscribeSignature(row.key, link.memberId, link.scope)
  );
  const given = Buffer.from(link.signature);
  return (
    expected.length === given.length && crypto.timingSafeEqual(expected, given)
  );
}

/** Whether the link is genuine and still valid (for the confirmation page). */
export function checkUnsubscribeLink(link: UnsubscribeLink): Promise<boolean> {
  return asService((tx) => keyMatches(tx, link));
}

/** Opts the member out of the link's topic (or all topics). False when the link is not genuine. */
export async function unsubscribeByLink(
  link: UnsubscribeLink
): Promise<boolean> {
  return asService(async (tx) => {
    if (!(await keyMatches(tx, link))) return false;
    const topics = link.scope === "all" ? [...DIGEST_TOPICS] : [link.scope];
    await tx.execute(sql`
      insert into public.digest_opt_outs (profile_id, topic)
      select ${link.memberId}::uuid, unnest(${`{${topics.join(
      ","
    )}}`}::public.digest_topic[])
      on conflict do nothing`);
    return true;
  });
}

/** Replaces the member's key: every unsubscribe link already emailed stops working. */
export async function revokeUnsubscribeLinks(memberId: string): Promise<void> {
  await asService((tx) =>
    tx.execute(sql`
      insert into public.digest_link_keys (profile_id) values (${memberId}::uuid)
      on conflict (profile_id) do update set key = excluded.key, created_at = now()`)
  );
}
