/**
 * followed_updates: updates published in the window on projects the member follows, public
 * projects only (published, not in draft or review, of a verified LGU: the public branch of the
 * projects policy), whatever the member could once see as staff.
 */
import { sql } from "drizzle-orm";
import type { LocalizedText } from "~/db/schema";
import {
  push,
  uuidArray,
  type DigestItem,
  type DigestProvider,
} from "../provider";

type Row = {
  member_id: string;
  id: string;
  body: LocalizedText;
  published_at: string;
  slug: string;
  title: LocalizedText;
  lgu_name: string;
};

export const followedUpdatesProvider: DigestProvider = {
  topic: "followed_updates",
  async collect(tx, memberIds, since, until) {
    const items = new Map<string, DigestItem[]>();
    if (memberIds.length === 0) return items;
    const rows = await tx.execute<Row>(sql`
      select f.user_id as member_id, u.id, u.body, u.published_at, p.slug, p.title, l.name as lgu_name
      from public.project_followers f
      join public.projects p on p.id = f.project_id
      join public.lgus l on l.id = p.lgu_id
      join public.project_updates u on u.project_id = p.id
      where f.user_id = any(${uuidArray(memberIds)}::uuid[])
        and u.published_at >= ${since.toISOString()}::timestamptz and u.published_at < ${until.toISOString()}::timestamptz
        and p.published_at is not null and p.status not in ('draft', 'review') and l.verification_status = 'verified'
      order by f.user_id, u.published_at desc, u.id`);
    for (const row of rows) {
      push(items, row.member_id, {
        topic: "followed_updates",
        key: row.id,
        title: row.title,
        href: `/projects/${row.slug}`,
        at: row.published_at,
        context: row.lgu_name,
        body: row.body,
      });
    }
    return items;
  },
};
