/**
 * The digest's jobs topic against the real database: new open jobs of verified posters that fit a
 * member, scored by JOB_MATCH_WEIGHTS (hand-checked below) and agreeing with "jobs for you"
 * (app_private.jobs_for_me), with the reasons in words; never a closed, expired, older or
 * unverified employer's job, one already applied to, or one under JOB_MATCH_MIN_SCORE; and a
 * batch of 300 members answered with as many queries as a batch of 3.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { i18nServer } from "../../app/i18n/i18next.server";
import type { DigestItem } from "../../app/modules/digest/provider";
import { jobsProvider } from "../../app/modules/digest/providers/jobs.server";
import { groupByTopic, renderDigest } from "../../app/modules/digest/render.server";
import { jobsForMe } from "../../app/modules/matching/jobs.server";
import { JOB_MATCH_MIN_SCORE, JOB_MATCH_WEIGHTS as W } from "../../app/modules/matching/weights";
import { countingTx } from "../support/counting-tx";
import { setupTestDatabase } from "../support/db";
import { createLgu, createOrganisation, createUser } from "../support/factories";
import { applyAs, createJob } from "../support/job-factories";

const db = setupTestDatabase();
const owner = (query: ReturnType<typeof sql>) => db().client.db.execute(query);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

async function place(name: string, kind: "province" | "municipality" | "country", parent: string | null, country = "TL") {
  const [row] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${parent}::uuid, ${kind}, ${name}, ${country}) returning id`);
  return (row as { id: string }).id;
}

type Member = Awaited<ReturnType<typeof createUser>>;

describe("the jobs topic", () => {
  let since: Date;
  let until: Date;
  let towns: { a: string; b: string; far: string };
  let jobs: Record<string, string>;
  let members: Record<"fitter" | "coder" | "welder" | "accountant" | "blank", Member>;
  let found: Map<string, DigestItem[]>;

  beforeAll(async () => {
    setDbClient(db().client);
    const country = await place("Jobland", "country", null, "JL");
    const province = await place("Riverside Province", "province", country, "JL");
    towns = {
      a: await place("Ambon", "municipality", province, "JL"),
      b: await place("Bantay", "municipality", province, "JL"),
      far: await place("Farville", "municipality", country, "JL"),
    };
    const city = await createLgu(db().url, { verificationStatus: "verified", name: "City of Ambon", placeId: towns.a });
    const employer = await createOrganisation(db().url, { kind: "employer", verificationStatus: "verified", name: "Ambon Motors" });
    const fading = await createOrganisation(db().url, { kind: "employer", verificationStatus: "verified", name: "Soon Suspended Ltd" });

    members = {
      fitter: await createUser(db().url, { displayName: "Fitter" }),
      coder: await createUser(db().url, { displayName: "Coder" }),
      welder: await createUser(db().url, { displayName: "Welder" }),
      accountant: await createUser(db().url, { displayName: "Accountant" }),
      blank: await createUser(db().url, { displayName: "Blank" }),
    };
    const { fitter, coder, welder, accountant } = members;
    // A mechanic who wants to work in Ambon, speaks Filipino and English; a remote developer; a
    // welder from Ambon with no job profile (his hometown stands for where he wants to work); an
    // accountant no job fits; a member with nothing to match.
    await owner(sql`update profiles set languages = '{fil,en}' where id = ${fitter.id}::uuid`);
    await owner(sql`update profiles set languages = '{en}' where id = ${coder.id}::uuid`);
    await owner(sql`insert into jobseeker_profiles (profile_id, occupation_code, preferred_place_ids, open_to_remote) values
      (${fitter.id}::uuid, '72', ${`{${towns.a}}`}::uuid[], false), (${coder.id}::uuid, '25', '{}', true)`);
    await owner(sql`insert into member_skills (profile_id, skill_code, level) values
      (${fitter.id}::uuid, 'motor_vehicle_mechanics', 'advanced'), (${fitter.id}::uuid, 'welding', 'basic'),
      (${coder.id}::uuid, 'software_development', 'expert'),
      (${welder.id}::uuid, 'welding', 'expert'),
      (${accountant.id}::uuid, 'accounting', 'expert')`);
    await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${welder.id}::uuid, ${towns.a}::uuid)`);

    const mechanic = {
      organisationId: employer.id,
      occupationCode: "72",
      skillsRequired: ["motor_vehicle_mechanics", "welding", "auto_electrical"],
      skillsPreferred: ["professional_driving"],
      languages: ["fil"],
      placeId: towns.a,
    };
    const before = await createJob(db().url, { ...mechanic, title: "Published last week" });
    await pause();
    since = new Date();
    await pause();
    jobs = {
      mechanic: await createJob(db().url, { ...mechanic, title: "Mechanic", description: "Engines, brakes and air conditioning." }),
      heavy: await createJob(db().url, {
        lguId: city.id,
        occupationCode: "72",
        skillsRequired: ["motor_vehicle_mechanics"],
        skillsPreferred: ["welding"],
        languages: [],
        placeId: towns.b,
        title: "Heavy equipment mechanic",
      }),
      electrician: await createJob(db().url, {
        organisationId: employer.id,
        occupationCode: "74",
        skillsRequired: ["auto_electrical"],
        languages: ["ar"],
        remote: true,
        title: "Remote auto electrician",
      }),
      developer: await createJob(db().url, {
        lguId: city.id,
        sector: "J",
        occupationCode: "25",
        skillsRequired: ["software_development", "web_development"],
        skillsPreferred: ["project_management"],
        languages: ["en"],
        remote: true,
        placeId: towns.far,
        title: "Developer for the city's online services",
      }),
      closed: await createJob(db().url, { ...mechanic, title: "Closed mechanic", status: "closed" }),
      suspended: await createJob(db().url, { ...mechanic, organisationId: fading.id, title: "Suspended employer's mechanic" }),
      expired: await createJob(db().url, { ...mechanic, title: "Expired mechanic" }),
      applied: await createJob(db().url, { ...mechanic, title: "Already applied" }),
      before,
    };
    await owner(sql`update organisations set verification_status = 'suspended', verified_at = null where id = ${fading.id}::uuid`);
    // A job whose closing date passed before the daily job closed it (the rules refuse writing a past
    // date, as an employer would; the test sets it as time would).
    await owner(sql`alter table jobs disable trigger jobs_rules`);
    await owner(sql`update jobs set closes_on = current_date - 1 where id = ${jobs.expired}::uuid`);
    await owner(sql`alter table jobs enable trigger jobs_rules`);
    await applyAs(db().client, fitter.claims, jobs.applied!);
    until = new Date(Date.now() + 60_000);

    found = await db().client.asService((tx) =>
      jobsProvider.collect(tx, Object.values(members).map((m) => m.id), since, until),
    );
  });

  const keys = (member: Member) => (found.get(member.id) ?? []).map((item) => item.key);
  const item = (member: Member, job: string) => found.get(member.id)!.find((i) => i.key === job)!;

  it("gives each member the new jobs that fit them, best first, and nobody the others", () => {
    expect(keys(members.fitter)).toEqual([jobs.heavy, jobs.mechanic]);
    expect(keys(members.coder)).toEqual([jobs.developer]);
    // The job the fitter applied to is still new for the welder (same score as the mechanic's, newer).
    expect(keys(members.welder)).toEqual([jobs.heavy, jobs.applied, jobs.mechanic]);
    expect(found.has(members.accountant.id)).toBe(false);
    expect(found.has(members.blank.id)).toBe(false);
    for (const hidden of ["closed", "suspended", "expired", "before", "electrician"])
      for (const list of found.values()) expect(list.map((i) => i.key)).not.toContain(jobs[hidden]);
  });

  it("scores with JOB_MATCH_WEIGHTS (hand-checked) and gives the reasons in words", () => {
    // Mechanic: his sub-major group, 2 of the 3 required skills, none of the preferred, in Ambon
    // where he wants to work, and he speaks Filipino.
    expect(item(members.fitter, jobs.mechanic!).rank).toBe(W.occupation + Math.round((W.skillsRequired * 2) / 3) + W.place + W.languages);
    expect(item(members.fitter, jobs.mechanic!)).toMatchObject({
      topic: "jobs",
      title: { en: "Mechanic" },
      href: `/jobs/${jobs.mechanic}`,
      context: "Ambon Motors",
      body: { en: "Engines, brakes and air conditioning." },
      reasons: [
        { key: "reasons.jobOccupation", values: { occupation: { en: "Metal, machinery and related trades workers" } } },
        {
          key: "reasons.jobSkillsSome",
          values: { matched: 2, count: 3, skills: [{ en: "Motor vehicle mechanics" }, { en: "Welding and metal fabrication" }] },
        },
        { key: "reasons.jobPlace", values: { place: "Ambon" } },
        { key: "reasons.jobLanguages" },
      ],
    });
    // Heavy equipment: his group, the one required skill, the preferred one, in the same province,
    // no language asked (scores, but is not given as a reason).
    expect(item(members.fitter, jobs.heavy!).rank).toBe(W.occupation + W.skillsRequired + W.skillsPreferred + W.placeNearby + W.languages);
    expect(item(members.fitter, jobs.heavy!).reasons!.map((r) => r.key)).toEqual([
      "reasons.jobOccupation",
      "reasons.jobSkillsAll",
      "reasons.jobSkillsPreferred",
      "reasons.jobNearby",
    ]);
    expect(item(members.fitter, jobs.heavy!).context).toBe("City of Ambon");
    // Developer: 1 of 2 required skills (17.5 rounds up, as Postgres rounds), remote, English.
    expect(item(members.coder, jobs.developer!).rank).toBe(W.occupation + 18 + W.remote + W.languages);
    expect(item(members.coder, jobs.developer!).reasons!.map((r) => r.key)).toEqual([
      "reasons.jobOccupation",
      "reasons.jobSkillsSome",
      "reasons.jobRemote",
      "reasons.jobLanguages",
    ]);
    // The welder has no job profile: skills and his hometown only. Mechanic: 1 of 3 required, in
    // Ambon, Filipino asked but he listed no language: 12 + 15 = 27, just over the minimum.
    expect(item(members.welder, jobs.mechanic!).rank).toBe(Math.round(W.skillsRequired / 3) + W.place);
    expect(item(members.welder, jobs.mechanic!).rank).toBeGreaterThanOrEqual(JOB_MATCH_MIN_SCORE);
    expect(item(members.welder, jobs.heavy!).rank).toBe(W.skillsPreferred + W.placeNearby + W.languages);
    expect(item(members.welder, jobs.heavy!).reasons).toEqual([
      { key: "reasons.jobSkillsPreferred", values: { skills: [expect.objectContaining({ en: "Welding and metal fabrication" })] } },
      { key: "reasons.jobNearby", values: { place: "Bantay" } },
    ]);
  });

  it("agrees with jobs for you on every new job it finds, and on which ones fit", async () => {
    const inWindow = new Set([jobs.mechanic, jobs.heavy, jobs.electrician, jobs.developer, jobs.applied]);
    for (const member of Object.values(members)) {
      const mine = await db().client.withRls(member.claims, (tx) => jobsForMe(tx, 100));
      // Jobs for you still lists a job applied to; the digest does not announce it.
      const applied = member === members.fitter ? jobs.applied : null;
      const expected = mine.filter((m) => inWindow.has(m.jobId) && m.jobId !== applied).map((m) => [m.jobId, m.score]);
      const got = (found.get(member.id) ?? []).map((i) => [i.key, i.rank]);
      expect(got.sort(), member.claims.email).toEqual(expected.sort());
    }
  });

  it("renders the reasons in the member's language, counts and lists included", async () => {
    const section = groupByTopic(found.get(members.fitter.id)!, ["jobs"]);
    const recipient = { id: members.fitter.id, email: "f@example.org", displayName: "Fitter", timeZone: "UTC" };
    const links = { siteUrl: "https://tulay.example", unsubscribe: (scope: string) => `https://tulay.example/u?t=${scope}` };
    const window = { since, until };
    const english = renderDigest((await i18nServer.getFixedT("en", "digest")) as never, { ...recipient, locale: "en" }, section, window, links);
    expect(english.text).toContain(
      "It matches your occupation: Metal, machinery and related trades workers. You have 2 of the 3 skills it requires: Motor vehicle mechanics and Welding and metal fabrication. It is in Ambon, where you want to work. You speak the languages it asks for.",
    );
    expect(english.text).toContain("You have the skill it requires: Motor vehicle mechanics. You also have skills it would welcome: Welding and metal fabrication.");
    expect(english.text).toContain(`https://tulay.example/jobs/${jobs.heavy}`);
    // Best first: the heavy equipment job (95) before the mechanic's (78), though published after it.
    expect(english.text.indexOf("Heavy equipment mechanic")).toBeLessThan(english.text.indexOf("• Mechanic"));
    const filipino = renderDigest((await i18nServer.getFixedT("fil", "digest")) as never, { ...recipient, locale: "fil" }, section, window, links);
    expect(filipino.text).toContain(
      "Tugma sa inyong hanapbuhay: Mga manggagawa sa metal, makinarya at kaugnay. Mayroon kayo ng 2 sa 3 kasanayang hinihingi nito: Mekanika ng sasakyang de-motor at Pagwewelding at paggawa ng metal.",
    );
    const arabic = renderDigest((await i18nServer.getFixedT("ar", "digest")) as never, { ...recipient, locale: "ar" }, section, window, links);
    expect(arabic.text).toContain("لديك 2 من 3 مهارات مطلوبة:");
    expect(arabic.text).toContain("لديك المهارة المطلوبة: ميكانيكا السيارات");
  });

  it("answers a batch of 300 members with the same few queries as a batch of 3", async () => {
    const [{ ids }] = (await owner(sql`
      with people as (select gen_random_uuid() as id, n from generate_series(1, 300) n),
      users as (insert into auth.users (id, aud, role, email, email_confirmed_at) select id, 'authenticated', 'authenticated', 'welder-' || n || '@example.test', now() from people returning id),
      profiles as (insert into profiles (id, display_name) select id, 'Welder' from people returning id),
      skills as (insert into member_skills (profile_id, skill_code, level) select id, 'welding', 'basic' from people returning profile_id),
      homes as (insert into profile_hometowns (profile_id, place_id) select id, ${towns.a}::uuid from people returning profile_id)
      select array_agg(id::text) as ids from people`)) as unknown as [{ ids: string[] }];
    const run = (memberIds: string[]) =>
      db().client.asService(async (tx) => {
        const counting = countingTx(tx);
        const result = await jobsProvider.collect(counting.tx, memberIds, since, until);
        return { result, queries: counting.count() };
      });
    const small = await run(ids.slice(0, 3));
    const large = await run(ids);
    expect(large.result.size).toBe(300);
    expect(new Set([...large.result.values()].map((list) => list.map((i) => i.key).join()))).toEqual(
      new Set([[jobs.heavy, jobs.applied, jobs.mechanic].join()]),
    );
    expect(small.queries).toBe(3);
    expect(large.queries).toBe(small.queries);
    // A window with no new job costs one query.
    const empty = await db().client.asService(async (tx) => {
      const counting = countingTx(tx);
      const result = await jobsProvider.collect(counting.tx, ids, until, new Date(until.getTime() + 60_000));
      return { size: result.size, queries: counting.count() };
    });
    expect(empty).toEqual({ size: 0, queries: 1 });
  });
});
