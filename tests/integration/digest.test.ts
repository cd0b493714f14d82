/**
 * The weekly digest against the real database: the two providers' rules (public projects only, the
 * window, open needs only, exact and related skills, needs already offered for), opt-outs, the
 * email in the member's language and time zone with its unsubscribe headers, and the job's
 * batching: 3,000 members in batches of 500, a worker that dies after two batches, a resumed run,
 * nobody emailed twice.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createOutboxEmail } from "../../app/adapters/email/outbox.server";
import type { EmailMessage, EmailPort } from "../../app/adapters/email/port";
import { setDbClient } from "../../app/db/client.server";
import {
  parseUnsubscribeLink,
  unsubscribeByLink,
} from "../../app/modules/digest/links.server";
import { followedUpdatesProvider } from "../../app/modules/digest/providers/followed-updates.server";
import { skillNeedsProvider } from "../../app/modules/digest/providers/skill-needs.server";
import {
  isoWeek,
  openWeeklyRun,
  processRun,
  runWeeklyDigest,
} from "../../app/modules/digest/run.server";
import { setupTestDatabase } from "../support/db";
import { createLgu, createUser } from "../support/factories";
import { createProject, followProject } from "../support/project-factories";

const db = setupTestDatabase();
const owner = (query: ReturnType<typeof sql>) => db().client.db.execute(query);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

/** An email port that keeps what it was given. */
function memoryEmail(): EmailPort & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return {
    name: "outbox",
    sent,
    send: async (message) => void sent.push(message),
    sendMany: async (messages) => void sent.push(...messages),
  };
}

async function need(
  projectId: string,
  skill: string,
  overrides: {
    quantity?: number;
    fulfilled?: number;
    closed?: boolean;
    description?: string;
  } = {}
) {
  const [row] = await owner(sql`
    insert into project_needs (project_id, kind, description, skill, quantity, fulfilled, mode, closed_at)
    values (${projectId}::uuid, 'skill', ${JSON.stringify({
    en: overrides.description ?? `Need for ${skill}`,
    fil: `Kailangan: ${skill}`,
  })}::jsonb, ${skill},
            ${overrides.quantity ?? 2}, ${
    overrides.fulfilled ?? 0
  }, 'either', ${overrides.closed ? sql`now()` : null})
    returning id`);
  return (row as { id: string }).id;
}

async function update(projectId: string, body: string, publishedAt: Date) {
  const [row] = await owner(sql`
    insert into project_updates (project_id, body, published_at) values (${projectId}::uuid, ${JSON.stringify(
    { en: body, fil: `${body} (fil)` }
  )}::jsonb, ${publishedAt.toISOString()}::timestamptz)
    returning id`);
  return (row as { id: string }).id;
}

