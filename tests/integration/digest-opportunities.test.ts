/**
 * The digest's opportunities topic against the real database: investment opportunities opened in
 * the window, still open, of verified LGUs, that fit a member by the engine's weights (hand-checked
 * below, and the same as "opportunities for you" plus willingness to invest), kept from
 * OPPORTUNITY_DIGEST_MIN_SCORE; never a draft, closed, older or unverified town's opportunity, one
 * the member already expressed interest in, or one that only speaks their language; and a batch of
 * 300 members answered with as many queries as a batch of 3.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { i18nServer } from "../../app/i18n/i18next.server";
import type { DigestItem } from "../../app/modules/digest/provider";
import { opportunitiesProvider } from "../../app/modules/digest/providers/opportunities.server";
import { groupByTopic, renderDigest } from "../../app/modules/digest/render.server";
import { opportunitiesFor } from "../../app/modules/investments/matching.server";
import { MATCH_WEIGHTS as W, OPPORTUNITY_DIGEST_MIN_SCORE } from "../../app/modules/matching/weights";
import { countingTx } from "../support/counting-tx";
import { setupTestDatabase } from "../support/db";
import { createLgu, createUser } from "../support/factories";

const db = setupTestDatabase();
const owner = (query: ReturnType<typeof sql>) => db().client.db.execute(query);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

async function place(name: string, kind: "province" | "municipality" | "country", parent: string | null) {
  const [row] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${parent}::uuid, ${kind}, ${name}, 'OL') returning id`);
  return (row as { id: string }).id;
}

let count = 0;
async function opportunity(
  lguId: string,
  o: {
    title: Record<string, string>;
    sector: string;
    interests: string[];
    ticket: [number, number];
    currency: string;
    status?: "draft" | "open" | "closed";
    summary?: string;
  },
) {
  const [row] = await owner(sql`
    insert into investment_opportunities (lgu_id, slug, title, summary, sector, interest_sectors, kind, ticket_min_minor, ticket_max_minor, currency, timeline, contact_office, status)
    values (${lguId}::uuid, ${`opportunity-${++count}-${Date.now().toString(36)}`}, ${JSON.stringify(o.title)}::jsonb, ${JSON.stringify({ en: o.summary ?? "A summary." })}::jsonb,
            ${o.sector}, ${`{${o.interests.join(",")}}`}::text[], 'joint_venture', ${o.ticket[0]}, ${o.ticket[1]}, ${o.currency}, 'one_to_2_years', 'Investment office',
            ${o.status ?? "open"}::investment_opportunity_status)
    returning id, slug`);
  return row as { id: string; slug: string };
}

type Member = Awaited<ReturnType<typeof createUser>>;

describe("the opportunities topic", () => {
  let since: Date;
  let until: Date;
  let o: Record<string, { id: string; slug: string }>;
  let members: Record<"investor" | "interested" | "techie" | "almost" | "bystander", Member>;
  let found: Map<string, DigestItem[]>;

  beforeAll(async () => {
    setDbClient(db().client);
    const country = await place("Investland", "country", null);
    const province = await place("Coast Province", "province", country);
    const townA = await place("Alma", "municipality", province);
    const townB = await place("Bela", "municipality", province);
    const townU = await place("Unvera", "municipality", province);
    const alma = await createLgu(db().url, { verificationStatus: "verified", name: "Municipality of Alma", placeId: townA });
    const coast = await createLgu(db().url, { verificationStatus: "verified", name: "Province of Coast", placeId: province });
    const bela = await createLgu(db().url, { verificationStatus: "verified", name: "Municipality of Bela", placeId: townB });
    const unverified = await createLgu(db().url, { verificationStatus: "pending", name: "Municipality of Unvera", placeId: townU });
    await owner(sql`insert into exchange_rates (currency, usd_per_unit) values ('PHP', 0.0172), ('EUR', 1.08)
                    on conflict (currency) do update set usd_per_unit = excluded.usd_per_unit`);

    members = {
      investor: await createUser(db().url, { displayName: "Investor" }),
      interested: await createUser(db().url, { displayName: "Interested" }),
      techie: await createUser(db().url, { displayName: "Techie" }),
      almost: await createUser(db().url, { displayName: "Almost" }),
      bystander: await createUser(db().url, { displayName: "Bystander" }),
    };
    const { investor, interested, techie, almost, bystander } = members;
    // The investor and the interested one: from Alma, care about agriculture, willing to invest
    // ₱200,000–₱1,000,000, read Filipino. The techie cares about technology and reads English; the
    // almost-techie too but reads only Filipino; the bystander is willing to invest and reads
    // English, nothing else.
    for (const m of [investor, interested]) {
      await owner(sql`update profiles set sectors = '{agriculture}', willingness = '{invest}', preferred_locale = 'fil' where id = ${m.id}::uuid`);
      await owner(sql`insert into profile_hometowns (profile_id, place_id) values (${m.id}::uuid, ${townA}::uuid)`);
      await owner(sql`insert into investment_preferences (member_id, ticket_min_minor, ticket_max_minor, currency) values (${m.id}::uuid, 20000000, 100000000, 'PHP')`);
    }
    await owner(sql`update profiles set sectors = '{technology}', preferred_locale = 'en' where id = ${techie.id}::uuid`);
    await owner(sql`update profiles set sectors = '{technology}', preferred_locale = 'fil' where id = ${almost.id}::uuid`);
    await owner(sql`update profiles set willingness = '{invest}', preferred_locale = 'en' where id = ${bystander.id}::uuid`);

    const farm = {
      title: { en: "Alma agro-tourism farm", fil: "Agro-tourism na bukid sa Alma" },
      sector: "agro_tourism",
      interests: ["agriculture", "tourism"],
      ticket: [10_000_000, 50_000_000] as [number, number], // ₱100,000–₱500,000
      currency: "PHP",
    };
    const older = await opportunity(alma.id, { ...farm, title: { en: "Opened last week", fil: "Noong isang linggo" } });
    const closedEarlier = await opportunity(alma.id, { ...farm, title: { en: "Closed farm", fil: "Saradong bukid" } });
    await pause();
    since = new Date();
    await pause();
    o = {
      farm: await opportunity(alma.id, { ...farm, summary: "Cottages and a farm kitchen on the slopes." }),
      // The province Alma is in; a cooperative in euros (€10,000–€50,000 ≈ $10,800–$54,000 against
      // the investor's ₱200,000–₱1,000,000 ≈ $3,440–$17,200: they overlap); English only.
      coop: await opportunity(coast.id, {
        title: { en: "Coast fishers' cooperative" },
        sector: "cooperative",
        interests: ["livelihood", "agriculture"],
        ticket: [1_000_000, 5_000_000],
        currency: "EUR",
      }),
      tech: await opportunity(bela.id, {
        title: { en: "Bela technology park" },
        sector: "technology",
        interests: ["technology"],
        ticket: [5_000_000_000, 10_000_000_000],
        currency: "PHP",
      }),
      draft: await opportunity(alma.id, { ...farm, title: { en: "Draft farm" }, status: "draft" }),
      unverified: await opportunity(unverified.id, { ...farm, title: { en: "Unverified town's farm" } }),
      interest: await opportunity(alma.id, { ...farm, title: { en: "Farm with an interest", fil: "Bukid na may interes" } }),
      older,
      closedEarlier,
    };
    await owner(sql`update investment_opportunities set published_at = ${new Date(since.getTime() - 7 * 86_400_000).toISOString()}::timestamptz where id = ${older.id}::uuid`);
    await owner(sql`update investment_opportunities set status = 'closed' where id = ${closedEarlier.id}::uuid`);
    // Opened inside the window, closed since.
    await owner(sql`update investment_opportunities set published_at = now() where id = ${closedEarlier.id}::uuid`);
    await owner(sql`
      insert into investment_interests (opportunity_id, lgu_id, member_id, display_name, amount_min_minor, amount_max_minor, currency, timeline, role, message, consent_to_contact)
      values (${o.interest!.id}::uuid, ${alma.id}::uuid, ${interested.id}::uuid, 'Interested', 20000000, 50000000, 'PHP', 'one_to_2_years', 'investor', 'I would like to join.', true)`);
    until = new Date(Date.now() + 60_000);

    found = await db().client.asService((tx) =>
      opportunitiesProvider.collect(tx, Object.values(members).map((m) => m.id), since, until),
    );
  });

  const keys = (member: Member) => (found.get(member.id) ?? []).map((item) => item.key);
  const item = (member: Member, key: string) => found.get(member.id)!.find((i) => i.key === key)!;

  it("gives each member the newly opened opportunities that fit them, best first, and nobody the others", () => {
    // Two farms of the same score: the newer first.
    expect(keys(members.investor)).toEqual([o.interest!.id, o.farm!.id, o.coop!.id]);
    expect(keys(members.interested)).toEqual([o.farm!.id, o.coop!.id]);
    expect(keys(members.techie)).toEqual([o.tech!.id]);
    expect(found.has(members.almost.id)).toBe(false);
    expect(found.has(members.bystander.id)).toBe(false);
    for (const hidden of ["draft", "unverified", "older", "closedEarlier"])
      for (const list of found.values()) expect(list.map((i) => i.key)).not.toContain(o[hidden]!.id);
  });

  it("scores with MATCH_WEIGHTS (hand-checked) and gives the reasons in words", () => {
    const farm = item(members.investor, o.farm!.id);
    expect(farm.rank).toBe(W.hometown + W.sector + W.ticket + W.willingness + W.language);
    expect(farm).toMatchObject({
      topic: "opportunities",
      href: `/invest/${o.farm!.slug}`,
      title: { en: "Alma agro-tourism farm", fil: "Agro-tourism na bukid sa Alma" },
      context: "Municipality of Alma",
      body: { en: "Cottages and a farm kitchen on the slopes." },
      reasons: [
        { key: "reasons.opportunityHometown", values: { place: "Alma" } },
        { key: "reasons.opportunitySectors", values: { sectors: [expect.objectContaining({ en: "Agriculture and fisheries" })] } },
        { key: "reasons.opportunityTicket" },
        { key: "reasons.opportunityWilling" },
        { key: "reasons.opportunityLanguage", values: { language: expect.objectContaining({ en: "Filipino", fil: "Filipino" }) } },
      ],
    });
    // The province's cooperative: near the hometown, agriculture, the ticket through the exchange
    // rates, willing; English only, which the investor did not say they read.
    const coop = item(members.investor, o.coop!.id);
    expect(coop.rank).toBe(W.homeProvince + W.sector + W.ticket + W.willingness);
    expect(coop.reasons!.map((r) => r.key)).toEqual([
      "reasons.opportunityNearHometown",
      "reasons.opportunitySectors",
      "reasons.opportunityTicket",
      "reasons.opportunityWilling",
    ]);
    // The techie reaches the minimum exactly (sector and language); the same without the language
    // (20) and the bystander's language and willingness (20) do not.
    expect(item(members.techie, o.tech!.id).rank).toBe(W.sector + W.language);
    expect(W.sector + W.language).toBe(OPPORTUNITY_DIGEST_MIN_SCORE);
    expect(W.language + W.willingness).toBeLessThan(OPPORTUNITY_DIGEST_MIN_SCORE);
  });

  it("agrees with opportunities for you, plus the willingness to invest", async () => {
    for (const member of [members.investor, members.interested, members.techie]) {
      const ranked = await opportunitiesFor(member.claims, "en", 50);
      const willing = member === members.techie ? 0 : W.willingness;
      for (const i of found.get(member.id)!) {
        const slug = i.href.replace("/invest/", "");
        expect(ranked.find((r) => r.slug === slug)?.score, `${member.claims.email} ${slug}`).toBe(i.rank! - willing);
      }
    }
  });

  it("renders the reasons in the member's language", async () => {
    const sections = groupByTopic(found.get(members.investor.id)!, ["opportunities"]);
    const recipient = { id: members.investor.id, email: "i@example.org", displayName: "Investor", timeZone: "UTC" };
    const links = { siteUrl: "https://tulay.example", unsubscribe: (scope: string) => `https://tulay.example/u?t=${scope}` };
    const filipino = renderDigest((await i18nServer.getFixedT("fil", "digest")) as never, { ...recipient, locale: "fil" }, sections, { since, until }, links);
    expect(filipino.text).toContain("• Agro-tourism na bukid sa Alma — Municipality of Alma");
    expect(filipino.text).toContain(
      "Nasa inyong bayang pinagmulan, Alma. Tungkol sa Agrikultura at pangisdaan, na mahalaga sa inyo. Pasok ang halaga nito sa kaya ninyong ilagak. Sinabi ninyong gusto ninyong mamuhunan. Nakasulat sa Filipino.",
    );
    expect(filipino.text).toContain(`https://tulay.example/invest/${o.farm!.slug}`);
    const arabic = renderDigest((await i18nServer.getFixedT("ar", "digest")) as never, { ...recipient, locale: "ar" }, sections, { since, until }, links);
    expect(arabic.text).toContain("في مدينتك الأصلية، Alma.");
    expect(arabic.text).toContain("مكتوبة باللغة الفلبينية.");
  });

  it("answers a batch of 300 members with the same few queries as a batch of 3", async () => {
    const [{ ids }] = (await owner(sql`
      with people as (select gen_random_uuid() as id, n from generate_series(1, 300) n),
      users as (insert into auth.users (id, aud, role, email, email_confirmed_at) select id, 'authenticated', 'authenticated', 'techie-' || n || '@example.test', now() from people returning id),
      profiles as (insert into profiles (id, display_name, sectors, preferred_locale) select id, 'Techie', '{technology}', 'en' from people returning id)
      select array_agg(id::text) as ids from people`)) as unknown as [{ ids: string[] }];
    const run = (memberIds: string[], from = since, to = until) =>
      db().client.asService(async (tx) => {
        const counting = countingTx(tx);
        const result = await opportunitiesProvider.collect(counting.tx, memberIds, from, to);
        return { result, queries: counting.count() };
      });
    const small = await run(ids.slice(0, 3));
    const large = await run(ids);
    expect(large.result.size).toBe(300);
    expect(new Set([...large.result.values()].map((list) => list.map((i) => i.key).join()))).toEqual(new Set([o.tech!.id]));
    expect(small.queries).toBe(2);
    expect(large.queries).toBe(small.queries);
    const empty = await run(ids, until, new Date(until.getTime() + 60_000));
    expect({ size: empty.result.size, queries: empty.queries }).toEqual({ size: 0, queries: 1 });
  });
});
