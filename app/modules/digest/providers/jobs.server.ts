/**
 * jobs: jobs published in the window that fit the member, scored the way "jobs for you" scores
 * them (app_private.jobs_for_me, weights JOB_MATCH_WEIGHTS) and kept from JOB_MATCH_MIN_SCORE up.
 *
 * The same signals, for a whole batch at once: the member's occupation (their job profile's ISCO-08
 * sub-major group, or only its major group), the share of the job's required and of its preferred
 * skills they listed (member_skills), where the job is (in or under a place they want to work, their
 * hometowns when they have not said; in the same province or region; remote when they are open to
 * it) and whether they speak every language it asks. A job is a candidate when it shares their
 * major group or one of their skills. Jobs the member already applied to are left out.
 *
 * Visibility is the public search's (the jobs policy and app_private.job_listings): open, not past
 * its closing date, posted by a verified LGU or a verified organisation. The scoring is written
 * here against the public tables rather than calling jobs_for_me, which answers for the signed-in
 * person only; tests/integration/digest-jobs.test.ts checks the two agree.
 *
 * Three queries per batch, whatever its size: the scored pairs (at most RANKED_ITEMS_PER_MEMBER per
 * member), the jobs they name, and the labels of the skills matched. The pairs are found by
 * equality joins on skills and major groups, so a batch costs about what its candidate pairs do,
 * not members times new jobs.
 */
import { sql } from "drizzle-orm";
import type { LocalizedText, SkillLabels } from "~/db/schema";
import {
  JOB_MATCH_MIN_SCORE,
  JOB_MATCH_WEIGHTS,
} from "~/modules/matching/weights";
import {
  push,
  RANKED_ITEMS_PER_MEMBER,
  uuidArray,
  type DigestItem,
  type DigestProvider,
  type DigestReason,
} from "../provider";

type PairRow = {
  member_id: string;
  job_id: string;
  score: number;
  occupation: "sub_major" | "major" | null;
  place: "area" | "nearby" | "remote" | null;
  languages_ok: boolean;
  languages_asked: number;
  /** The job's required skills the member has (each once), and how many of its list they are. */
  required_matched: string[];
  required_hits: number;
  required_count: number;
  preferred_matched: string[];
};

type JobRow = {
  id: string;
  title: LocalizedText;
  description: LocalizedText;
  published_at: string;
  poster_name: string;
  place_name: string | null;
  occupation_labels: SkillLabels | null;
  group_labels: SkillLabels | null;
};

/** Enough of a description for the email's excerpt (render.server.ts cuts it to about 200). */
const DESCRIPTION_CHARS = 400;

