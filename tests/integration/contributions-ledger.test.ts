/**
 * The contribution ledger's rules as the database holds them for every code path: append-only,
 * one movement per external id (so a retried webhook changes nothing), the project's currency, no
 * refund larger than what a gift received; project totals derived in the same transaction and
 * reconciling with the ledger after any sequence of movements; and who may read or write what.
 */
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "../support/db";
import { addLguRole, addOrganisationRole, createLgu, createOrganisation, createUser, makePlatformAdmin } from "../support/factories";
import { createProject, refusalOf } from "../support/project-factories";

const db = setupTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;

let donor: User;
let otherMember: User;
let treasurer: User;
let editor: User;
let otherTreasurer: User;
let platformAdmin: User;
let lgu: { id: string };

beforeAll(async () => {
  const url = db().url;
  const admin = await createUser(url);
  [donor, otherMember, treasurer, editor, otherTreasurer, platformAdmin] = [
    await createUser(url), await createUser(url), await createUser(url), await createUser(url), await createUser(url), await createUser(url),
  ];
  lgu = await createLgu(url, { createdBy: admin.id, verificationStatus: "verified" });
  await addLguRole(url, lgu.id, treasurer.id, "treasurer");
  await addLguRole(url, lgu.id, editor.id, "editor");
  const otherLgu = await createLgu(url, { createdBy: otherTreasurer.id, verificationStatus: "verified" });
  await addLguRole(url, otherLgu.id, otherTreasurer.id, "treasurer");
  await makePlatformAdmin(url, platformAdmin.id);
});

// The server writes money as the table owner / service role; these helpers do the same.
const owner = () => db().client.sql;
let sequence = 0;
async function gift(projectId: string, amountMinor: number, options: { currency?: string; donorId?: string | null } = {}) {
  const [row] = await owner()<{ id: string }[]>`
    insert into contributions (project_id, donor_id, kind, channel, amount_minor, currency, reference)
    values (${projectId}, ${options.donorId ?? null}, 'one_time', 'bank_transfer', ${amountMinor}, ${options.currency ?? "PHP"}, ${`TEST-${++sequence}-${Date.now()}`})
    returning id`;
  return row!.id;
}
const move = (contributionId: string, projectId: string, type: "received" | "refunded", amountMinor: number, externalId: string, currency = "PHP") =>
  owner()`insert into contribution_events (contribution_id, project_id, type, amount_minor, currency, source, external_id)
           values (${contributionId}, ${projectId}, ${type}, ${amountMinor}, ${currency}, 'treasurer', ${externalId})`;
const funding = async (projectId: string) =>
  (await owner()<{ received_minor: string; refunded_minor: string; raised_minor: string; gifts: number; funded_basis_points: number; fundraising: boolean }[]>`
    select received_minor, refunded_minor, raised_minor, gifts, funded_basis_points, fundraising from project_funding where project_id = ${projectId}`)[0]!;
const drift = () => owner()`select * from app_private.project_funding_drift()`;

