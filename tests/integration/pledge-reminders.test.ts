/**
 * Reminders before a pledge's due date: once per pledge, in the donor's language, only for pending
 * pledges due within the next days, and a failed send is retried on the next run.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import { openContribution } from "../../app/modules/contributions/ledger.server";
import { sendPledgeReminders } from "../../app/modules/contributions/reminders.server";
import { setupTestDatabase } from "../support/db";
import { createLgu, createUser } from "../support/factories";
import { capturingEmail } from "../support/org-factories";
import { createProject } from "../support/project-factories";

const db = setupTestDatabase();
const mail = capturingEmail();
let projectId: string;
let donor: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  const admin = await createUser(db().url);
  donor = await createUser(db().url);
  await db().client.sql`update profiles set preferred_locale = 'es' where id = ${donor.id}`;
  const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  projectId = (await createProject(db().url, lgu.id, { status: "fundraising", goalMinor: 1_000_000, currency: "PHP", title: { en: "Clean water", es: "Agua limpia" } })).id;
});

const pledge = (dueOn: string | null, channel: "bank_transfer" | "remittance" | "cash" = "remittance") =>
  openContribution({ projectId, donorId: donor.id, kind: "pledge", channel, amountMinor: 250_000, currency: "PHP", anonymous: false, dueOn });

describe("pledge reminders", () => {
  it("reminds once, in the donor's language, of pledges due within three days", async () => {
    const now = new Date("2026-11-23T08:00:00Z");
    const soon = await pledge("2026-11-25");
    await pledge("2026-12-20"); // too far off
    await pledge(null); // no date given
    const confirmedLater = await pledge("2026-11-24", "cash");
    await db().client.sql`update contributions set status = 'confirmed' where id = ${confirmedLater.id}`;

    expect(await sendPledgeReminders("https://tulay.test", now)).toBe(1);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ template: "pledge-reminder", subject: "Recordatorio: tu compromiso con Agua limpia" });
    expect(mail.sent[0]!.text).toContain(soon.reference);
    expect(mail.sent[0]!.text).toContain(`https://tulay.test/me/gifts/${soon.reference}`);
    // Again: nothing more.
    expect(await sendPledgeReminders("https://tulay.test", now)).toBe(0);
    expect(mail.sent).toHaveLength(1);
  });

  it("retries a reminder whose email could not be sent", async () => {
    const now = new Date("2026-12-01T08:00:00Z");
    const later = await pledge("2026-12-02");
    const failing = { name: "outbox" as const, send: async () => Promise.reject(new Error("SMTP down")) };
    setAdapters({ email: failing });
    await expect(sendPledgeReminders("https://tulay.test", now)).rejects.toThrow("SMTP down");
    const [row] = await db().client.sql`select reminded_at from contributions where id = ${later.id}`;
    expect(row).toEqual({ reminded_at: null });
    setAdapters({ email: mail.port });
    expect(await sendPledgeReminders("https://tulay.test", now)).toBe(1);
  });
});

describe("the background job", () => {
  it("runs the reminders through pg-boss on the same database", async () => {
    const { startJobs, PLEDGE_REMINDERS } = await import("../../app/jobs/jobs.server");
    const today = new Date().toISOString().slice(0, 10);
    const due = await pledge(today);
    const logged: string[] = [];
    const jobs = await startJobs(db().url, {
      siteUrl: () => "https://tulay.test",
      logger: { info: (m) => void logged.push(m), error: () => undefined },
      pollingIntervalSeconds: 0.5,
    });
    try {
      await jobs.boss.send(PLEDGE_REMINDERS, {});
      const deadline = Date.now() + 15_000;
      let reminded: unknown = null;
      while (Date.now() < deadline) {
        [{ reminded_at: reminded }] = (await db().client.sql`select reminded_at from contributions where id = ${due.id}`) as unknown as [{ reminded_at: unknown }];
        if (reminded) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(reminded).not.toBeNull();
      expect(mail.sent.some((m) => m.text.includes(due.reference))).toBe(true);
    } finally {
      await jobs.stop();
    }
  }, 30_000);
});