describe("digest providers", () => {
  let since: Date;
  let until: Date;
  let publicProject: { id: string; slug: string };
  let hiddenProject: { id: string };
  let draftProject: { id: string };
  let ids: Record<string, string>;

  beforeAll(async () => {
    setDbClient(db().client);
    const verified = await createLgu(db().url, {
      verificationStatus: "verified",
      name: "City of Bridges",
    });
    const unverified = await createLgu(db().url);
    publicProject = await createProject(db().url, verified.id, {
      status: "fundraising",
      title: { en: "River walk", fil: "Lakaran sa ilog" },
    });
    hiddenProject = await createProject(db().url, unverified.id, {
      status: "fundraising",
    });
    draftProject = await createProject(db().url, verified.id, {
      status: "draft",
    });
    const oldNeed = await need(publicProject.id, "welding", {
      description: "Old welding need",
    });
    await pause();
    since = new Date();
    await pause();
    ids = {
      open: await need(publicProject.id, "welding", {
        description: "Welders for the railings",
      }),
      closed: await need(publicProject.id, "welding", { closed: true }),
      full: await need(publicProject.id, "welding", {
        quantity: 1,
        fulfilled: 1,
      }),
      hidden: await need(hiddenProject.id, "welding"),
      draft: await need(draftProject.id, "welding"),
      offered: await need(publicProject.id, "welding", {
        description: "Already offered for",
      }),
      nursing: await need(publicProject.id, "nursing"),
      old: oldNeed,
    };
    // Reopening a need brings it back as new.
    await owner(
      sql`update project_needs set closed_at = now() where id = ${oldNeed}::uuid`
    );
    await owner(
      sql`update project_needs set closed_at = null where id = ${oldNeed}::uuid`
    );
    until = new Date(Date.now() + 60_000);
  });

  it("followed_updates: updates in the window on public projects the member follows, newest first", async () => {
    const member = await createUser(db().url);
    const bystander = await createUser(db().url);
    for (const project of [publicProject, hiddenProject, draftProject])
      await followProject(db().url, project.id, member.id);
    const before = await update(
      publicProject.id,
      "Before the window",
      new Date(since.getTime() - 3_600_000)
    );
    const first = await update(
      publicProject.id,
      "Railings ordered",
      new Date(since.getTime() + 5)
    );
    const second = await update(
      publicProject.id,
      "Railings installed",
      new Date(since.getTime() + 10)
    );
    await update(
      hiddenProject.id,
      "Unverified town's news",
      new Date(since.getTime() + 5)
    );
    await update(
      draftProject.id,
      "Draft news",
      new Date(since.getTime() + 5)
    );

    const found = await db().client.asService((tx) =>
      followedUpdatesProvider.collect(
        tx,
        [member.id, bystander.id],
        since,
        until
      )
    );
    expect([...found.keys()]).toEqual([member.id]);
    expect(found.get(member.id)!.map((item) => item.key)).toEqual([
      second,
      first,
    ]);
    expect(found.get(member.id)![0]).toMatchObject({
      topic: "followed_updates",
      href: `/projects/${publicProject.slug}`,
      context: "City of Bridges",
    });
    expect(found.get(member.id)!.map((item) => item.key)).not.toContain(before);
  });

  it("skill_needs: open needs opened in the window, exact or related skills, not already offered for", async () => {
    const welder = await createUser(db().url);
    const machinist = await createUser(db().url);
    const both = await createUser(db().url);
    const nobody = await createUser(db().url);
    await owner(sql`insert into member_skills (profile_id, skill_code, level) values
      (${welder.id}::uuid, 'welding', 'advanced'), (${machinist.id}::uuid, 'machining', 'expert'),
      (${both.id}::uuid, 'welding', 'basic'), (${both.id}::uuid, 'machining', 'basic'), (${nobody.id}::uuid, 'accounting', 'basic')`);
    const [lgu] = await owner(
      sql`select lgu_id from projects where id = ${publicProject.id}::uuid`
    );
    await owner(sql`insert into volunteer_offers (lgu_id, need_id, project_id, volunteer_id, skill, mode, message)
      values (${
        (lgu as { lgu_id: string }).lgu_id
      }::uuid, ${ids.offered!}::uuid, ${publicProject.id}::uuid, ${
      welder.id
    }::uuid, 'welding', 'remote', 'I can weld on weekends.')`);

    const found = await db().client.asService((tx) =>
      skillNeedsProvider.collect(
        tx,
        [welder.id, machinist.id, both.id, nobody.id],
        since,
        until
      )
    );
    const keys = (member: string) =>
      (found.get(member) ?? []).map((item) => item.key).sort();
    expect(keys(welder.id)).toEqual([ids.open, ids.old].sort());
    expect(keys(machinist.id)).toEqual([ids.open, ids.offered, ids.old].sort());
    expect(keys(both.id)).toEqual([ids.open, ids.offered, ids.old].sort());
    expect(found.has(nobody.id)).toBe(false);
    const exact = found.get(both.id)!.find((item) => item.key === ids.open)!;
    expect(exact.reasons?.map((r) => r.key)).toEqual(["reasons.skillExact"]);
    expect(exact.href).toBe(`/volunteer/needs/${ids.open}`);
    const related = found
      .get(machinist.id)!
      .find((item) => item.key === ids.open)!;
    expect(related.reasons).toMatchObject([
      {
        key: "reasons.skillRelated",
        values: {
          skill: { en: "Welding and metal fabrication" },
          via: { en: "Machining and toolmaking" },
        },
      },
    ]);
    // A window that starts after they opened finds none of them.
    const later = await db().client.asService((tx) =>
      skillNeedsProvider.collect(
        tx,
        [welder.id],
        until,
        new Date(until.getTime() + 60_000)
      )
    );
    expect(later.size).toBe(0);
  });
});