describe("the ledger", () => {
  it("derives a project's totals from its movements, in the same transaction", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    expect(await funding(project.id)).toMatchObject({ raised_minor: "0", gifts: 0, funded_basis_points: 0, fundraising: true });
    const a = await gift(project.id, 300_000);
    const b = await gift(project.id, 200_000);
    await move(a, project.id, "received", 300_000, "a-1");
    await move(b, project.id, "received", 150_000, "b-1"); // a transfer that arrived short
    await move(a, project.id, "refunded", 100_000, "a-r1");
    expect(await funding(project.id)).toMatchObject({ received_minor: "450000", refunded_minor: "100000", raised_minor: "350000", gifts: 2, funded_basis_points: 3500 });
    expect(await owner()`select status from contributions where id in (${a}, ${b}) order by amount_minor`).toEqual([{ status: "confirmed" }, { status: "confirmed" }]);
    await move(a, project.id, "refunded", 200_000, "a-r2");
    expect(await owner()`select status from contributions where id = ${a}`).toEqual([{ status: "refunded" }]);
    expect(await drift()).toEqual([]);
  });

  it("records a movement once: the same external id again is refused and changes nothing", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const a = await gift(project.id, 5_000);
    await move(a, project.id, "received", 5_000, "evt_once");
    expect(await refusalOf(move(a, project.id, "received", 5_000, "evt_once"))).toMatchObject({ code: "23505", constraint: "contribution_events_external_unique" });
    expect(await funding(project.id)).toMatchObject({ raised_minor: "5000", gifts: 1 });
  });

  it("refuses a refund above what the gift still holds, a foreign currency, another project, and any change or deletion", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const other = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const a = await gift(project.id, 10_000);
    await move(a, project.id, "received", 10_000, "r-1");
    const before = JSON.stringify(await funding(project.id));
    expect(await refusalOf(move(a, project.id, "refunded", 10_001, "r-too-much"))).toMatchObject({ hint: "ledger_refund_too_large" });
    expect(await refusalOf(move(a, project.id, "received", 10_000, "r-usd", "USD"))).toMatchObject({ hint: "ledger_wrong_currency" });
    expect(await refusalOf(move(a, other.id, "received", 10_000, "r-other"))).toMatchObject({ hint: "ledger_wrong_project" });
    expect(await refusalOf(move(a, project.id, "received", 0, "r-zero"))).toMatchObject({ constraint: "contribution_events_amount_positive" });
    expect(await refusalOf(owner()`update contribution_events set amount_minor = 1 where contribution_id = ${a}`)).toMatchObject({ hint: "ledger_append_only" });
    expect(await refusalOf(owner()`delete from contribution_events where contribution_id = ${a}`)).toMatchObject({ hint: "ledger_append_only" });
    // Even with CASCADE (past the receipts that point at it), the ledger refuses to be emptied.
    expect(await refusalOf(owner()`truncate contribution_events cascade`)).toMatchObject({ hint: "ledger_append_only" });
    expect(await refusalOf(gift(project.id, 10_000, { currency: "USD" }))).toMatchObject({ hint: "contribution_wrong_currency" });
    expect(JSON.stringify(await funding(project.id))).toBe(before);
    expect(await drift()).toEqual([]);
  });

  it("takes new gifts only for a project raising money, of a verified LGU", async () => {
    for (const status of ["draft", "review", "funded", "in_progress", "completed", "cancelled"] as const) {
      const project = await createProject(db().url, lgu.id, { status, goalMinor: 1_000_000, currency: "PHP" });
      expect(await refusalOf(gift(project.id, 1_000)), status).toMatchObject({ hint: "project_not_raising" });
    }
    const unverified = await createLgu(db().url, { createdBy: donor.id, verificationStatus: "pending" });
    const project = await createProject(db().url, unverified.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    expect(await refusalOf(gift(project.id, 1_000))).toMatchObject({ hint: "project_not_raising" });
  });

  it("counts a gift as part of an association only when the donor is one of its members", async () => {
    const association = await createOrganisation(db().url, { createdBy: otherMember.id });
    await addOrganisationRole(db().url, association.id, donor.id, "member");
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const attributed = (donorId: string | null) =>
      owner()`insert into contributions (project_id, donor_id, kind, channel, amount_minor, currency, reference, association_id)
              values (${project.id}, ${donorId}, 'pledge', 'remittance', 5000, 'PHP', ${`ASSOC-${++sequence}`}, ${association.id})`;
    expect(await refusalOf(attributed(editor.id))).toMatchObject({ hint: "association_member_only" });
    expect(await refusalOf(attributed(null))).toMatchObject({ hint: "association_member_only" });
    expect(await refusalOf(attributed(donor.id))).toBeNull();
  });

  it("accrues each co-funder's matching by its ratio up to its cap, and gives it back with a refund", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 10_000_000, currency: "PHP" });
    const [three, one] = await owner()<{ id: string }[]>`
      insert into project_cofunders (project_id, kind, name, ratio_matched, ratio_given, cap_minor)
      values (${project.id}, 'national_agency', 'Agency (3:1)', 3, 1, 1000000), (${project.id}, 'company', 'Company (1:2)', 1, 2, 5000000)
      returning id`;
    const committed = async () =>
      (await owner()<{ id: string; committed_minor: string }[]>`select id, committed_minor from project_cofunders where project_id = ${project.id}`)
        .sort((a, b) => (a.id === three!.id ? -1 : b.id === three!.id ? 1 : 0))
        .map((c) => Number(c.committed_minor));
    expect(await committed()).toEqual([0, 0]);
    const a = await gift(project.id, 200_000);
    await move(a, project.id, "received", 200_000, "m-1");
    expect(await committed()).toEqual([600_000, 100_000]);
    const b = await gift(project.id, 300_000);
    await move(b, project.id, "received", 300_000, "m-2");
    // 3 × 500,000 is over the agency's cap of 1,000,000: it stops there.
    expect(await committed()).toEqual([1_000_000, 250_000]);
    await move(b, project.id, "refunded", 300_000, "m-2r");
    expect(await committed()).toEqual([600_000, 100_000]);
    // Nobody types matching by hand, and new terms cannot take back what is committed.
    await owner()`update project_cofunders set committed_minor = 0 where id = ${three!.id}`;
    expect(await committed()).toEqual([600_000, 100_000]);
    expect(await refusalOf(owner()`update project_cofunders set cap_minor = 500000 where id = ${three!.id}`)).toMatchObject({ constraint: "project_cofunders_cap" });
    expect(one).toBeDefined();
    // Matching that follows a gift is not a person's change: no audit rows for it.
    const audited = await owner()`select 1 from audit_log where subject_table = 'project_cofunders' and action = 'project_cofunders.update' and subject_id = ${three!.id}`;
    expect(audited).toHaveLength(0);
  });

  it("follows the goal and the status: the share raised and whether the project is still raising", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    await move(await gift(project.id, 250_000), project.id, "received", 250_000, "g-1");
    expect(await funding(project.id)).toMatchObject({ funded_basis_points: 2500, fundraising: true });
    await owner()`update projects set goal_minor = 500000 where id = ${project.id}`;
    expect(await funding(project.id)).toMatchObject({ funded_basis_points: 5000 });
    await owner()`update projects set status = 'funded' where id = ${project.id}`;
    expect(await funding(project.id)).toMatchObject({ fundraising: false });
  });

  it("reconciles after a long random sequence of gifts, short arrivals, refunds and replays", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 50_000_000, currency: "PHP" });
    // A fixed seed, so a failure can be replayed.
    let seed = 20261123;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const balances = new Map<string, number>();
    let expectedReceived = 0;
    let expectedRefunded = 0;
    for (let step = 0; step < 150; step++) {
      const roll = random();
      const ids = [...balances.keys()];
      if (roll < 0.45 || ids.length === 0) {
        const amount = 1 + Math.floor(random() * 100_000);
        const id = await gift(project.id, amount);
        await move(id, project.id, "received", amount, `seq-${step}`);
        balances.set(id, amount);
        expectedReceived += amount;
      } else if (roll < 0.75) {
        const id = ids[Math.floor(random() * ids.length)]!;
        const asked = 1 + Math.floor(random() * 120_000);
        const refused = await refusalOf(move(id, project.id, "refunded", asked, `seq-${step}`));
        if (asked <= balances.get(id)!) {
          expect(refused).toBeNull();
          balances.set(id, balances.get(id)! - asked);
          expectedRefunded += asked;
        } else {
          expect(refused).toMatchObject({ hint: "ledger_refund_too_large" });
        }
      } else {
        // A replayed movement (a webhook delivered twice): refused, nothing changes.
        const replay = `seq-${Math.floor(random() * step)}`;
        const [{ n }] = (await owner()`select count(*)::int as n from contribution_events where external_id = ${replay}`) as unknown as [{ n: number }];
        if (n === 1) expect(await refusalOf(move(ids[0]!, project.id, "received", 1, replay))).toMatchObject({ code: "23505" });
      }
    }
    const totals = await funding(project.id);
    expect([Number(totals.received_minor), Number(totals.refunded_minor), Number(totals.raised_minor)]).toEqual([
      expectedReceived,
      expectedRefunded,
      expectedReceived - expectedRefunded,
    ]);
    expect(await drift()).toEqual([]);
  });
});

