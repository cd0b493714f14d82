/**
 * The database's own check of a permit type's fee schedule (permit_types_fee_schedule_valid) agrees
 * with the module's (validateFeeSchedule) on the schedule's shape, for hand-picked and for 600
 * generated schedules, valid and broken; and a permits officer writing permit_types directly cannot
 * store a schedule the application could not charge from.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { validateFeeSchedule } from "../../app/modules/permits/fees";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { refusalOf } from "../support/project-factories";

const db = setupTestDatabase();

/** The database's verdict for a schedule in a type whose currency is PHP. */
async function databaseSays(schedules: unknown[]): Promise<boolean[]> {
  const rows = await db().client.asService((tx) =>
    tx.execute<{ ok: boolean }>(sql`select app_private.fee_schedule_is_valid(s.value, 'PHP') as ok from jsonb_array_elements(${JSON.stringify(schedules)}::jsonb) with ordinality s order by s.ordinality`),
  );
  return [...rows].map((r) => r.ok);
}

/**
 * The module's verdict on the shape, for a PHP type (the form puts the type's currency into the
 * schedule): valid, or refused only because the fee would fall between brackets.
 */
function moduleSays(schedule: unknown): boolean {
  const verdict = validateFeeSchedule(schedule);
  const shapeOk = verdict.ok || verdict.issues.every((i) => i.code === "fees.brackets_decreasing");
  return shapeOk && (schedule as { currency?: unknown }).currency === "PHP";
}

const lbt = {
  kind: "bracketed",
  currency: "PHP",
  figure: "gross_sales",
  brackets: [
    { fromMinor: 0, toMinor: 30_000_000, fixedMinor: 50_000 },
    { fromMinor: 30_000_000, toMinor: 100_000_000, fixedMinor: 150_000, rateBasisPoints: 50 },
    { fromMinor: 100_000_000, toMinor: null, fixedMinor: 500_000, rateBasisPoints: 37.5 },
  ],
};

const handPicked: unknown[] = [
  { kind: "fixed", currency: "PHP", amountMinor: 50_000 },
  { kind: "fixed", currency: "PHP", amountMinor: 0 },
  lbt,
  { kind: "fixed", currency: "USD", amountMinor: 50_000 },
  { kind: "fixed", currency: "PHP", amountMinor: -1 },
  { kind: "fixed", currency: "PHP", amountMinor: 1.5 },
  { kind: "fixed", currency: "PHP", amountMinor: "100" },
  { kind: "fixed", currency: "PHP", amountMinor: 100, extra: 1 },
  { kind: "fixed", amountMinor: 100 },
  { kind: "percent", currency: "PHP", amountMinor: 100 },
  { ...lbt, figure: "profit" },
  { ...lbt, brackets: [] },
  { ...lbt, brackets: [{ fromMinor: 0, fixedMinor: 1 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: null }] },
  { ...lbt, brackets: [{ fromMinor: 1, toMinor: null, fixedMinor: 1 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: 10, fixedMinor: 1 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: 10, fixedMinor: 1 }, { fromMinor: 11, toMinor: null, fixedMinor: 2 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: 10, fixedMinor: 1 }, { fromMinor: 9, toMinor: null, fixedMinor: 2 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: null, fixedMinor: 1 }, { fromMinor: 10, toMinor: null, fixedMinor: 2 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: null, rateBasisPoints: 10_001 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: null, rateBasisPoints: 0.125 }] },
  { ...lbt, brackets: [{ fromMinor: 0, toMinor: null, rateBasisPoints: 12.25, other: 1 }] },
  { ...lbt, brackets: Array.from({ length: 51 }, (_, i) => ({ fromMinor: i * 10, toMinor: i === 50 ? null : (i + 1) * 10, fixedMinor: i })) },
  "fixed",
  null,
  [],
];