describe("the weekly digest job", () => {
  beforeAll(() => setDbClient(db().client));

  it("emails each member once, in their language and time zone, with only the topics they keep", async () => {
    await owner(sql`delete from digest_runs`);
    const lgu = await createLgu(db().url, {
      verificationStatus: "verified",
      name: "Bayan ng Tulay",
    });
    const project = await createProject(db().url, lgu.id, {
      status: "in_progress",
      title: { en: "Water for all", fil: "Tubig para sa lahat" },
    });
    const since = new Date();
    const filipino = await createUser(db().url, { displayName: "Rosa" });
    const optedOut = await createUser(db().url);
    const quiet = await createUser(db().url);
    await owner(
      sql`update profiles set preferred_locale = 'fil', time_zone = 'Asia/Manila' where id = ${filipino.id}::uuid`
    );
    for (const member of [filipino, optedOut]) {
      await followProject(db().url, project.id, member.id);
      await owner(
        sql`insert into member_skills (profile_id, skill_code, level) values (${member.id}::uuid, 'civil_engineering', 'expert')`
      );
    }
    await owner(
      sql`insert into digest_opt_outs (profile_id, topic) values (${optedOut.id}::uuid, 'followed_updates'), (${optedOut.id}::uuid, 'skill_needs')`
    );
    await pause();
    const published = new Date();
    await update(project.id, "Pipes are in", published);
    await need(project.id, "civil_engineering", {
      description: "Check the reservoir design",
    });

    const email = memoryEmail();
    const now = new Date(Date.now() + 60_000);
    await owner(
      sql`insert into digest_runs (period, window_start, window_end, status) values (${isoWeek(
        new Date(now.getTime() - 7 * 86_400_000)
      )}, ${new Date(
        since.getTime() - 7 * 86_400_000
      ).toISOString()}::timestamptz, ${since.toISOString()}::timestamptz, 'done')`
    );
    const sent = await runWeeklyDigest({
      siteUrl: "http://portal.test",
      email,
      now,
    });
    const mine = email.sent.filter((m) =>
      [filipino.email, optedOut.email, quiet.email].includes(m.to)
    );
    expect(sent).toBe(email.sent.length);
    expect(mine.map((m) => m.to)).toEqual([filipino.email]);
    const message = mine[0]!;
    expect(message.template).toBe("weekly-digest");
    expect(message.subject).toBe(
      "2 bagong bagay para sa inyo sa Tulay ngayong linggo"
    );
    expect(message.text).toContain("Kumusta, Rosa,");
    expect(message.text).toContain(
      "== Mga balita mula sa mga proyektong sinusubaybayan ninyo =="
    );
    expect(message.text).toContain(
      "== Mga pangangailangang tugma sa inyong kasanayan =="
    );
    expect(message.text).toContain("• Tubig para sa lahat — Bayan ng Tulay");
    expect(message.text).toContain("Pipes are in (fil)");
    expect(message.text).toContain("Inilista ninyo ang Inhinyeriyang sibil.");
    expect(message.text).toContain(
      `http://portal.test/projects/${project.slug}`
    );
    // The dates in Manila's calendar, in Filipino.
    const manilaDay = new Intl.DateTimeFormat("fil-PH", {
      dateStyle: "medium",
      timeZone: "Asia/Manila",
    }).format(published);
    expect(message.text).toContain(`(${manilaDay})`);
    expect(message.headers).toMatchObject({
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(message.headers!["List-Unsubscribe"]).toMatch(
      /^<http:\/\/portal\.test\/digest\/unsubscribe\?m=[0-9a-f-]{36}&t=all&s=[\w-]{43}&lng=fil>$/
    );

    // The run is done and recorded; running again in the same week sends nothing more.
    const [run] = await owner(
      sql`select status, emails_sent, (select count(*)::int from digest_deliveries d where d.run_id = r.id) as deliveries from digest_runs r where period = ${isoWeek(
        now
      )}`
    );
    expect(run).toMatchObject({
      status: "done",
      emails_sent: email.sent.length,
      deliveries: email.sent.length,
    });
    expect(
      await runWeeklyDigest({ siteUrl: "http://portal.test", email, now })
    ).toBe(0);

    // The topic link in the email unsubscribes from that topic alone.
    const link = message.text.match(
      /http:\/\/portal\.test\/digest\/unsubscribe\?m=[^\s]*t=skill_needs[^\s]*/
    )![0];
    expect(await unsubscribeByLink(parseUnsubscribeLink(new URL(link))!)).toBe(
      true
    );
    const topics = await owner(
      sql`select topic from digest_opt_outs where profile_id = ${filipino.id}::uuid`
    );
    expect(topics).toEqual([{ topic: "skill_needs" }]);
  });

  it("3,000 members in batches of 500: a worker dies after two batches, the next job resumes, nobody gets two", async () => {
    await owner(sql`delete from digest_runs`);
    await owner(sql`delete from email_outbox`);
    const lgu = await createLgu(db().url, { verificationStatus: "verified" });
    const project = await createProject(db().url, lgu.id, {
      status: "fundraising",
    });
    const since = new Date();
    // 3,000 members; every third follows the project, every fifth speaks Spanish.
    await owner(sql`
      with people as (select gen_random_uuid() as id, n from generate_series(1, 3000) n),
      users as (insert into auth.users (id, aud, role, email, email_confirmed_at) select id, 'authenticated', 'authenticated', 'bulk-' || n || '@example.test', now() from people returning id)
      insert into profiles (id, display_name, preferred_locale)
      select p.id, 'Bulk ' || p.n, case when p.n % 5 = 0 then 'es' else null end from people p`);
    await owner(sql`insert into project_followers (project_id, user_id)
      select ${project.id}::uuid, p.id from profiles p where p.display_name like 'Bulk %' and substring(p.display_name from 6)::int % 3 = 0`);
    await pause();
    await update(project.id, "Big news", new Date());
    const [{ expected }] = (await owner(sql`
      select count(*)::int as expected from project_followers f join auth.users u on u.id = f.user_id
      where f.project_id = ${project.id}::uuid and u.email_confirmed_at is not null`)) as unknown as [
      { expected: number }
    ];
    expect(expected).toBe(1000);

    const outbox = createOutboxEmail(() => db().client);
    const now = new Date(Date.now() + 60_000);
    await owner(
      sql`insert into digest_runs (period, window_start, window_end, status) values ('2000-W01', ${since.toISOString()}::timestamptz, ${since.toISOString()}::timestamptz, 'done')`
    );
    const run = await openWeeklyRun(now);
    expect(run.windowStart.toISOString()).toBe(since.toISOString());

    class WorkerDied extends Error {}
    await expect(
      processRun(run.id, {
        siteUrl: "http://portal.test",
        email: outbox,
        batchSize: 500,
        afterBatch: ({ batch }) => {
          if (batch === 2) throw new WorkerDied("killed after two batches");
        },
      })
    ).rejects.toBeInstanceOf(WorkerDied);
    const [midway] = await owner(
      sql`select status, batches, members_seen, cursor is not null as has_cursor from digest_runs where id = ${run.id}::uuid`
    );
    expect(midway).toMatchObject({
      status: "running",
      batches: 2,
      members_seen: 1000,
      has_cursor: true,
    });
    const [{ sofar }] = (await owner(
      sql`select count(*)::int as sofar from email_outbox where template = 'weekly-digest'`
    )) as unknown as [{ sofar: number }];
    expect(sofar).toBeGreaterThan(0);
    expect(sofar).toBeLessThan(expected);

    // The next job (pg-boss's retry) finishes the open run first; a provider failing mid-batch
    // rolls that batch back without sending anything.
    let failures = 1;
    const flaky = {
      ...followedUpdatesProvider,
      collect: async (
        ...args: Parameters<typeof followedUpdatesProvider.collect>
      ) => {
        if (failures-- > 0) throw new Error("provider failed");
        return followedUpdatesProvider.collect(...args);
      },
    };
    await expect(
      runWeeklyDigest({
        siteUrl: "http://portal.test",
        email: outbox,
        now,
        batchSize: 500,
        providers: [flaky],
      })
    ).rejects.toThrow("provider failed");
    const [{ unchanged }] = (await owner(
      sql`select count(*)::int as unchanged from email_outbox where template = 'weekly-digest'`
    )) as unknown as [{ unchanged: number }];
    expect(unchanged).toBe(sofar);
    await runWeeklyDigest({
      siteUrl: "http://portal.test",
      email: outbox,
      now,
      batchSize: 500,
      providers: [flaky],
    });

    const perAddress = await owner(
      sql`select to_address, count(*)::int as n from email_outbox where template = 'weekly-digest' group by to_address having count(*) > 1`
    );
    expect(perAddress).toEqual([]);
    const [{ total, spanish }] = (await owner(sql`
      select count(*)::int as total, count(*) filter (where subject like '%novedad%')::int as spanish from email_outbox where template = 'weekly-digest'`)) as unknown as [
      { total: number; spanish: number }
    ];
    const strays = await owner(sql`select to_address, body_text from email_outbox where template = 'weekly-digest' and to_address not like 'bulk-%'`);
    expect(strays).toEqual([]);
    expect(total).toBe(expected);
    expect(spanish).toBe(200); // every fifteenth: followers (n % 3) who speak Spanish (n % 5)
    const [done] = await owner(
      sql`select status, emails_sent, (select count(*)::int from digest_deliveries d where d.run_id = r.id) as deliveries from digest_runs r where id = ${run.id}::uuid`
    );
    expect(done).toMatchObject({
      status: "done",
      emails_sent: expected,
      deliveries: expected,
    });
    const [headers] = await owner(
      sql`select headers from email_outbox where template = 'weekly-digest' limit 1`
    );
    expect(
      (headers as { headers: Record<string, string> }).headers[
        "List-Unsubscribe-Post"
      ]
    ).toBe("List-Unsubscribe=One-Click");
  }, 120_000);
});