const textArray = (values: string[]) =>
  `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;

export const jobsProvider: DigestProvider = {
  topic: "jobs",
  async collect(tx, memberIds, since, until) {
    const items = new Map<string, DigestItem[]>();
    if (memberIds.length === 0) return items;
    const w = JOB_MATCH_WEIGHTS;
    const pairs = await tx.execute<PairRow>(sql`
      with new_jobs as materialized (
        select j.id, j.published_at, j.occupation_code, j.skills_required, j.place_path, j.remote, j.languages,
               array(select distinct s from unnest(j.skills_required || j.skills_preferred) s order by s) as skills_all
        from public.jobs j
        left join public.lgus l on l.id = j.lgu_id
        left join public.organisations o on o.id = j.organisation_id
        where j.status = 'open' and j.closes_on >= current_date
          and (l.verification_status = 'verified' or o.verification_status = 'verified')
          and j.published_at >= ${since.toISOString()}::timestamptz and j.published_at < ${until.toISOString()}::timestamptz
      ),
      people as (
        select p.id, coalesce(p.languages, '{}') as languages, jp.occupation_code as occupation,
               coalesce(jp.open_to_remote, false) as open_to_remote,
               array(select ms.skill_code from public.member_skills ms where ms.profile_id = p.id) as skills,
               case when coalesce(cardinality(jp.preferred_place_ids), 0) > 0 then jp.preferred_place_ids
                    else array(select h.place_id from public.profile_hometowns h where h.profile_id = p.id) end as places
        from public.profiles p
        left join public.jobseeker_profiles jp on jp.profile_id = p.id
        where p.id = any(${uuidArray(memberIds)}::uuid[]) and exists (select 1 from new_jobs)
      ),
      seekers as materialized (
        -- Nearby: the provinces or regions of those places (never a whole country).
        select pe.*, array(select parent.id from public.places pl join public.places parent on parent.id = pl.parent_id
                           where pl.id = any (pe.places) and parent.kind <> 'country') as near
        from people pe
        where pe.occupation is not null or cardinality(pe.skills) > 0
      ),
      -- Candidates by equality joins (a job of their major group; a job with one of their skills),
      -- never by testing every member against every job. Per pair: how many of the job's required
      -- skills (as listed) and of all its skills the member has.
      job_skills as (
        select j.id as job_id, k as skill, 1 as required, 0 as listed from new_jobs j, unnest(j.skills_required) k
        union all
        select j.id, k, 0, 1 from new_jobs j, unnest(j.skills_all) k
      ),
      candidates as (
        select c.member_id, c.job_id, sum(c.required)::int as required_hits, sum(c.listed)::int as all_hits
        from (
          select s.id as member_id, js.job_id, js.required, js.listed
          from seekers s, unnest(s.skills) ms(skill)
          join job_skills js on js.skill = ms.skill
          union all
          select s.id, j.id, 0, 0 from seekers s join new_jobs j on left(j.occupation_code, 1) = left(s.occupation, 1)
        ) c
        group by c.member_id, c.job_id
      ),
      parts as (
        select c.member_id, c.job_id, j.published_at, c.required_hits, c.all_hits,
               case when j.occupation_code = s.occupation then 'sub_major'
                    when left(j.occupation_code, 1) = left(s.occupation, 1) then 'major' end as occupation,
               case when j.place_path && s.places then 'area'
                    when j.place_path && s.near then 'nearby'
                    when j.remote and s.open_to_remote then 'remote' end as place,
               (cardinality(j.languages) = 0 or j.languages <@ s.languages) as languages_ok,
               cardinality(j.languages) as languages_asked,
               cardinality(j.skills_required) as required_count,
               cardinality(j.skills_all) - cardinality(j.skills_required) as preferred_count
        from candidates c
        join seekers s on s.id = c.member_id
        join new_jobs j on j.id = c.job_id
        where not exists (select 1 from public.job_applications a where a.job_id = c.job_id and a.applicant_id = c.member_id)
      ),
      scored as (
        select p.*,
               (case p.occupation when 'sub_major' then ${w.occupation}::int when 'major' then ${w.occupationMajor}::int else 0 end
                + case when p.required_count > 0 then round(${w.skillsRequired}::int * p.required_hits::numeric / p.required_count)::int else 0 end
                + case when p.preferred_count > 0 then round(${w.skillsPreferred}::int * (p.all_hits - p.required_hits)::numeric / p.preferred_count)::int else 0 end
                + case p.place when 'area' then ${w.place}::int when 'nearby' then ${w.placeNearby}::int when 'remote' then ${w.remote}::int else 0 end
                + case when p.languages_ok then ${w.languages}::int else 0 end) as score
        from parts p
      ),
      ranked as (
        select s.*, row_number() over (partition by s.member_id order by s.score desc, s.published_at desc, s.job_id) as n
        from scored s
        where s.score >= ${JOB_MATCH_MIN_SCORE}::int
      )
      -- Which skills matched, for the words: only for the pairs kept.
      select r.member_id, r.job_id, r.score, r.occupation, r.place, r.languages_ok, r.languages_asked, r.required_hits, r.required_count,
             array(select distinct k from unnest(j.skills_required) k where k = any (s.skills) order by k) as required_matched,
             array(select k from unnest(j.skills_all) k where k = any (s.skills) and not k = any (j.skills_required) order by k) as preferred_matched
      from ranked r
      join seekers s on s.id = r.member_id
      join new_jobs j on j.id = r.job_id
      where r.n <= ${RANKED_ITEMS_PER_MEMBER}::int
      order by r.member_id, r.n`);
    if (pairs.length === 0) return items;

    const jobIds = [...new Set(pairs.map((p) => p.job_id))];
    // Every batch names most of the week's jobs: their descriptions come cut to what the email
    // shows (an excerpt of about 200 characters), not whole.
    const jobs = await tx.execute<JobRow>(sql`
      select j.id, j.title, j.published_at, coalesce(l.name, o.name) as poster_name, pl.name as place_name,
             (select jsonb_object_agg(e.key, left(e.value, ${DESCRIPTION_CHARS}::int)) from jsonb_each_text(j.description) e) as description,
             occupation.labels as occupation_labels, grp.labels as group_labels
      from public.jobs j
      left join public.lgus l on l.id = j.lgu_id
      left join public.organisations o on o.id = j.organisation_id
      left join public.places pl on pl.id = j.place_id
      left join public.skills occupation on occupation.code = 'isco08_' || j.occupation_code
      left join public.skills grp on grp.code = 'isco08_' || left(j.occupation_code, 1)
      where j.id = any(${uuidArray(jobIds)}::uuid[])`);
    const jobById = new Map(jobs.map((j) => [j.id, j]));

    const codes = [
      ...new Set(
        pairs.flatMap((p) => [...p.required_matched, ...p.preferred_matched])
      ),
    ];
    const labels = new Map<string, SkillLabels>();
    if (codes.length) {
      const rows = await tx.execute<{ code: string; labels: SkillLabels }>(
        sql`select code, labels from public.skills where code = any(${textArray(
          codes
        )}::text[])`
      );
      for (const row of rows) labels.set(row.code, row.labels);
    }
    const skillNames = (list: string[]) =>
      list.map((code) => labels.get(code) ?? code);

    for (const pair of pairs) {
      const job = jobById.get(pair.job_id);
      if (!job) continue;
      const reasons: DigestReason[] = [];
      if (pair.occupation === "sub_major")
        reasons.push({
          key: "reasons.jobOccupation",
          values: { occupation: job.occupation_labels ?? "" },
        });
      else if (pair.occupation === "major")
        reasons.push({
          key: "reasons.jobOccupationGroup",
          values: { group: job.group_labels ?? "" },
        });
      const required = skillNames(pair.required_matched);
      if (pair.required_hits > 0)
        reasons.push(
          pair.required_hits >= pair.required_count
            ? {
                key: "reasons.jobSkillsAll",
                values: { count: pair.required_count, skills: required },
              }
            : {
                key: "reasons.jobSkillsSome",
                values: {
                  matched: pair.required_hits,
                  count: pair.required_count,
                  skills: required,
                },
              }
        );
      if (pair.preferred_matched.length)
        reasons.push({
          key: "reasons.jobSkillsPreferred",
          values: { skills: skillNames(pair.preferred_matched) },
        });
      if (pair.place === "area" || pair.place === "nearby")
        reasons.push({
          key: pair.place === "area" ? "reasons.jobPlace" : "reasons.jobNearby",
          values: { place: job.place_name ?? "" },
        });
      else if (pair.place === "remote") reasons.push({ key: "reasons.jobRemote" });
      // A job that asks no language scores this signal too, but saying so would tell nothing.
      if (pair.languages_ok && pair.languages_asked > 0)
        reasons.push({ key: "reasons.jobLanguages" });
      push(items, pair.member_id, {
        topic: "jobs",
        key: job.id,
        title: job.title,
        href: `/jobs/${job.id}`,
        at: job.published_at,
        context: job.poster_name,
        body: job.description,
        reasons,
        rank: Number(pair.score),
      });
    }
    return items;
  },
};