/** A small deterministic generator (mulberry32), so a failure names a schedule that comes back. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generated(count: number): unknown[] {
  const next = random(20261123);
  const pick = <T,>(values: T[]) => values[Math.floor(next() * values.length)]!;
  const out: unknown[] = [];
  for (let n = 0; n < count; n++) {
    const size = 1 + Math.floor(next() * 4);
    let from = 0;
    const brackets: Record<string, unknown>[] = [];
    for (let i = 0; i < size; i++) {
      const to = i === size - 1 ? null : from + 1 + Math.floor(next() * 1_000_000);
      const bracket: Record<string, unknown> = { fromMinor: from, toMinor: to };
      const charge = pick(["fixed", "rate", "both"]);
      if (charge !== "rate") bracket.fixedMinor = (i + 1) * 10_000;
      if (charge !== "fixed") bracket.rateBasisPoints = pick([0, 25, 37.5, 50, 12.25]);
      brackets.push(bracket);
      from = to ?? from;
    }
    const schedule: Record<string, unknown> = { kind: "bracketed", currency: "PHP", figure: pick(["capital", "gross_sales", "gross_receipts"]), brackets };
    // Break most of them, each in one of many ways.
    const b = brackets[Math.floor(next() * brackets.length)]!;
    switch (pick(["none", "none", "gap", "overlap", "negative", "fraction", "rate", "rateDecimals", "noCharge", "lastClosed", "currency", "extraKey", "toMissing", "string"])) {
      case "gap":
        if (typeof b.toMinor === "number") b.toMinor = (b.toMinor as number) - 1;
        else b.fromMinor = (b.fromMinor as number) + 1;
        break;
      case "overlap":
        b.fromMinor = Math.max(0, (b.fromMinor as number) - 1) === b.fromMinor ? 1 : (b.fromMinor as number) - 1;
        break;
      case "negative":
        b.fixedMinor = -5;
        break;
      case "fraction":
        b.fixedMinor = 10.5;
        break;
      case "rate":
        b.rateBasisPoints = 20_000;
        break;
      case "rateDecimals":
        b.rateBasisPoints = 1.005;
        break;
      case "noCharge":
        delete b.fixedMinor;
        delete b.rateBasisPoints;
        break;
      case "lastClosed":
        brackets[brackets.length - 1]!.toMinor = (brackets[brackets.length - 1]!.fromMinor as number) + 100;
        break;
      case "currency":
        schedule.currency = "EUR";
        break;
      case "extraKey":
        b.note = "x";
        break;
      case "toMissing":
        delete b.toMinor;
        break;
      case "string":
        b.fromMinor = String(b.fromMinor);
        break;
    }
    out.push(schedule);
  }
  return out;
}

describe("the database's check of fee schedules", () => {
  it("agrees with the module on hand-picked schedules", async () => {
    expect(await databaseSays(handPicked)).toEqual(handPicked.map(moduleSays));
    expect(handPicked.map(moduleSays).filter(Boolean)).toHaveLength(3);
  });

  it("agrees with the module on 600 generated schedules, valid and broken in many ways", async () => {
    const schedules = generated(600);
    const expected = schedules.map(moduleSays);
    const actual = await databaseSays(schedules);
    const disagreements = schedules.filter((_, i) => expected[i] !== actual[i]);
    expect(disagreements).toEqual([]);
    const valid = expected.filter(Boolean).length;
    expect(valid).toBeGreaterThan(50);
    expect(valid).toBeLessThan(300);
  });
});

describe("a permits officer writing permit_types directly", () => {
  let officer: Awaited<ReturnType<typeof createUser>>;
  let lgu: { id: string };
  beforeAll(async () => {
    officer = await createUser(db().url);
    lgu = await createLgu(db().url, { verificationStatus: "verified" });
    await addLguRole(db().url, lgu.id, officer.id, "permits_officer");
  });

  it("stores a valid schedule and is refused a broken one, or one in another currency than the type's", async () => {
    const insert = (slug: string, schedule: unknown, currency = "PHP") =>
      db().client.withRls(officer.claims, (tx) =>
        tx.execute(sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days)
                       values (${lgu.id}, ${slug}, '{"en":"Permit"}', ${JSON.stringify(schedule)}::jsonb, ${currency}, 5) returning id`),
      );
    expect(await insert("good", lbt)).toHaveLength(1);
    expect(await refusalOf(insert("gap", { ...lbt, brackets: [lbt.brackets[0], lbt.brackets[2]] }))).toMatchObject({ code: "23514", constraint: "permit_types_fee_schedule_valid" });
    expect(await refusalOf(insert("usd", lbt, "USD"))).toMatchObject({ code: "23514", constraint: "permit_types_fee_schedule_valid" });
    const update = db().client.withRls(officer.claims, (tx) => tx.execute(sql`update permit_types set fee_schedule = '{"kind":"fixed","currency":"PHP","amountMinor":-1}' where slug = 'good' and lgu_id = ${lgu.id}`));
    expect(await refusalOf(update)).toMatchObject({ code: "23514" });
  });
});
