/**
 * skill_needs: skill needs of public projects that started taking offers in the window (added or
 * reopened: project_needs.opened_at, or their project was published in it), still open (not
 * closed, not full, not past their end date), whose skill is one of the member's skills or linked
 * to one of them through skill_links (related skills, an occupation and the skills it uses). Needs
 * the member already offered help for (in any state) are left out. A need matched both exactly and
 * through a link is reported once, as exact.
 */
import { sql } from "drizzle-orm";
import type { LocalizedText, SkillLabels } from "~/db/schema";
import {
  push,
  uuidArray,
  type DigestItem,
  type DigestProvider,
} from "../provider";

type Row = {
  member_id: string;
  id: string;
  description: LocalizedText;
  quantity: number;
  fulfilled: number;
  opened: string;
  slug: string;
  title: LocalizedText;
  lgu_name: string;
  skill_labels: SkillLabels;
  via_labels: SkillLabels | null;
};

export const skillNeedsProvider: DigestProvider = {
  topic: "skill_needs",
  async collect(tx, memberIds, since, until) {
    const items = new Map<string, DigestItem[]>();
    if (memberIds.length === 0) return items;
    const rows = await tx.execute<Row>(sql`
      with new_needs as (
        select n.id, n.skill, n.description, n.quantity, n.fulfilled,
               greatest(n.opened_at, p.published_at) as opened, p.slug, p.title, l.name as lgu_name
        from public.project_needs n
        join public.projects p on p.id = n.project_id
        join public.lgus l on l.id = p.lgu_id
        where n.kind = 'skill' and n.closed_at is null and n.fulfilled < n.quantity
          and (n.ends_on is null or n.ends_on >= (${until.toISOString()}::timestamptz at time zone 'utc')::date)
          and p.status in ('fundraising', 'funded', 'in_progress') and p.published_at is not null
          and l.verification_status = 'verified'
          and greatest(n.opened_at, p.published_at) >= ${since.toISOString()}::timestamptz
          and greatest(n.opened_at, p.published_at) < ${until.toISOString()}::timestamptz
      ),
      wanted as (
        select ms.profile_id, ms.skill_code as code, null::text as via
        from public.member_skills ms
        where ms.profile_id = any(${uuidArray(
          memberIds
        )}::uuid[]) and ms.skill_code in (select skill from new_needs)
        union all
        select ms.profile_id, sl.linked_code, ms.skill_code
        from public.member_skills ms
        join public.skill_links sl on sl.code = ms.skill_code
        where ms.profile_id = any(${uuidArray(
          memberIds
        )}::uuid[]) and sl.linked_code in (select skill from new_needs)
      )
      select distinct on (w.profile_id, nn.id)
        w.profile_id as member_id, nn.id, nn.description, nn.quantity, nn.fulfilled, nn.opened, nn.slug, nn.title, nn.lgu_name,
        s.labels as skill_labels, vs.labels as via_labels
      from wanted w
      join new_needs nn on nn.skill = w.code
      join public.skills s on s.code = nn.skill
      left join public.skills vs on vs.code = w.via
      where not exists (select 1 from public.volunteer_offers o where o.need_id = nn.id and o.volunteer_id = w.profile_id)
      order by w.profile_id, nn.id, (w.via is null) desc, w.via`);
    for (const row of rows) {
      push(items, row.member_id, {
        topic: "skill_needs",
        key: row.id,
        title: row.title,
        href: `/volunteer/needs/${row.id}`,
        at: row.opened,
        context: row.lgu_name,
        body: row.description,
        reasons: [
          row.via_labels
            ? {
                key: "reasons.skillRelated",
                values: { skill: row.skill_labels, via: row.via_labels },
              }
            : { key: "reasons.skillExact", values: { skill: row.skill_labels } },
        ],
      });
    }
    for (const list of items.values())
      list.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
    return items;
  },
};
