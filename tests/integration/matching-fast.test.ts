/**
 * The matching engine's first passes (migration matching_first_pass: app_private.needs_for_me and
 * projects_for_me pick the best ids from narrow rows) against the rankings' definition (the same
 * query under the person's RLS over every candidate, rankNeeds / rankProjects with `only` null):
 * the same matches, scores, reasons and order, for people and projects drawn from a seeded
 * generator — hometowns and provinces, sectors, titles in several languages, skills exact and
 * related, needs of every state (closed, full, past, offered for), projects in draft, of an
 * unverified LGU, finished; investment opportunities open, draft or closed, ticket sizes in several
 * currencies (with and without an exchange rate), some already answered by the person.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient, type JwtClaims } from "../../app/db/client.server";
import { opportunitiesFor, rankOpportunities } from "../../app/modules/investments/matching.server";
import { needsFor, peopleForNeed, projectsFor, rankNeeds, rankPeopleForNeed, rankProjects } from "../../app/modules/matching/engine.server";
import { setupTestDatabase } from "../support/db";
import { prng } from "../support/prng";
import { addLguRole, createLgu, createUser } from "../support/factories";

const db = setupTestDatabase();
const owner = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute<T>(query)).then((rows) => [...rows]);
/** As the database owner (app_private is not the service role's). */
const superuser = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => db().client.db.execute<T>(query).then((rows) => [...rows]);

const { random, pick, some } = prng(20261125);

const SECTORS = ["education", "health", "water", "roads", "livelihood", "agriculture", "culture"];
const LANGUAGES = ["en", "fil", "es", "fr", "ar"];
const STATUSES = ["fundraising", "fundraising", "funded", "in_progress", "completed", "draft"];
const people: JwtClaims[] = [];
let editor: JwtClaims;
let lguIds: string[] = [];

