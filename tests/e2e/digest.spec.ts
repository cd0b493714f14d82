/**
 * The weekly digest, end to end: the scheduled job is queued in pg-boss the way its Monday
 * schedule queues it, the server's worker runs it, and the digest arrives in the outbox in the
 * member's language: Paolo Reyes (Filipino, from Naga, a software developer willing to invest)
 * gets the demo's new developer job and the IT-BPM hub opened when the demo was seeded, with the
 * reasons, working links and a one-click unsubscribe link per topic that his settings then show.
 */
import PgBoss from "pg-boss";
import { checkA11y, expect, signIn, test } from "./fixtures";
import { e2eDatabaseUrl, withE2eDatabase } from "./outbox";

const MEMBER = ["paolo.reyes@example.org", "tulay-demo-member"] as const;
/** app/jobs/jobs.server.ts WEEKLY_DIGEST (not imported: it would load the whole server into the test runner). */
const WEEKLY_DIGEST = "weekly-digest";

/** Queues the weekly digest job as the schedule does; the e2e server's worker picks it up. */
async function queueWeeklyDigest() {
  const boss = new PgBoss({ connectionString: e2eDatabaseUrl(), schema: "pgboss", supervise: false, schedule: false, migrate: false, max: 1 });
  boss.on("error", () => {});
  await boss.start();
  try {
    await boss.send(WEEKLY_DIGEST, {});
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/** The member's digest from the outbox, waiting for the worker (it polls every 30 seconds). */
async function digestFor(to: string): Promise<{ subject: string; body: string }> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const [row] = await withE2eDatabase(
      (sql) => sql<{ subject: string; body: string }[]>`
        select subject, body_text as body from email_outbox where to_address = ${to} and template = 'weekly-digest' order by created_at desc limit 1`,
    );
    if (row) return row;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no weekly digest for ${to} in the outbox`);
}

test("the weekly digest arrives in the member's language with his jobs and opportunities, and one click opts him out of a topic", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await queueWeeklyDigest();
  const { subject, body } = await digestFor(MEMBER[0]);

  // In Filipino, his preferred language.
  expect(subject).toMatch(/^\d+ bagong bagay para sa inyo sa Tulay ngayong linggo$/);
  expect(body).toContain("Kumusta, Paolo Reyes,");
  const jobs = body.indexOf("== Mga trabahong bagay sa inyo ==");
  const opportunities = body.indexOf("== Mga oportunidad sa pamumuhunan para sa inyo ==");
  expect(jobs).toBeGreaterThan(0);
  expect(opportunities).toBeGreaterThan(jobs);
  expect(body).toContain("• Software developer, City ICT Office (puwedeng remote) — City Government of Naga");
  expect(body).toContain("Mayroon kayo ng kasanayang hinihingi nito: Pagbuo ng software. Nasa Naga City, kung saan gusto ninyong magtrabaho.");
  expect(body).toContain("• IT-BPM hub ng Naga: co-working at training center — City Government of Naga");
  expect(body).toContain(
    "Nasa inyong bayang pinagmulan, Naga City. Tungkol sa Teknolohiya, na mahalaga sa inyo. Sinabi ninyong gusto ninyong mamuhunan. Nakasulat sa Filipino.",
  );
  expect(body).toContain("Natatanggap ninyo ang lingguhang buod na ito");

  // The item links work.
  const jobLink = body.match(/http:\/\/\S+\/jobs\/[0-9a-f-]{36}/)![0];
  await page.goto(`${new URL(jobLink).pathname}?lng=fil`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Software developer, City ICT Office (puwedeng remote)");
  await page.goto("/invest/naga-it-bpm-hub?lng=fil");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("IT-BPM hub ng Naga: co-working at training center");

  // One click on the jobs section's link, without signing in: a confirmation (mail scanners fetch
  // links), then the button.
  const unsubscribe = body.match(/tungkol sa mga trabaho para sa inyo: (http:\/\/\S+)/)![1]!;
  expect(unsubscribe).toMatch(/\/digest\/unsubscribe\?m=[0-9a-f-]{36}&t=jobs&s=[\w-]{43}&lng=fil$/);
  // In his language, whatever the browser's (the link says it).
  const stranger = await browser.newContext({ locale: "en-US" });
  const mail = await stranger.newPage();
  await mail.goto(new URL(unsubscribe).pathname + new URL(unsubscribe).search);
  await expect(mail.getByText("Ihinto ang mga email ng lingguhang buod tungkol sa mga trabaho para sa inyo?")).toBeVisible();
  await checkA11y(mail);
  await mail.getByRole("button", { name: "Oo, mag-unsubscribe" }).click();
  await expect(mail.locator(".notice")).toHaveText("Tapos na: wala nang email ng buod tungkol sa mga trabaho para sa inyo.");
  await checkA11y(mail);
  await stranger.close();

  // His settings show it: jobs off, the other topics still on.
  await signIn(page, ...MEMBER);
  await page.goto("/me/settings?lng=en");
  const digest = page.locator("section", { has: page.getByRole("heading", { name: "Weekly digest" }) });
  await expect(digest.getByRole("checkbox", { name: /^Jobs that fit you/ })).not.toBeChecked();
  for (const topic of [/^Updates from projects you follow/, /^Skill needs that fit your skills/, /^Investment opportunities for you/])
    await expect(digest.getByRole("checkbox", { name: topic })).toBeChecked();
  const [optOuts] = await withE2eDatabase(
    (sql) => sql<{ topics: string[] }[]>`
      select array_agg(o.topic::text) as topics from digest_opt_outs o join auth.users u on u.id = o.profile_id where u.email = ${MEMBER[0]}`,
  );
  expect(optOuts?.topics).toEqual(["jobs"]);
});
