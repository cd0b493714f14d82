/**
 * Giving end to end below the browser: the give form (bad input refused with translated keys and
 * nothing opened), the demo sandbox through the same ledger path (and refused when it is off),
 * pledges confirmed, lapsed and refunded on the treasurer's page (and refused for anyone else),
 * and the public ledger and its CSV, which add up to the project's total.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { getEnv } from "../../app/config/env.server";
import { setDbClient } from "../../app/db/client.server";
import { completeSandboxPayment, sandboxEnabled, startGift } from "../../app/modules/contributions/giving.server";
import { ledgerCsv, publicLedger } from "../../app/modules/contributions/public-ledger.server";
import { giftSchema } from "../../app/modules/contributions/schema";
import { AppError } from "../../app/utils/errors";
import { logger } from "../../app/utils/logger.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, addOrganisationRole, createLgu, createOrganisation, createUser, makePlatformAdmin } from "../support/factories";
import { createProject } from "../support/project-factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);

type User = Awaited<ReturnType<typeof createUser>>;
let donor: User;
let lgu: { id: string; slug: string };
let project: { id: string; slug: string };

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ payments: null });
  const admin = await createUser(db().url);
  donor = await createUser(db().url);
  lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  project = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 10_000_000, currency: "PHP" });
});

const gift = (fields: Record<string, string>) => giftSchema.parse({ channel: "bank_transfer", ...fields });
const context_ = { siteUrl: "https://tulay.test", email: "donor@example.org" };
const contributionsOf = (projectId: string) => db().client.sql`select status, amount_minor, channel, kind, anonymous from contributions where project_id = ${projectId} order by created_at`;
async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error as AppError & { field?: string };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the give form", () => {
  it("refuses a zero, negative or malformed amount, a past due date, and monthly gifts off card", () => {
    for (const amount of ["0", "-5", "abc", "1.2.3", ""]) {
      expect(giftSchema.safeParse({ channel: "bank_transfer", amount }).success, amount).toBe(false);
    }
    expect(giftSchema.safeParse({ channel: "cash", amount: "10", dueOn: "2020-01-01" }).error?.issues[0]?.message).toBe("giving:validation.dueInPast");
    expect(giftSchema.safeParse({ channel: "cash", amount: "10", monthly: "on" }).error?.issues[0]?.message).toBe("giving:validation.monthlyCardOnly");
    expect(giftSchema.safeParse({ channel: "bitcoin", amount: "10" }).error?.issues[0]?.message).toBe("giving:validation.channel");
  });

  it("refuses above the maximum, too many decimals, card when no provider is configured, and a project not raising money; nothing is opened", async () => {
    const max = getEnv().GIFT_MAX_MAJOR;
    expect(await refusal(startGift(donor.claims, project.slug, gift({ amount: String(max + 1) }), context_))).toMatchObject({
      field: "amount",
      messageKey: "giving:validation.tooLarge",
    });
    expect(await refusal(startGift(donor.claims, project.slug, gift({ amount: "10.505" }), context_))).toMatchObject({ field: "amount" });
    expect(await refusal(startGift(donor.claims, project.slug, gift({ amount: "10", channel: "card" }), context_))).toMatchObject({
      field: "channel",
      messageKey: "giving:validation.channel",
    });
    const done = await createProject(db().url, lgu.id, { status: "completed", goalMinor: 10_000, currency: "PHP" });
    expect(await refusal(startGift(donor.claims, done.slug, gift({ amount: "10" }), context_))).toMatchObject({ messageKey: "giving:errors.notRaising" });
    const draft = await createProject(db().url, lgu.id, { status: "draft", goalMinor: 10_000, currency: "PHP" });
    expect(await refusal(startGift(donor.claims, draft.slug, gift({ amount: "10" }), context_))).toMatchObject({ status: 404 });
    expect(await contributionsOf(project.id)).toEqual([]);
  });

  it("gives as part of an association only for its members", async () => {
    const association = await createOrganisation(db().url, { createdBy: donor.id });
    const outsider = await createUser(db().url);
    expect(await refusal(startGift(outsider.claims, project.slug, gift({ amount: "10", associationId: association.id }), context_))).toMatchObject({
      field: "associationId",
    });
    await addOrganisationRole(db().url, association.id, outsider.id, "member");
    const started = await startGift(outsider.claims, project.slug, gift({ amount: "10", associationId: association.id }), context_);
    expect(started.redirect).toBe(`/me/gifts/${started.reference}`);
  });
});

describe("the demo sandbox", () => {
  it("is on with the embedded database outside production, and off in production unless allowed", () => {
    const env = getEnv();
    expect(sandboxEnabled({ ...env, DATABASE_URL: undefined, NODE_ENV: "development", DEMO_SANDBOX: "auto" })).toBe(true);
    expect(sandboxEnabled({ ...env, DATABASE_URL: undefined, NODE_ENV: "production", DEMO_SANDBOX: "auto" })).toBe(false);
    expect(sandboxEnabled({ ...env, DATABASE_URL: "postgres://x@db/tulay", NODE_ENV: "development", DEMO_SANDBOX: "auto" })).toBe(false);
    expect(sandboxEnabled({ ...env, NODE_ENV: "production", DEMO_SANDBOX: "allow" })).toBe(true);
    expect(sandboxEnabled({ ...env, NODE_ENV: "development", DEMO_SANDBOX: "off" })).toBe(false);
  });

  it("a test payment goes through the ledger once, and only the donor can make it", async () => {
    const sandboxProject = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const started = await startGift(donor.claims, sandboxProject.slug, gift({ amount: "1500", channel: "sandbox", anonymous: "on" }), context_);
    expect(started.redirect).toBe(`/sandbox/${started.reference}`);
    const stranger = await createUser(db().url);
    expect(await refusal(completeSandboxPayment(stranger.claims, started.reference, "succeed"))).toMatchObject({ status: 404 });
    expect(await completeSandboxPayment(donor.claims, started.reference, "succeed")).toBe("confirmed");
    expect(await completeSandboxPayment(donor.claims, started.reference, "succeed")).toBe("confirmed");
    const [funding] = await db().client.sql`select raised_minor, gifts from project_funding where project_id = ${sandboxProject.id}`;
    expect(funding).toEqual({ raised_minor: "150000", gifts: 1 });
    expect(await contributionsOf(sandboxProject.id)).toEqual([{ status: "confirmed", amount_minor: "150000", channel: "sandbox", kind: "one_time", anonymous: true }]);
  });
});

describe("the treasurer's page", () => {
  it("confirms a pledge (a different amount arrived), refunds part of it once, lapses another; refuses an editor; the public ledger adds up", async () => {
    const page = await import("../../app/routes/manage.$lgu.contributions");
    const treasurer = await signedIn("treasurer.giving@example.org");
    const editor = await signedIn("editor.giving@example.org");
    await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
    await addLguRole(db().url, lgu.id, editor.id, "editor");
    const pledgeProject = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const first = await startGift(donor.claims, pledgeProject.slug, gift({ amount: "2,000", channel: "remittance" }), context_);
    const second = await startGift(donor.claims, pledgeProject.slug, gift({ amount: "500", channel: "cash" }), context_);
    const [a, b] = (await db().client.sql<{ id: string }[]>`select id from contributions where reference in (${first.reference}, ${second.reference}) order by amount_minor desc`).map((r) => r.id);
    const path = `/manage/${lgu.slug}/contributions`;
    const params = { lgu: lgu.slug };
    const act = (cookie: string, fields: Record<string, string>) => answer(() => page.action({ request: post(path, cookie, fields), params, context }));

    // The list, as the treasurer sees it: both pledges waiting, with the donor.
    const listed = await answer(() => page.loader({ request: new Request(url(path), { headers: { Cookie: treasurer.cookie } }), params, context }));
    const body = (await listed.json()) as { rows: { id: string; canConfirm: boolean }[] };
    expect(body.rows.filter((r) => [a, b].includes(r.id)).map((r) => r.canConfirm)).toEqual([true, true]);
    // An editor is not a treasurer: the page and its actions are refused.
    const refusedPage = await answer(() => page.loader({ request: new Request(url(path), { headers: { Cookie: editor.cookie } }), params, context }));
    expect(refusedPage.status).toBe(403);
    expect((await act(editor.cookie, { intent: "confirm", id: a!, amount: "2000", receivedOn: "2026-11-20" })).status).toBe(403);

    const badDate = await act(treasurer.cookie, { intent: "confirm", id: a!, amount: "1950", receivedOn: "2099-01-01" });
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ reply: { form: `confirm-${a}`, error: { receivedOn: ["giving:validation.receivedInFuture"] } } });
    expect((await act(treasurer.cookie, { intent: "confirm", id: a!, amount: "1950", receivedOn: "2026-11-20" })).status).toBe(302);
    expect((await act(treasurer.cookie, { intent: "lapse", id: b! })).status).toBe(302);
    const key = "3f0c9a52-6c1e-4b7e-9a43-2d5a1f8e7b60";
    expect((await act(treasurer.cookie, { intent: "refund", id: a!, amount: "450", key })).status).toBe(302);
    expect((await act(treasurer.cookie, { intent: "refund", id: a!, amount: "450", key })).status).toBe(302); // a resubmission: recorded once
    const warn = vi.spyOn(logger(), "warn");
    const tooMuch = await act(treasurer.cookie, { intent: "refund", id: a!, amount: "1501", key: "9b1c2d3e-4f50-4a6b-8c7d-0e1f2a3b4c5d" });
    expect(await tooMuch.json()).toMatchObject({ reply: { error: { amount: ["giving:validation.refundTooLarge"] } } });
    // Refusals are logged: who tried what, and why.
    expect(warn).toHaveBeenCalledWith({ action: "treasury.refund", user: treasurer.id, reason: "giving:validation.refundTooLarge", status: 400 }, "money action refused");
    const give = await import("../../app/routes/projects.$slug_.give");
    const zero = await answer(() => give.action({ request: post(`/projects/${pledgeProject.slug}/give`, treasurer.cookie, { amount: "0", channel: "cash" }), params: { slug: pledgeProject.slug }, context }));
    expect(zero.status).toBe(400);
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ action: "give", user: treasurer.id, reason: expect.stringContaining("amount") }), "money action refused");
    warn.mockRestore();

    const ledger = (await publicLedger(pledgeProject.slug))!;
    expect(ledger.totals).toEqual({ received: 195_000, refunded: 45_000, raised: 150_000, spent: 0, balance: 150_000 });
    expect(ledger.reconciles).toBe(true);
    expect(ledger.rows.map((r) => [r.kind, r.amountMinor])).toEqual([
      ["refunded", 45_000],
      ["received", 195_000],
    ]);
    expect(await db().client.sql`select status from contributions where id = ${b!}`).toEqual([{ status: "lapsed" }]);
  });
});

describe("an association's page", () => {
  it("shows what its members gave together, per project and currency, naming only those who allow it", async () => {
    const association = await createOrganisation(db().url, { createdBy: donor.id, verificationStatus: "verified" });
    const shy = await createUser(db().url);
    const open_ = await createUser(db().url);
    for (const member of [shy, open_]) await addOrganisationRole(db().url, association.id, member.id, "member");
    await db().client.sql`update profiles set basics_visibility = 'public', display_name = 'Rosa Lim' where id = ${open_.id}`;
    await db().client.sql`update profiles set basics_visibility = 'public', display_name = 'Hidden Person' where id = ${shy.id}`;
    const php = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP" });
    const usd = await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "USD" });
    const give = async (who: User, slug: string, amount: string, anonymous: boolean) => {
      const started = await startGift(who.claims, slug, gift({ amount, channel: "sandbox", associationId: association.id, ...(anonymous ? { anonymous: "on" } : {}) }), context_);
      await completeSandboxPayment(who.claims, started.reference, "succeed");
    };
    await give(open_, php.slug, "1000", false);
    await give(shy, php.slug, "500", true);
    await give(open_, usd.slug, "25", false);
    // A gift not made as part of the association does not count.
    await startGift(open_.claims, php.slug, gift({ amount: "999", channel: "cash" }), context_);

    const { associationGiving } = await import("../../app/modules/contributions/giving.server");
    const seen = await associationGiving(null, association.id);
    expect(seen.projects.map((p) => [p.slug, p.raisedMinor, p.gifts, p.namedDonors])).toEqual([
      [php.slug, 150_000, 2, ["Rosa Lim"]],
      [usd.slug, 2_500, 1, ["Rosa Lim"]],
    ]);
    expect(seen.totals).toEqual([
      { currency: "PHP", minor: 150_000 },
      { currency: "USD", minor: 2_500 },
    ]);
    // Its page adds roughly how much in all, in the association's country's currency (admins' rates).
    await db().client.sql`update organisations set country_abroad = 'US' where id = ${association.id}`;
    await db().client.sql`insert into exchange_rates (currency, usd_per_unit) values ('PHP', 0.017), ('USD', 1)
                          on conflict (currency) do update set usd_per_unit = excluded.usd_per_unit, updated_at = now()`;
    const page = await import("../../app/routes/associations.$slug");
    const [{ slug }] = (await db().client.sql`select slug from organisations where id = ${association.id}`) as unknown as [{ slug: string }];
    const response = await answer(() => page.loader({ request: new Request(url(`/associations/${slug}`)), params: { slug }, context }));
    const { giving } = (await response.json()) as { giving: { totals: string[]; approxTotal: { amount: string } | null } };
    expect(giving.totals).toEqual(["₱1,500.00", "$25.00"]);
    expect(giving.approxTotal?.amount).toBe("$50.50");
    // (The rates test below starts from no rates and counts its own audit rows.)
    await db().client.sql`delete from exchange_rates where currency in ('PHP', 'USD')`;
    await db().client.sql`delete from audit_log where subject_table = 'exchange_rates'`;
    // An unverified association shows nothing.
    const unverified = await createOrganisation(db().url, { createdBy: donor.id });
    expect((await associationGiving(null, unverified.id)).projects).toEqual([]);
  });
});

describe("exchange rates", () => {
  it("anyone reads them; only platform admins set them, audited in their name; bad input is refused", async () => {
    const { setExchangeRate, exchangeRateTable } = await import("../../app/modules/contributions/giving.server");
    const { rateSchema } = await import("../../app/modules/contributions/schema");
    const admin = await createUser(db().url);
    await makePlatformAdmin(db().url, admin.id);
    await setExchangeRate(admin.claims, rateSchema.parse({ currency: "php", usdPerUnit: "0.0172" }));
    await setExchangeRate(admin.claims, rateSchema.parse({ currency: "PHP", usdPerUnit: "0.0175" }));
    expect((await exchangeRateTable()).rates.get("PHP")).toBe(0.0175);
    expect(await refusal(setExchangeRate(donor.claims, rateSchema.parse({ currency: "PHP", usdPerUnit: "1" })))).toMatchObject({ status: 403 });
    expect((await exchangeRateTable()).rates.get("PHP")).toBe(0.0175);
    const [row] = await db().client.sql`select updated_by from exchange_rates where currency = 'PHP'`;
    expect(row).toEqual({ updated_by: admin.id });
    const audit = await db().client.sql`select actor_id, action from audit_log where subject_table = 'exchange_rates' order by id`;
    expect(audit).toEqual([
      { actor_id: admin.id, action: "exchange_rates.insert" },
      { actor_id: admin.id, action: "exchange_rates.update" },
    ]);
    for (const bad of [{ currency: "PH", usdPerUnit: "1" }, { currency: "PHP", usdPerUnit: "0" }, { currency: "PHP", usdPerUnit: "-1" }, { currency: "PHP", usdPerUnit: "abc" }]) {
      expect(rateSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("the public ledger's CSV", () => {
  it("signs amounts, gives minor units, and defuses spreadsheet formulas", () => {
    const csv = ledgerCsv(
      [
        { kind: "spent", occurredOn: "2026-11-21", amountMinor: 7000, currency: "PHP", donorName: null, channel: null, detail: '=HYPERLINK("http://evil")', id: "s1" },
        { kind: "received", occurredOn: "2026-11-20", amountMinor: 20000, currency: "PHP", donorName: "Reyes, Lorna", channel: "remittance", detail: null, id: "7" },
      ],
      2,
    );
    expect(csv.split("\r\n")).toEqual([
      "date,kind,amount,amount_minor_units,currency,donor,channel,paid_to,id",
      `2026-11-21,spent,-70.00,-7000,PHP,,,"'=HYPERLINK(""http://evil"")",s1`,
      '2026-11-20,received,200.00,20000,PHP,"Reyes, Lorna",remittance,,7',
      "",
    ]);
  });
});
