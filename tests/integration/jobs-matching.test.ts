/**
 * "Jobs for you" after its rewrite for speed (migration jobs_for_me_narrow): the same answers, in
 * the same order, as the first version (migration jobs_matching, loaded here under another name as
 * the reference) for many people and jobs drawn from a seeded generator — occupations that share
 * a major group or not, skills required and preferred (one both), places, provinces, remote work,
 * languages, closed, expired and unverified posters' jobs — with several weight sets, limits and
 * minimum scores. And the narrow tables follow the jobs: a closed or changed job leaves or changes,
 * a suspended poster's jobs leave and come back when it is verified again.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { jobsForMe } from "../../app/modules/matching/jobs.server";
import { JOB_MATCH_MIN_SCORE, JOB_MATCH_WEIGHTS, type JobMatchWeights } from "../../app/modules/matching/weights";
import { setupTestDatabase } from "../support/db";
import { prng } from "../support/prng";
import { createLgu, createOrganisation } from "../support/factories";

const db = setupTestDatabase();
const owner = (query: ReturnType<typeof sql>) => db().client.db.execute(query).then((rows) => [...rows] as Record<string, unknown>[]);

const { random, pick, some } = prng(20261124);

const OCCUPATIONS = ["71", "72", "73", "74", "75", "81", "83", "52", "22", "26"];
const SKILLS = ["welding", "machining", "motor_vehicle_mechanics", "auto_electrical", "plumbing", "carpentry", "nursing", "teaching", "accounting", "translation"];
const LANGUAGES = ["en", "fil", "ar", "es", "fr"];

type Match = Awaited<ReturnType<typeof jobsForMe>>[number];
const people: JwtClaims[] = [];

beforeAll(async () => {
  // Places: a country, three provinces, four towns in each.
  const [country] = await owner(sql`insert into places (kind, name, country_code) values ('country', 'Matchland', 'ML') returning id`);
  const towns: string[] = [];
  const provinces: string[] = [];
  for (let p = 0; p < 3; p++) {
    const [province] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${country!.id}, 'province', ${`Province ${p}`}, 'ML') returning id`);
    provinces.push(province!.id as string);
    for (let t = 0; t < 4; t++) {
      const [town] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${province!.id}, 'municipality', ${`Town ${p}-${t}`}, 'ML') returning id`);
      towns.push(town!.id as string);
    }
  }
  const lgu = await createLgu(db().url, { verificationStatus: "verified", placeId: towns[0] });
  const employer = await createOrganisation(db().url, { kind: "employer", verificationStatus: "verified" });
  // Verified when it posts, no longer afterwards: its jobs are nobody's match.
  const unverified = await createOrganisation(db().url, { kind: "employer", verificationStatus: "verified" });

  // 400 jobs, some closed, some past their date, some by an unverified employer.
  for (let i = 0; i < 400; i++) {
    const remote = random() < 0.2;
    const required = some(SKILLS, 3);
    const preferred = some(SKILLS, 3);
    const poster = random() < 0.3 ? { lgu: lgu.id, org: null } : { lgu: null, org: random() < 0.1 ? unverified.id : employer.id };
    const [job] = await owner(sql`
      insert into jobs (lgu_id, organisation_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages,
                        place_id, remote, employment_type, closes_on, published_at)
      values (${poster.lgu}, ${poster.org}, ${JSON.stringify({ en: `Job ${i}` })}::jsonb, '{"en": "A job."}'::jsonb, 'G', ${pick(OCCUPATIONS)},
              ${`{${required.join(",")}}`}::text[], ${`{${preferred.join(",")}}`}::text[], ${`{${some(LANGUAGES, 2).join(",")}}`}::text[],
              ${remote && random() < 0.5 ? null : pick(towns)}, ${remote}, 'full_time', current_date + ${1 + Math.floor(random() * 60)}::int,
              now() - make_interval(mins => ${Math.floor(random() * 5000)}::int))
      returning id`);
    const fate = random();
    if (fate < 0.08) await owner(sql`update jobs set status = 'closed' where id = ${job!.id}`);
    else if (fate < 0.14) {
      await db().client.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`update jobs set closes_on = current_date - 1 where id = ${job!.id}`);
      });
    }
  }
  await owner(sql`update organisations set verification_status = 'unverified', verified_at = null where id = ${unverified.id}`);
  // A job that asks the same skill as required and preferred.
  await owner(sql`
    insert into jobs (organisation_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages, place_id, employment_type, closes_on)
    values (${employer.id}, '{"en": "Both ways"}'::jsonb, '{"en": "A job."}'::jsonb, 'C', '72', '{welding,machining}', '{welding,plumbing}', '{}', ${towns[1]}, 'full_time', current_date + 10)`);

  // 40 people: with or without an occupation, skills, places (or hometowns only), remote, languages.
  for (let i = 0; i < 40; i++) {
    const id = crypto.randomUUID();
    await owner(sql`insert into auth.users (id, aud, role, email, email_confirmed_at) values (${id}, 'authenticated', 'authenticated', ${`seeker-${i}@example.test`}, now())`);
    await owner(sql`insert into profiles (id, display_name, languages) values (${id}, ${`Seeker ${i}`}, ${`{${some(LANGUAGES, 3).join(",")}}`}::text[])`);
    const places = random() < 0.3 ? [] : some([...towns, ...provinces], 2);
    await owner(sql`insert into jobseeker_profiles (profile_id, occupation_code, preferred_place_ids, open_to_remote)
                    values (${id}, ${i % 7 === 0 ? null : pick(OCCUPATIONS)}, ${`{${places.join(",")}}`}::uuid[], ${random() < 0.5})`);
    if (places.length === 0 && random() < 0.7) await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${id}, ${pick(towns)})`);
    for (const skill of i % 5 === 0 ? [] : some(SKILLS, 4)) await owner(sql`insert into member_skills (profile_id, skill_code, level, years) values (${id}, ${skill}, 'intermediate', 2)`);
    people.push({ sub: id, role: "authenticated" });
  }

  // The first version, from its migration, under another name.
  const first = readFileSync(path.resolve("supabase/migrations/20261123221239_jobs_matching.sql"), "utf8")
    .split("--> statement-breakpoint")[0]!
    .replace("function app_private.jobs_for_me(", "function app_private.jobs_for_me_reference(");
  await owner(sql.raw(first));
  await owner(sql`grant execute on function app_private.jobs_for_me_reference(jsonb, integer, integer) to authenticated`);
}, 120_000);

async function reference(claims: JwtClaims, limit: number, weights: JobMatchWeights, minScore: number): Promise<Match[]> {
  const rows = await db().client.withRls(claims, (tx) =>
    tx.execute<{ job_id: string; score: number; occupation: Match["occupation"]; skills_matched: string[]; place: Match["place"]; languages_ok: boolean }>(
      sql`select * from app_private.jobs_for_me_reference(${JSON.stringify(weights)}::jsonb, ${minScore}, ${limit})`,
    ),
  );
  return rows.map((r) => ({ jobId: r.job_id, score: r.score, occupation: r.occupation, skillsMatched: r.skills_matched, place: r.place, languagesOk: r.languages_ok }));
}

describe("jobs for you, rewritten for speed", () => {
  it("gives the first version's answers, in its order, for every person, weight set, limit and threshold", async () => {
    const weightSets: JobMatchWeights[] = [
      JOB_MATCH_WEIGHTS,
      { ...JOB_MATCH_WEIGHTS, place: 0, placeNearby: 0, remote: 0 },
      { ...JOB_MATCH_WEIGHTS, occupation: 5, occupationMajor: 60, languages: 40 },
      { occupation: 1, occupationMajor: 1, skillsRequired: 1, skillsPreferred: 1, place: 1, placeNearby: 1, remote: 1, languages: 1 },
    ];
    let compared = 0;
    let nonEmpty = 0;
    for (const claims of people) {
      for (const weights of weightSets) {
        for (const [limit, minScore] of [[20, JOB_MATCH_MIN_SCORE], [5, 0], [100, 0]] as const) {
          const expected = await reference(claims, limit, weights, minScore);
          const actual = await db().client.withRls(claims, (tx) => jobsForMe(tx, limit, weights, minScore));
          expect(actual, `person ${claims.sub}, limit ${limit}, min ${minScore}, weights ${JSON.stringify(weights)}`).toEqual(expected);
          compared++;
          if (expected.length > 0) nonEmpty++;
        }
      }
    }
    expect(compared).toBe(40 * 4 * 3);
    // The comparison means something: most answers have jobs in them, some fill a limit of 100.
    expect(nonEmpty).toBeGreaterThan(compared * 0.6);
  });

  it("keeps the narrow tables with the jobs: a changed job's skills follow, a closed job leaves", async () => {
    const [job] = await owner(sql`select id from jobs where title ->> 'en' = 'Both ways'`);
    const rowsOf = () =>
      owner(sql`select skill_code, required from app_private.job_match_skills where job_id = ${job!.id} order by skill_code`);
    expect(await rowsOf()).toEqual([
      { skill_code: "machining", required: true },
      { skill_code: "plumbing", required: false },
      { skill_code: "welding", required: true },
    ]);
    expect(await owner(sql`select required_count, preferred_count, occupation_major from app_private.job_match_jobs where job_id = ${job!.id}`)).toEqual([
      { required_count: 2, preferred_count: 1, occupation_major: "7" },
    ]);
    await owner(sql`update jobs set skills_required = '{carpentry}', occupation_code = '83' where id = ${job!.id}`);
    expect(await rowsOf()).toEqual([
      { skill_code: "carpentry", required: true },
      { skill_code: "plumbing", required: false },
      { skill_code: "welding", required: false },
    ]);
    expect(await owner(sql`select occupation_major from app_private.job_match_jobs where job_id = ${job!.id}`)).toEqual([{ occupation_major: "8" }]);
    await owner(sql`update jobs set status = 'closed' where id = ${job!.id}`);
    expect(await rowsOf()).toEqual([]);
    expect(await owner(sql`select count(*)::int as n from app_private.job_match_jobs where job_id = ${job!.id}`)).toEqual([{ n: 0 }]);
    // Every open job of a verified poster has its narrow row, and no other job has one.
    const counts = await listedCounts();
    expect(counts.listed).toBe(counts.open);
    expect(counts.narrow).toBe(counts.open);
  });

  it("follows the posters' verification: a suspended employer's jobs leave every narrow table and come back, the same, when verified again", async () => {
    // The verified employer (the one that posted "Both ways").
    const [poster] = await owner(sql`select organisation_id as id from jobs where title ->> 'en' = 'Both ways'`);
    const rowsOf = () =>
      owner(sql`select s.job_id, s.skill_code, s.required from app_private.job_match_skills s join jobs j on j.id = s.job_id
                where j.organisation_id = ${poster!.id} order by 1, 2`);
    const before = await rowsOf();
    expect(before.length).toBeGreaterThan(20);
    const total = await listedCounts();
    await owner(sql`update organisations set verification_status = 'suspended', verified_at = null where id = ${poster!.id}`);
    expect(await rowsOf()).toEqual([]);
    const [left] = await owner(sql`select (select count(*) from app_private.job_listings l join jobs j on j.id = l.job_id where j.organisation_id = ${poster!.id})::int as listed,
      (select count(*) from app_private.job_match_jobs m join jobs j on j.id = m.job_id where j.organisation_id = ${poster!.id})::int as narrow`);
    expect(left).toEqual({ listed: 0, narrow: 0 });
    const suspended = await listedCounts();
    expect(suspended.listed).toBe(suspended.open);
    expect(suspended.listed).toBeLessThan(total.listed);
    await owner(sql`update organisations set verification_status = 'verified', verified_at = now() where id = ${poster!.id}`);
    expect(await rowsOf()).toEqual(before);
    expect(await listedCounts()).toEqual(total);
  });
});

/** Open jobs of verified posters, and the rows of the search's and "jobs for you"'s narrow tables. */
async function listedCounts() {
  const [counts] = await owner(sql`
    select (select count(*) from jobs j where j.status = 'open'
              and (exists (select 1 from lgus l where l.id = j.lgu_id and l.verification_status = 'verified')
                   or exists (select 1 from organisations o where o.id = j.organisation_id and o.verification_status = 'verified')))::int as open,
           (select count(*) from app_private.job_listings)::int as listed,
           (select count(*) from app_private.job_match_jobs)::int as narrow`);
  return counts as { open: number; listed: number; narrow: number };
}