describe("who reads and writes money", () => {
  const as = (user: User | null, query: SQL) => db().client.withRls(user?.claims ?? null, (tx) => tx.execute(query));
  let projectId: string;
  let draftId: string;
  let contributionId: string;

  beforeAll(async () => {
    projectId = (await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" })).id;
    draftId = (await createProject(db().url, lgu.id, { status: "draft", goalMinor: 1_000_000, currency: "PHP" })).id;
    contributionId = await gift(projectId, 7_000, { donorId: donor.id });
    await move(contributionId, projectId, "received", 7_000, "rls-1");
  });

  it("a gift and its movements: the donor, the project LGU's treasurer and the platform admin; nobody else", async () => {
    const sees = async (user: User | null) => [
      (await as(user, sql`select 1 from contributions where id = ${contributionId}`)).length,
      (await as(user, sql`select 1 from contribution_events where contribution_id = ${contributionId}`)).length,
    ];
    expect(await sees(donor)).toEqual([1, 1]);
    expect(await sees(treasurer)).toEqual([1, 1]);
    expect(await sees(platformAdmin)).toEqual([1, 1]);
    expect(await sees(null)).toEqual([0, 0]);
    expect(await sees(otherMember)).toEqual([0, 0]);
    expect(await sees(editor)).toEqual([0, 0]);
    expect(await sees(otherTreasurer)).toEqual([0, 0]);
  });

  it("totals are public with the project, and hidden with a draft", async () => {
    expect(await as(null, sql`select raised_minor from project_funding where project_id = ${projectId}`)).toEqual([{ raised_minor: "7000" }]);
    expect(await as(null, sql`select 1 from project_funding where project_id = ${draftId}`)).toHaveLength(0);
    expect(await as(editor, sql`select 1 from project_funding where project_id = ${draftId}`)).toHaveLength(1);
  });

  it("no API caller writes money, not even the project's treasurer: only the server does", async () => {
    const attempts: [User, SQL][] = [
      [treasurer, sql`insert into contributions (project_id, kind, channel, amount_minor, currency, reference) values (${projectId}, 'one_time', 'cash', 100, 'PHP', 'FORGED-1')`],
      [treasurer, sql`insert into contribution_events (contribution_id, project_id, type, amount_minor, currency, source, external_id)
                      values (${contributionId}, ${projectId}, 'received', 100, 'PHP', 'treasurer', 'forged-1')`],
      [treasurer, sql`update project_funding set received_minor = 999999999 where project_id = ${projectId}`],
      [treasurer, sql`update contributions set amount_minor = 1 where id = ${contributionId}`],
      [donor, sql`update contributions set anonymous = true where id = ${contributionId}`],
      [donor, sql`delete from contributions where id = ${contributionId}`],
    ];
    for (const [user, query] of attempts) expect(await refusalOf(as(user, query))).toMatchObject({ code: "42501" });
    expect(await funding(projectId)).toMatchObject({ raised_minor: "7000" });
    expect(await drift()).toEqual([]);
  });
});

describe("treasurers' actions", () => {
  const as = (user: User | null, query: SQL) => db().client.withRls(user?.claims ?? null, (tx) => tx.execute(query));
  const pledge = async (projectId: string, channel = "bank_transfer") => {
    const [row] = await owner()<{ id: string }[]>`
      insert into contributions (project_id, donor_id, kind, channel, amount_minor, currency, reference)
      values (${projectId}, ${donor.id}, 'pledge', ${channel}, 20000, 'PHP', ${`PLEDGE-${++sequence}-${Date.now()}`}) returning id`;
    return row!.id;
  };

  it("the treasurer confirms what arrived (it may differ), and it is audited in their name under the LGU", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const id = await pledge(project.id);
    await as(treasurer, sql`select public.confirm_contribution(${id}, 18500, '2026-11-20')`);
    expect(await funding(project.id)).toMatchObject({ raised_minor: "18500", gifts: 1 });
    expect(await owner()`select status from contributions where id = ${id}`).toEqual([{ status: "confirmed" }]);
    // Confirming twice: refused, nothing added.
    expect(await refusalOf(as(treasurer, sql`select public.confirm_contribution(${id}, 18500, '2026-11-20')`))).toMatchObject({ hint: "not_pending" });
    const audit = await owner()<{ action: string; actor_id: string; lgu_id: string }[]>`
      select action, actor_id, lgu_id from audit_log where subject_table in ('contribution_events', 'contributions')
        and (after ->> 'contribution_id' = ${id} or subject_id = ${id}) order by id`;
    expect(audit.map((a) => [a.action, a.actor_id, a.lgu_id])).toEqual([
      ["contribution_events.insert", treasurer.id, lgu.id],
      ["contributions.update", treasurer.id, lgu.id],
    ]);
  });

  it("refuses anyone else, bad amounts and future dates, and changes nothing", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const id = await pledge(project.id);
    for (const user of [donor, editor, otherTreasurer, otherMember, null]) {
      expect(await refusalOf(as(user, sql`select public.confirm_contribution(${id}, 20000, '2026-11-20')`))).toMatchObject({ code: "42501" });
      expect(await refusalOf(as(user, sql`select public.lapse_contribution(${id})`))).toMatchObject({ code: "42501" });
    }
    expect(await refusalOf(as(treasurer, sql`select public.confirm_contribution(${id}, 0, '2026-11-20')`))).toMatchObject({ hint: "amount_positive" });
    expect(await refusalOf(as(treasurer, sql`select public.confirm_contribution(${id}, 100, '2099-01-01')`))).toMatchObject({ hint: "received_in_future" });
    expect(await funding(project.id)).toMatchObject({ raised_minor: "0" });
    expect(await owner()`select status from contributions where id = ${id}`).toEqual([{ status: "pending" }]);
  });

  it("lapses a pledge that never came, and refunds an offline gift once per request", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const lapsed = await pledge(project.id, "remittance");
    await as(treasurer, sql`select public.lapse_contribution(${lapsed})`);
    expect(await owner()`select status from contributions where id = ${lapsed}`).toEqual([{ status: "lapsed" }]);
    const given = await pledge(project.id, "cash");
    await as(treasurer, sql`select public.confirm_contribution(${given}, 20000, '2026-11-20')`);
    const key = "7d1f3e5c-2b4a-4c8e-9f10-a1b2c3d4e5f6";
    await as(treasurer, sql`select public.refund_offline_contribution(${given}, 5000, ${key})`);
    await as(treasurer, sql`select public.refund_offline_contribution(${given}, 5000, ${key})`);
    expect(await funding(project.id)).toMatchObject({ raised_minor: "15000", refunded_minor: "5000" });
    expect(
      await refusalOf(as(treasurer, sql`select public.refund_offline_contribution(${given}, 15001, 'aaaaaaaa-2b4a-4c8e-9f10-a1b2c3d4e5f6')`)),
    ).toMatchObject({ hint: "ledger_refund_too_large" });
    expect(await refusalOf(as(editor, sql`select public.refund_offline_contribution(${given}, 1, 'bbbbbbbb-2b4a-4c8e-9f10-a1b2c3d4e5f6')`))).toMatchObject({
      code: "42501",
    });
    expect(await drift()).toEqual([]);
  });

  it("publishes the ledger of a public project: gifts (named only when the donor allows), refunds and spending", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    await owner()`update profiles set basics_visibility = 'public', display_name = 'Lorna Reyes' where id = ${donor.id}`;
    const named = await pledge(project.id);
    const hidden = await pledge(project.id);
    await owner()`update contributions set anonymous = true where id = ${hidden}`;
    await as(treasurer, sql`select public.confirm_contribution(${named}, 20000, '2026-11-18')`);
    await as(treasurer, sql`select public.confirm_contribution(${hidden}, 20000, '2026-11-19')`);
    await as(treasurer, sql`insert into spending_reports (project_id, amount_minor, spent_on, payee, category, reported_by)
                            values (${project.id}, 7000, '2026-11-21', 'Cement supplier', 'materials', auth.uid())`);
    const rows = await as(null, sql`select kind, occurred_on, amount_minor, donor_name, detail from public.public_project_ledger(${project.id})`);
    expect(rows).toEqual([
      { kind: "spent", occurred_on: "2026-11-21", amount_minor: "7000", donor_name: null, detail: "Cement supplier" },
      { kind: "received", occurred_on: "2026-11-19", amount_minor: "20000", donor_name: null, detail: null },
      { kind: "received", occurred_on: "2026-11-18", amount_minor: "20000", donor_name: "Lorna Reyes", detail: null },
    ]);
    const draft = await createProject(db().url, lgu.id, { status: "draft", goalMinor: 1_000_000, currency: "PHP" });
    expect(await as(null, sql`select * from public.public_project_ledger(${draft.id})`)).toEqual([]);
  });
});