beforeAll(async () => {
  setDbClient(db().client);
  // Skills: civil engineering and what the taxonomy relates to it, and a few others.
  const related = (await owner<{ code: string }>(sql`select linked_code as code from skill_links where code = 'civil_engineering' and kind = 'related' order by 1`)).map((r) => r.code);
  const skills = ["civil_engineering", ...related.slice(0, 3), "teaching", "nursing", "accounting"];
  // Places: a country, two provinces with three towns each; an LGU for every place, one unverified.
  const [country] = await owner<{ id: string }>(sql`insert into places (kind, name, country_code) values ('country', 'Matchland', 'ML') returning id`);
  const places: string[] = [];
  for (let p = 0; p < 2; p++) {
    const [province] = await owner<{ id: string }>(sql`insert into places (parent_id, kind, name, country_code) values (${country!.id}, 'province', ${`Province ${p}`}, 'ML') returning id`);
    places.push(province!.id);
    for (let t = 0; t < 3; t++) {
      const [town] = await owner<{ id: string }>(sql`insert into places (parent_id, kind, name, country_code) values (${province!.id}, 'municipality', ${`Town ${p}-${t}`}, 'ML') returning id`);
      places.push(town!.id);
    }
  }
  const lgus = [];
  for (const [i, placeId] of places.entries()) lgus.push(await createLgu(db().url, { verificationStatus: i === 3 ? "unverified" : "verified", placeId, name: `LGU ${i}` }));
  lgus.push(await createLgu(db().url, { verificationStatus: "verified", name: "Elsewhere" }));

  // 120 projects with 0-3 skill needs each.
  const needIds: string[] = [];
  for (let i = 0; i < 120; i++) {
    const lgu = pick(lgus);
    const status = pick(STATUSES);
    const title = Object.fromEntries(some(LANGUAGES, 2).map((l) => [l, `Project ${i} (${l})`]));
    if (Object.keys(title).length === 0) title.en = `Project ${i}`;
    const slug = `match-${i}`;
    const [project] = await owner<{ id: string }>(sql`
      insert into projects (lgu_id, slug, title, summary, sector, goal_minor, currency, status, published_at)
      values (${lgu.id}, ${slug}, ${JSON.stringify(title)}::jsonb, '{"en": "A project."}'::jsonb, ${pick(SECTORS)}::project_sector, 1000000, 'PHP',
              'draft', null) returning id`);
    if (status !== "draft") {
      // Published at various times: some inside the recency window.
      await owner(sql`update projects set status = ${status}::project_status, published_at = now() - make_interval(days => ${Math.floor(random() * 90)}::int)
                      where id = ${project!.id}`);
    }
    for (let n = 0; n < Math.floor(random() * 4); n++) {
      const dated = random() < 0.3;
      const [row] = await owner<{ id: string }>(sql`
        insert into project_needs (project_id, kind, description, skill, quantity, fulfilled, mode, language, starts_on, ends_on, closed_at)
        values (${project!.id}, 'skill', '{"en": "A need."}'::jsonb, ${pick(skills)}, 2, ${random() < 0.1 ? 2 : 0},
                ${pick(["remote", "on_site", "either"])}::work_mode, ${random() < 0.6 ? pick(LANGUAGES) : null},
                ${dated ? sql`current_date - 40` : null}, ${dated ? sql`current_date + ${Math.floor(random() * 60) - 30}::int` : null},
                ${random() < 0.1 ? sql`now()` : null}) returning id`);
      needIds.push(row!.id);
    }
  }

  // An editor of every LGU, for the people to invite.
  const staff = await createUser(db().url, { displayName: "Editor" });
  for (const lgu of lgus) await addLguRole(db().url, lgu.id, staff.id, "editor");
  editor = staff.claims;
  lguIds = lgus.map((l) => l.id);

  // 80 investment opportunities; rates for some currencies, none for JPY.
  await owner(sql`delete from exchange_rates where currency = 'JPY'`);
  for (const [currency, rate] of [["PHP", "0.0175"], ["USD", "1"], ["EUR", "1.08"], ["AED", "0.2723"]] as const) {
    await owner(sql`insert into exchange_rates (currency, usd_per_unit) values (${currency}, ${rate}) on conflict (currency) do update set usd_per_unit = excluded.usd_per_unit`);
  }
  const opportunityIds: string[] = [];
  for (let i = 0; i < 80; i++) {
    const lgu = pick(lgus);
    const status = pick(["open", "open", "open", "draft", "closed"]);
    const min = (1 + Math.floor(random() * 50)) * 100_000;
    const title = Object.fromEntries(some(LANGUAGES, 2).map((l) => [l, `Opportunity ${i} (${l})`]));
    if (Object.keys(title).length === 0) title.fr = `Opportunité ${i}`;
    const [row] = await owner<{ id: string }>(sql`
      insert into investment_opportunities (lgu_id, slug, title, sector, interest_sectors, kind, ticket_min_minor, ticket_max_minor, currency, timeline,
        contact_office, status, published_at, closed_at)
      values (${lgu.id}, ${`opportunity-${i}`}, ${JSON.stringify(title)}::jsonb, 'agribusiness', ${`{${some(SECTORS, 2).join(",")}}`}::text[], 'joint_venture',
              ${min}, ${min * (1 + Math.floor(random() * 10))}, ${pick(["PHP", "USD", "EUR", "JPY"])}, 'within_6_months', 'Investment desk', ${status},
              ${status === "draft" ? null : sql`now() - make_interval(days => ${Math.floor(random() * 90)}::int)`}, ${status === "closed" ? sql`now()` : null})
      returning id`);
    opportunityIds.push(row!.id);
  }

  // 40 people.
  for (let i = 0; i < 40; i++) {
    const id = crypto.randomUUID();
    await owner(sql`insert into auth.users (id, aud, role, email, email_confirmed_at) values (${id}, 'authenticated', 'authenticated', ${`match-${i}@example.test`}, now())`);
    await owner(sql`insert into profiles (id, display_name, sectors, languages, preferred_locale, country_of_residence, willingness, engagement_visibility, basics_visibility)
                    values (${id}, ${`Person ${i}`}, ${`{${some(SECTORS, 2).join(",")}}`}::text[], ${`{${some(LANGUAGES, 2).join(",")}}`}::text[],
                            ${random() < 0.7 ? pick(LANGUAGES) : null}, ${pick(["ML", "AE", "IT", null])},
                            ${`{${some(["donate", "volunteer", "mentor", "invest"], 2).join(",")}}`}::text[],
                            ${random() < 0.6 ? "public" : "private"}::profile_visibility, ${random() < 0.5 ? "public" : "private"}::profile_visibility)`);
    for (const place of some(places, 2)) await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${id}, ${place})`);
    for (const skill of some(skills, 2)) await owner(sql`insert into member_skills (profile_id, skill_code, level, years) values (${id}, ${skill}, 'advanced', 5)`);
    // Some already offered for a need (which then leaves their list).
    if (random() < 0.3 && needIds.length) {
      await owner(sql`insert into volunteer_offers (lgu_id, need_id, project_id, volunteer_id, skill, mode, message)
                      select p.lgu_id, n.id, p.id, ${id}, n.skill, 'either', 'Offered before'
                      from project_needs n join projects p on p.id = n.project_id where n.id = ${pick(needIds)}`).catch(() => undefined);
    }
    if (random() < 0.6) {
      const min = (1 + Math.floor(random() * 30)) * 100_000;
      await owner(sql`insert into investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency)
                      values (${id}, ${min}, ${min * (1 + Math.floor(random() * 20))}, ${pick(["PHP", "USD", "EUR", "AED", "JPY"])})`);
    }
    if (random() < 0.3) {
      await owner(sql`insert into investment_interests (opportunity_id, lgu_id, member_id, display_name, amount_min_minor, amount_max_minor, currency, timeline, role, message, consent_to_contact)
                      select o.id, o.lgu_id, ${id}, 'Investor', 1000, 2000, 'PHP', 'within_6_months', 'investor', 'Interested in this one.', false
                      from investment_opportunities o where o.id = ${pick(opportunityIds)} and o.status = 'open'`).catch(() => undefined);
    }
    people.push({ sub: id, role: "authenticated" });
  }
}, 120_000);

describe("the matching engine's first passes", () => {
  it("pick the same skill needs, in the same order with the same reasons, as ranking every candidate", async () => {
    let nonEmpty = 0;
    for (const claims of people) {
      for (const limit of [3, 20]) {
        const expected = await rankNeeds(claims, "en", limit, null);
        expect(await needsFor(claims, "en", limit), `person ${claims.sub}, limit ${limit}`).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it("pick the same projects, in the same order with the same reasons, as ranking every candidate", async () => {
    let nonEmpty = 0;
    for (const claims of people) {
      for (const limit of [3, 20]) {
        const expected = await rankProjects(claims, "en", limit, null);
        expect(await projectsFor(claims, "en", limit), `person ${claims.sub}, limit ${limit}`).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it("pick the same investment opportunities, in the same order with the same reasons, as ranking every open one", async () => {
    let nonEmpty = 0;
    for (const claims of people) {
      for (const limit of [3, 20]) {
        const expected = await rankOpportunities(claims, "en", limit, null);
        expect(await opportunitiesFor(claims, "en", limit), `person ${claims.sub}, limit ${limit}`).toEqual(expected);
        if (expected.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(40);
  });

  it("pick the same people to invite for each open skill need, with the same reasons, as ranking everyone with the skill", async () => {
    const open = await owner<{ id: string; lgu_id: string }>(sql`
      select n.id, p.lgu_id from project_needs n join projects p on p.id = n.project_id
      where n.kind = 'skill' and n.closed_at is null and p.lgu_id = any (${`{${lguIds.join(",")}}`}::uuid[]) order by n.id`);
    let nonEmpty = 0;
    for (const need of open) {
      for (const limit of [3, 20]) {
        const expected = await rankPeopleForNeed(editor, need.lgu_id, need.id, "en", limit, "everyone");
        expect(await peopleForNeed(editor, need.lgu_id, need.id, "en", limit), `need ${need.id}, limit ${limit}`).toEqual(expected);
        if (expected && expected.length > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    // Someone who hides their engagement leaves every list; showing it again brings them back.
    const [shown] = await superuser<{ profile_id: string }>(sql`select profile_id from app_private.skill_people order by profile_id limit 1`);
    await owner(sql`update profiles set engagement_visibility = 'private' where id = ${shown!.profile_id}`);
    expect(await superuser(sql`select count(*)::int as n from app_private.skill_people where profile_id = ${shown!.profile_id}`)).toEqual([{ n: 0 }]);
    await owner(sql`update profiles set engagement_visibility = 'public' where id = ${shown!.profile_id}`);
    expect((await superuser<{ n: number }>(sql`select count(*)::int as n from app_private.skill_people where profile_id = ${shown!.profile_id}`))[0]!.n).toBeGreaterThan(0);
  });

  it("still agrees after needs close and fill, projects finish, an LGU loses its verification and titles change", async () => {
    await owner(sql`update project_needs set closed_at = now() where id in (select id from project_needs order by id limit 5)`);
    await owner(sql`update project_needs set fulfilled = quantity where id in (select id from project_needs order by id desc limit 5)`);
    await owner(sql`update project_needs set closed_at = null where id in (select id from project_needs where closed_at is not null order by id desc limit 2)`);
    await owner(sql`update projects set status = 'completed' where id in (select id from projects where status = 'in_progress' order by id limit 3)`);
    await owner(sql`update lgus set verification_status = 'unverified', verified_at = null where name = 'LGU 1'`);
    await owner(sql`update projects set title = '{"ar": "مشروع"}'::jsonb where id in (select id from projects order by slug limit 10)`);
    await owner(sql`update profiles set basics_visibility = 'public', languages = '{ar}' where id in (select id from profiles order by id limit 10)`);
    await owner(sql`delete from member_skills where profile_id in (select id from profiles order by id desc limit 5)`);
    for (const claims of people) {
      expect(await needsFor(claims, "en", 20)).toEqual(await rankNeeds(claims, "en", 20, null));
      expect(await projectsFor(claims, "en", 20)).toEqual(await rankProjects(claims, "en", 20, null));
    }
    const open = await owner<{ id: string; lgu_id: string }>(sql`
      select n.id, p.lgu_id from project_needs n join projects p on p.id = n.project_id
      where n.kind = 'skill' and n.closed_at is null and p.lgu_id = any (${`{${lguIds.join(",")}}`}::uuid[]) order by n.id limit 30`);
    for (const need of open) {
      expect(await peopleForNeed(editor, need.lgu_id, need.id, "en", 20)).toEqual(await rankPeopleForNeed(editor, need.lgu_id, need.id, "en", 20, "everyone"));
    }
  });

  it("keeps the listing's title languages with the project", async () => {
    const [project] = await superuser<{ id: string }>(sql`select project_id as id from app_private.project_listings order by project_id limit 1`);
    await owner(sql`update projects set title = '{"fr": "Projet", "ar": "مشروع", "es": ""}'::jsonb where id = ${project!.id}`);
    expect(await superuser(sql`select title_languages from app_private.project_listings where project_id = ${project!.id}`)).toEqual([{ title_languages: ["ar", "fr"] }]);
  });
});
