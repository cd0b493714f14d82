/**
 * The project rules the database enforces for every code path, exercised as real callers through
 * withRls: the workflow (who moves a project from which status to which, and the dates it stamps),
 * closed projects, what an API insert or update may not set, the audit of status changes and
 * spending, the check constraints, and the search (per-language stems, unaccented words, a lexicon
 * that corrects typos, only public projects offered).
 */
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "../../app/db/client.server";
import type { ProjectStatus } from "../../app/db/schema/projects";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";
import { addProjectDetails, createProject, refusalOf, type ProjectOverrides } from "../support/project-factories";

const db = setupTestDatabase();

type User = Awaited<ReturnType<typeof createUser>>;

interface World {
  town: { id: string };
  unverifiedTown: { id: string };
  otherTown: { id: string };
  admin: User;
  editor: User;
  treasurer: User;
  unverifiedAdmin: User;
  otherAdmin: User;
  /** Editor in both the town and the other town. */
  bridge: User;
  platformAdmin: User;
  member: User;
}
let w: World;

beforeAll(async () => {
  const url = db().url;
  const user = (displayName: string) => createUser(url, { displayName });
  const [admin, editor, treasurer, unverifiedAdmin, otherAdmin, bridge, platformAdmin, member] = [
    await user("Ana"), await user("Eddie"), await user("Teresa"), await user("Uma"),
    await user("Elsa"), await user("Bea"), await user("Pia"), await user("Mario"),
  ];
  const town = await createLgu(url, { createdBy: admin.id, verificationStatus: "verified" });
  await addLguRole(url, town.id, editor.id, "editor");
  await addLguRole(url, town.id, treasurer.id, "treasurer");
  await addLguRole(url, town.id, bridge.id, "editor");
  const unverifiedTown = await createLgu(url, { createdBy: unverifiedAdmin.id, verificationStatus: "pending" });
  const otherTown = await createLgu(url, { createdBy: otherAdmin.id, verificationStatus: "verified" });
  await addLguRole(url, otherTown.id, bridge.id, "editor");
  await makePlatformAdmin(url, platformAdmin.id);
  w = { town, unverifiedTown, otherTown, admin, editor, treasurer, unverifiedAdmin, otherAdmin, bridge, platformAdmin, member };
});

const as = <T>(user: User | null, fn: (tx: Tx) => Promise<T>) => db().client.withRls(user?.claims ?? null, fn);
const run = (user: User | null, query: SQL) => as(user, (tx) => tx.execute(query));

interface ProjectRow {
  status: ProjectStatus;
  lgu_id: string;
  created_by: string | null;
  summary: Record<string, string>;
  cancel_reason: string | null;
  submitted_at: string | null;
  published_at: string | null;
}
const projectRow = async (projectId: string) =>
  (await db().client.sql<ProjectRow[]>`
    select status, lgu_id, created_by, summary, cancel_reason, submitted_at, published_at from projects where id = ${projectId}`)[0]!;
const snapshot = async (projectId: string) =>
  JSON.stringify((await db().client.sql`select to_jsonb(p) as row from projects p where p.id = ${projectId}`)[0]);

const project = (overrides: ProjectOverrides = {}, lguId = w.town.id) =>
  createProject(db().url, lguId, { createdBy: w.editor.id, ...overrides });
const setStatus = (user: User, projectId: string, status: ProjectStatus, extra: SQL = sql``) =>
  run(user, sql`update projects set status = ${status} ${extra} where id = ${projectId}`);
const publicSees = async (projectId: string) => (await run(null, sql`select 1 from projects where id = ${projectId}`)).length === 1;

describe("the workflow", () => {
  it("an editor submits a draft for review: submitted_at is stamped, nothing is published", async () => {
    const { id } = await project({ status: "draft" });
    const changed = await setStatus(w.editor, id, "review");
    expect(changed.count).toBe(1);
    const row = await projectRow(id);
    expect(row.status).toBe("review");
    expect(row.submitted_at).not.toBeNull();
    expect(row.published_at).toBeNull();
    expect(await publicSees(id)).toBe(false);
  });

  it.each([
    ["publish a project in review", "review", "fundraising"],
    ["send a project in review back to draft", "review", "draft"],
    ["mark a fundraising project funded", "fundraising", "funded"],
    ["cancel a project, even with a reason", "fundraising", "cancelled"],
  ] as const)("an editor may not %s (not_allowed), and nothing changes", async (_case, from, to) => {
    const { id } = await project({ status: from });
    const before = await snapshot(id);
    const refusal = await refusalOf(setStatus(w.editor, id, to, sql`, cancel_reason = 'Flooded site'`));
    expect(refusal).toMatchObject({ code: "42501", hint: "not_allowed" });
    expect(await snapshot(id)).toBe(before);
  });

  it("the admin publishes a project in review: published_at is stamped and the public sees it", async () => {
    const { id } = await project({ status: "review" });
    expect(await publicSees(id)).toBe(false);
    await setStatus(w.admin, id, "fundraising");
    const row = await projectRow(id);
    expect(row.status).toBe("fundraising");
    expect(row.published_at).not.toBeNull();
    expect(await publicSees(id)).toBe(true);
  });

  it("publishing is refused for an unverified LGU, even for its admin (lgu_not_verified)", async () => {
    const { id } = await project({ status: "review", createdBy: w.unverifiedAdmin.id }, w.unverifiedTown.id);
    const before = await snapshot(id);
    expect(await refusalOf(setStatus(w.unverifiedAdmin, id, "fundraising"))).toMatchObject({ code: "P0001", hint: "lgu_not_verified" });
    expect(await snapshot(id)).toBe(before);
  });

  it("walks on, as the admin, from fundraising to completed; the published date stays the first one", async () => {
    const { id } = await project({ status: "fundraising", publishedAt: new Date("2026-01-01T00:00:00Z") });
    for (const status of ["funded", "in_progress", "completed"] as const) {
      expect((await setStatus(w.admin, id, status)).count, status).toBe(1);
    }
    const row = await projectRow(id);
    expect(row.status).toBe("completed");
    expect(new Date(row.published_at!).toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(await publicSees(id)).toBe(true);
  });

  it.each([
    ["draft", "funded"],
    ["draft", "fundraising"],
    ["draft", "completed"],
    ["review", "in_progress"],
    ["fundraising", "review"],
    ["fundraising", "completed"],
    ["funded", "fundraising"],
    ["in_progress", "funded"],
  ] as const)("refuses the jump %s → %s, even for the admin (invalid_transition)", async (from, to) => {
    const { id } = await project({ status: from });
    const before = await snapshot(id);
    expect(await refusalOf(setStatus(w.admin, id, to))).toMatchObject({ code: "P0001", hint: "invalid_transition" });
    expect(await snapshot(id)).toBe(before);
  });
});

describe("cancelling", () => {
  it("the admin cancels a fundraising project with a public reason; it stays public, closed", async () => {
    const { id } = await project({ status: "fundraising" });
    await setStatus(w.admin, id, "cancelled", sql`, cancel_reason = 'Site flooded by the typhoon'`);
    const row = await projectRow(id);
    expect(row).toMatchObject({ status: "cancelled", cancel_reason: "Site flooded by the typhoon" });
    expect(await publicSees(id)).toBe(true);
  });

  it.each([
    ["no reason", sql``],
    ["an empty reason", sql`, cancel_reason = ''`],
    ["a reason of two characters", sql`, cancel_reason = 'no'`],
  ])("needs a reason of at least 3 characters: %s is refused", async (_case, extra) => {
    const { id } = await project({ status: "fundraising" });
    const before = await snapshot(id);
    expect(await refusalOf(setStatus(w.admin, id, "cancelled", extra))).toMatchObject({
      code: "23514",
      constraint: "projects_cancel_has_reason",
    });
    expect(await snapshot(id)).toBe(before);
  });
});

describe("completed and cancelled projects are closed", () => {
  const edits: [string, SQL][] = [
    ["edit the summary", sql`summary = '{"en":"Rewritten"}'`],
    ["reopen it", sql`status = 'in_progress'`],
  ];
  it.each((["completed", "cancelled"] as const).flatMap((status) =>
    (["admin", "editor"] as const).flatMap((who) => edits.map(([what, set]) => [status, who, what, set] as const)),
  ))("a %s project: the %s may not %s (project_closed)", async (status, who, _what, set) => {
    const { id } = await project({ status });
    const before = await snapshot(id);
    expect(await refusalOf(run(w[who], sql`update projects set ${set} where id = ${id}`))).toMatchObject({
      code: "P0001",
      hint: "project_closed",
    });
    expect(await snapshot(id)).toBe(before);
  });

  it("its details are closed too: the editor cannot add a budget line or change a milestone", async () => {
    const { id } = await project({ status: "completed" });
    await addProjectDetails(db().url, id);
    expect((await refusalOf(run(w.editor, sql`insert into project_budget_lines (project_id, label, amount_minor)
                                               values (${id}, '{"en":"Late extra"}', 100)`)))?.message).toMatch(
      /^new row violates row-level security policy/,
    );
    expect((await run(w.editor, sql`update project_milestones set status = 'done', completed_on = current_date where project_id = ${id}`)).count).toBe(0);
  });
});

describe("what the API may not set", () => {
  it("an insert with status 'fundraising' and dates still lands as a draft with no dates", async () => {
    const [row] = await as(w.editor, (tx) =>
      tx.execute<{ id: string }>(sql`
        insert into projects (lgu_id, slug, title, sector, goal_minor, currency, created_by, status, submitted_at, published_at)
        values (${w.town.id}, 'sneaky-fundraiser', '{"en":"Sneaky"}', 'health', 5000, 'PHP', auth.uid(), 'fundraising', now(), now())
        returning id`),
    );
    expect(await projectRow(row!.id)).toMatchObject({ status: "draft", submitted_at: null, published_at: null });
    expect(await publicSees(row!.id)).toBe(false);
  });

  it("a project cannot move to another LGU, even by someone who edits for both", async () => {
    const { id } = await project({ status: "draft" });
    const before = await snapshot(id);
    const refusal = await refusalOf(run(w.bridge, sql`update projects set lgu_id = ${w.otherTown.id} where id = ${id}`));
    expect(refusal).toMatchObject({ code: "42501", message: "a project cannot move to another LGU or change its author" });
    expect(await snapshot(id)).toBe(before);
  });

  it("its author cannot be changed", async () => {
    const { id } = await project({ status: "draft" });
    const before = await snapshot(id);
    const refusal = await refusalOf(run(w.admin, sql`update projects set created_by = ${w.admin.id} where id = ${id}`));
    expect(refusal).toMatchObject({ code: "42501" });
    expect(await snapshot(id)).toBe(before);
  });

  it("the admin cannot set published_at or submitted_at directly: the workflow's dates stay its own", async () => {
    const draft = await project({ status: "draft" });
    await run(w.admin, sql`update projects set published_at = now(), submitted_at = now() where id = ${draft.id}`);
    expect(await projectRow(draft.id)).toMatchObject({ status: "draft", submitted_at: null, published_at: null });

    const live = await project({ status: "fundraising", publishedAt: new Date("2026-02-01T00:00:00Z") });
    await run(w.admin, sql`update projects set published_at = '2020-01-01', summary = '{"en":"Backdated?"}' where id = ${live.id}`);
    const row = await projectRow(live.id);
    expect(row.summary).toEqual({ en: "Backdated?" });
    expect(new Date(row.published_at!).toISOString()).toBe("2026-02-01T00:00:00.000Z");
  });

  it("a review project with a forged published_at still stays hidden from the public", async () => {
    const { id } = await project({ status: "review" });
    await run(w.editor, sql`update projects set published_at = now() where id = ${id}`);
    expect((await projectRow(id)).published_at).toBeNull();
    expect(await publicSees(id)).toBe(false);
  });
});

describe("audit", () => {
  interface AuditRow {
    actor_id: string | null;
    action: string;
    lgu_id: string | null;
    subject_id: string | null;
    before: { status?: string } | null;
    after: { status?: string; search?: unknown } | null;
  }
  const auditOf = (subjectId: string) =>
    db().client.sql<AuditRow[]>`select actor_id, action, lgu_id, subject_id, before, after from audit_log where subject_id = ${subjectId} order by id`;
  const seenBy = async (user: User, subjectId: string) =>
    (await run(user, sql`select 1 from audit_log where subject_id = ${subjectId}`)).length;

  it("every status change writes a row with the actor and the LGU; edits without a status change write none", async () => {
    const { id } = await project({ status: "draft" });
    await setStatus(w.editor, id, "review");
    await setStatus(w.admin, id, "fundraising");
    await run(w.editor, sql`update projects set summary = '{"en":"Now with photos"}' where id = ${id}`);
    await setStatus(w.admin, id, "funded");
    await setStatus(w.admin, id, "in_progress");
    await setStatus(w.admin, id, "completed");
    const rows = await auditOf(id);
    expect(rows.map((r) => [r.action, r.actor_id, r.lgu_id, r.before?.status, r.after?.status])).toEqual([
      ["projects.update", w.editor.id, w.town.id, "draft", "review"],
      ["projects.update", w.admin.id, w.town.id, "review", "fundraising"],
      ["projects.update", w.admin.id, w.town.id, "fundraising", "funded"],
      ["projects.update", w.admin.id, w.town.id, "funded", "in_progress"],
      ["projects.update", w.admin.id, w.town.id, "in_progress", "completed"],
    ]);
    expect(rows[0]!.after).not.toHaveProperty("search");
    expect(rows[0]!.after).not.toHaveProperty("search_text");

    expect(await seenBy(w.admin, id)).toBe(5);
    expect(await seenBy(w.platformAdmin, id)).toBe(5);
    expect(await seenBy(w.otherAdmin, id)).toBe(0);
    expect(await seenBy(w.editor, id)).toBe(0);
  });

  it("a spending report's row carries the project's LGU, and that LGU's admin alone reads it", async () => {
    const { id } = await project({ status: "fundraising" });
    const [report] = await as(w.treasurer, (tx) =>
      tx.execute<{ id: string }>(sql`
        insert into spending_reports (project_id, amount_minor, spent_on, payee, category, reported_by)
        values (${id}, 75000, '2026-11-15', 'Cement supplier', 'materials', auth.uid()) returning id`),
    );
    await run(w.treasurer, sql`update spending_reports set amount_minor = 70000 where id = ${report!.id}`);
    const rows = await auditOf(report!.id);
    expect(rows.map((r) => [r.action, r.actor_id, r.lgu_id])).toEqual([
      ["spending_reports.insert", w.treasurer.id, w.town.id],
      ["spending_reports.update", w.treasurer.id, w.town.id],
    ]);
    expect(await seenBy(w.admin, report!.id)).toBe(2);
    expect(await seenBy(w.otherAdmin, report!.id)).toBe(0);
    expect(await seenBy(w.treasurer, report!.id)).toBe(0);
  });
});

describe("audit of the plan", () => {
  it("budget lines, co-funders, needs, milestones and photos: every insert, change and removal, under the LGU", async () => {
    const { id } = await project({ status: "draft" });
    const inserted = await as(w.editor, async (tx) => {
      const one = async (query: SQL) => (await tx.execute<{ id: string }>(query))[0]!.id;
      return [
        await one(sql`insert into project_budget_lines (project_id, label, amount_minor) values (${id}, '{"en":"Pipes"}', 90000) returning id`),
        await one(sql`insert into project_cofunders (project_id, kind, name, ratio_matched, cap_minor)
                      values (${id}, 'province', 'Province', 1, 50000) returning id`),
        await one(sql`insert into project_needs (project_id, kind, description, quantity) values (${id}, 'in_kind', '{"en":"Cement"}', 4) returning id`),
        await one(sql`insert into project_milestones (project_id, title, target_date) values (${id}, '{"en":"Start"}', '2027-01-10') returning id`),
        await one(sql`with photo as (select gen_random_uuid() as id)
                      insert into project_photos (id, project_id, storage_key, width, height, alt)
                      select photo.id, ${id}, 'projects/' || ${id} || '/photos/' || photo.id, 640, 480, '{"en":"Site"}' from photo returning id`),
      ];
    });
    await run(w.editor, sql`update project_budget_lines set amount_minor = 95000 where project_id = ${id}`);
    await run(w.editor, sql`update project_cofunders set cap_minor = 60000 where project_id = ${id}`);
    await run(w.editor, sql`delete from project_needs where project_id = ${id}`);
    await run(w.editor, sql`delete from project_photos where project_id = ${id}`);
    const rows = await db().client.sql<{ action: string; actor_id: string; lgu_id: string; subject_id: string }[]>`
      select action, actor_id, lgu_id, subject_id from audit_log where subject_id = any(${inserted}) order by id`;
    expect(rows.map((r) => r.action)).toEqual([
      "project_budget_lines.insert",
      "project_cofunders.insert",
      "project_needs.insert",
      "project_milestones.insert",
      "project_photos.insert",
      "project_budget_lines.update",
      "project_cofunders.update",
      "project_needs.delete",
      "project_photos.delete",
    ]);
    expect(new Set(rows.map((r) => r.actor_id))).toEqual(new Set([w.editor.id]));
    expect(new Set(rows.map((r) => r.lgu_id))).toEqual(new Set([w.town.id]));
  });
});

describe("photos and evidence name only their own files", () => {
  const insertPhoto = (user: User, projectId: string, key: SQL, updateId: string | null = null) =>
    run(user, sql`with photo as (select gen_random_uuid() as id)
      insert into project_photos (id, project_id, update_id, storage_key, width, height, alt)
      select photo.id, ${projectId}, ${updateId}, ${key}, 640, 480, '{"en":"Site"}' from photo`);

  it("a photo's storage key is its own project's and its own id's; pointing at any other file is refused", async () => {
    const { id } = await project({ status: "draft" });
    const other = await project({ status: "draft" });
    const keys = [
      sql`'verification/' || gen_random_uuid() || '/resolution.pdf'`,
      sql`'projects/' || ${other.id} || '/photos/' || gen_random_uuid()`,
      sql`'projects/' || ${id} || '/photos/../../verification/x'`,
    ];
    for (const key of keys) expect(await refusalOf(insertPhoto(w.editor, id, key))).toMatchObject({ constraint: "project_photos_storage_key" });
    expect(await db().client.sql`select 1 from project_photos where project_id = ${id}`).toHaveLength(0);
  });

  it("a photo keeps its uploader, bytes and update; only alt text and position change", async () => {
    const { id } = await project({ status: "draft" });
    const { updateId } = await addProjectDetails(db().url, id);
    await run(w.editor, sql`with photo as (select gen_random_uuid() as id)
      insert into project_photos (id, project_id, update_id, storage_key, width, height, alt, uploaded_by)
      select photo.id, ${id}, ${updateId}, 'projects/' || ${id} || '/photos/' || photo.id, 640, 480, '{"en":"Site"}', ${w.member.id} from photo`);
    const [photo] = await db().client.sql<{ id: string; uploaded_by: string }[]>`
      select id, uploaded_by from project_photos where project_id = ${id} and alt = '{"en":"Site"}'`;
    expect(photo!.uploaded_by).toBe(w.editor.id);
    for (const change of [sql`width = 10`, sql`update_id = null`, sql`uploaded_by = ${w.member.id}`, sql`storage_key = storage_key || 'x'`]) {
      expect(await refusalOf(run(w.editor, sql`update project_photos set ${change} where id = ${photo!.id}`))).not.toBeNull();
    }
    await run(w.editor, sql`update project_photos set alt = '{"en":"Site","fil":"Lugar"}', position = 2 where id = ${photo!.id}`);
    expect(await db().client.sql`select alt, position from project_photos where id = ${photo!.id}`).toEqual([
      { alt: { en: "Site", fil: "Lugar" }, position: 2 },
    ]);
  });

  it("an update's photo belongs to the update's own project", async () => {
    const { id } = await project({ status: "draft" });
    const other = await project({ status: "draft" });
    const { updateId } = await addProjectDetails(db().url, other.id);
    expect(await refusalOf(insertPhoto(w.editor, id, sql`'projects/' || ${id} || '/photos/' || photo.id`, updateId))).toMatchObject({
      code: "23514",
    });
  });

  it("spending evidence lives under the report's own project, with its name, type and size", async () => {
    const { id } = await project({ status: "fundraising" });
    const other = await project({ status: "fundraising" });
    const report = (path: SQL, filename = "receipt.pdf", size = 2048) =>
      run(w.treasurer, sql`insert into spending_reports (project_id, amount_minor, spent_on, payee, category, reported_by,
          evidence_path, evidence_filename, evidence_content_type, evidence_size)
        values (${id}, 5000, '2026-11-15', 'Supplier', 'materials', auth.uid(), ${path}, ${filename}, 'application/pdf', ${size})`);
    const own = sql`'projects/' || ${id} || '/spending/' || gen_random_uuid() || '/receipt.pdf'`;
    expect(await refusalOf(report(sql`'projects/' || ${other.id} || '/spending/' || gen_random_uuid() || '/receipt.pdf'`))).toMatchObject({
      constraint: "spending_reports_evidence_key",
    });
    expect(await refusalOf(report(sql`'verification/' || gen_random_uuid() || '/receipt.pdf'`))).toMatchObject({
      constraint: "spending_reports_evidence_key",
    });
    expect(await refusalOf(report(sql`'projects/' || ${id} || '/spending/' || gen_random_uuid() || '/receipt.exe'`))).toMatchObject({
      constraint: "spending_reports_evidence_key",
    });
    expect(await refusalOf(report(own, "receipt.pdf", 0))).toMatchObject({ constraint: "spending_reports_evidence_whole" });
    expect(await refusalOf(report(own))).toBeNull();
  });
});

describe("spending reports are never deleted", () => {
  it("a correction keeps them in the reporter's name: nobody reassigns one to someone else", async () => {
    const { id } = await project({ status: "fundraising" });
    const { spendingReportId } = await addProjectDetails(db().url, id, { spending: true, reportedBy: w.treasurer.id });
    const before = JSON.stringify(await db().client.sql`select * from spending_reports where id = ${spendingReportId}`);
    const refusal = await refusalOf(run(w.admin, sql`update spending_reports set reported_by = ${w.member.id} where id = ${spendingReportId}`));
    expect(refusal).toMatchObject({ code: "42501" });
    expect(JSON.stringify(await db().client.sql`select * from spending_reports where id = ${spendingReportId}`)).toBe(before);
  });

  it("not even by deleting a draft that has one: the delete is refused and the report stays", async () => {
    const { id } = await project({ status: "draft" });
    await addProjectDetails(db().url, id, { spending: true, reportedBy: w.treasurer.id });
    expect(await refusalOf(run(w.editor, sql`delete from projects where id = ${id}`))).toMatchObject({ code: "23503" });
    expect(await db().client.sql`select 1 from spending_reports where project_id = ${id}`).toHaveLength(1);
  });
});

describe("bad input is refused by constraints", () => {
  interface Input {
    title: Record<string, string>;
    goal: number;
    currency: string;
    startsOn: string | null;
    endsOn: string | null;
    sdgs: string;
    latitude: number | null;
    longitude: number | null;
  }
  const good: Input = {
    title: { en: "Bad input" }, goal: 1000, currency: "PHP", startsOn: null, endsOn: null, sdgs: "{6}", latitude: null, longitude: null,
  };
  const insert = (i: Input) =>
    run(w.editor, sql`
      insert into projects (lgu_id, slug, sector, created_by, title, goal_minor, currency, starts_on, ends_on, sdg_goals, latitude, longitude)
      values (${w.town.id}, 'bad-input', 'roads', auth.uid(), ${JSON.stringify(i.title)}::jsonb, ${i.goal}, ${i.currency},
              ${i.startsOn}::date, ${i.endsOn}::date, ${i.sdgs}::smallint[], ${i.latitude}::numeric, ${i.longitude}::numeric)`);

  it("the good input is accepted (so each case below fails for its one reason)", async () => {
    expect((await insert(good)).count).toBe(1);
    await db().client.sql`delete from projects where slug = 'bad-input'`;
  });

  it.each([
    ["a goal of zero", "projects_goal_positive", { goal: 0 }],
    ["a negative goal", "projects_goal_positive", { goal: -500 }],
    ["an end before the start", "projects_dates_in_order", { startsOn: "2027-06-01", endsOn: "2027-05-31" }],
    ["a lower-case currency", "projects_currency_iso", { currency: "php" }],
    ["SDG 18", "projects_sdg_goals_range", { sdgs: "{6,18}" }],
    ["SDG 0", "projects_sdg_goals_range", { sdgs: "{0}" }],
    ["a latitude without a longitude", "projects_coordinates", { latitude: 13.62 }],
    ["a longitude without a latitude", "projects_coordinates", { longitude: 123.19 }],
    ["a latitude out of range", "projects_coordinates", { latitude: 91, longitude: 123.19 }],
    ["an empty title", "projects_title_present", { title: {} }],
  ] as const)("%s (%s)", async (_what, constraint, change: Partial<Input>) => {
    const count = async () => (await db().client.sql<{ n: number }[]>`select count(*)::int as n from projects where lgu_id = ${w.town.id}`)[0]!.n;
    const before = await count();
    expect(await refusalOf(insert({ ...good, ...change }))).toMatchObject({ code: "23514", constraint });
    expect(await count()).toBe(before);
  });

  it("an edit to a goal of zero is refused as well", async () => {
    const { id } = await project({ status: "draft" });
    const before = await snapshot(id);
    expect(await refusalOf(run(w.editor, sql`update projects set goal_minor = 0 where id = ${id}`))).toMatchObject({
      code: "23514",
      constraint: "projects_goal_positive",
    });
    expect(await snapshot(id)).toBe(before);
  });
});

describe("search", () => {
  let river: string;
  let water: string;
  beforeAll(async () => {
    river = (
      await project({
        status: "fundraising",
        title: { en: "Naga River revitalisation", fil: "Pagbabago ng Ilog Naga" },
        summary: { en: "Dredging and a riverside walkway" },
      })
    ).id;
    water = (await project({ status: "fundraising", title: { es: "Agua potable para Intipucá" } })).id;
  });

  /** The ids, among the two projects, that the public finds with `where`. */
  const found = async (where: SQL) =>
    (await as(null, (tx) => tx.execute<{ id: string }>(sql`select id from projects where id in (${river}, ${water}) and ${where}`)))
      .map((r) => r.id);

  it("finds a Filipino word as a plain word", async () => {
    expect(await found(sql`search @@ websearch_to_tsquery('simple', immutable_unaccent('ilog'))`)).toEqual([river]);
  });

  it("finds an English word by its stem", async () => {
    expect(await found(sql`search @@ websearch_to_tsquery('english', immutable_unaccent('revitalising'))`)).toEqual([river]);
    expect(await found(sql`search @@ websearch_to_tsquery('english', immutable_unaccent('rivers'))`)).toEqual([river]);
  });

  /** What the public search function offers, among the two projects and any `extra`, best first. */
  const searched = async (query: string, config = "english", user: User | null = null, extra: string[] = []) =>
    (
      await as(user, (tx) =>
        tx.execute<{ id: string }>(
          sql`select project_id as id from app_private.search_public_projects(${query}, ${config}::regconfig) order by rank desc`,
        ),
      )
    )
      .map((r) => r.id)
      .filter((id) => [river, water, ...extra].includes(id));

  it("corrects a misspelt word through the lexicon of project words", async () => {
    expect(await searched("revitalsation")).toEqual([river]);
    expect(await searched("pagbabgo ilog", "simple")).toEqual([river]);
    expect(await searched("intipuka", "spanish")).toEqual([water]);
    const words = await db().client.sql<{ word: string }[]>`
      select word from app_private.project_search_words where word in ('revitalisation', 'intipuca', 'ilog')`;
    expect(words.map((r) => r.word).sort()).toEqual(["ilog", "intipuca", "revitalisation"]);
  });

  it("finds an accented name without the accent", async () => {
    expect(await found(sql`search @@ websearch_to_tsquery('simple', immutable_unaccent('intipuca'))`)).toEqual([water]);
    expect(await found(sql`search @@ websearch_to_tsquery('simple', immutable_unaccent('Intipucá'))`)).toEqual([water]);
    expect(await searched("Intipucá", "spanish")).toEqual([water]);
  });

  it("ranks exact matches before corrected ones", async () => {
    const { id: exact } = await project({ status: "fundraising", title: { en: "Revitalization of the plaza" } });
    const ranked = await searched("revitalization", "simple", null, [exact]);
    expect(ranked[0]).toBe(exact);
  });

  it("offers only what the public may see, to anyone, whoever asks", async () => {
    const { id: draft } = await project({ status: "draft", title: { en: "Quetzalcoatl footbridge" } });
    const { id: review } = await project({ status: "review", title: { en: "Quetzalcoatl ferry" } });
    const { id: pending } = await project({ status: "fundraising", title: { en: "Quetzalcoatl market" } }, w.unverifiedTown.id);
    const { id: open } = await project({ status: "fundraising", title: { en: "Quetzalcoatl library" } });
    for (const user of [null, w.member, w.editor, w.unverifiedAdmin, w.platformAdmin]) {
      expect(await searched("quetzalcoatl", "english", user, [draft, review, pending, open])).toEqual([open]);
      expect(await searched("quetzalcoatll", "english", user, [draft, review, pending, open])).toEqual([open]);
    }
  });

  it("keeps the search's listings equal to what the public may see, through every change", async () => {
    /** Projects the public branch of the policy admits, minus the listings, and the other way round. */
    const drift = async () =>
      db().client.sql<{ id: string; side: string }[]>`
        (select p.id, 'missing' as side from projects p join lgus l on l.id = p.lgu_id
          where p.published_at is not null and p.status not in ('draft', 'review') and l.verification_status = 'verified'
          except select project_id, 'missing' from app_private.project_listings)
        union all
        (select project_id, 'extra' from app_private.project_listings
          except select p.id, 'extra' from projects p join lgus l on l.id = p.lgu_id
          where p.published_at is not null and p.status not in ('draft', 'review') and l.verification_status = 'verified')`;
    const listed = async (id: string) =>
      (await db().client.sql<{ sector: string; status: string }[]>`
        select sector, status from app_private.project_listings where project_id = ${id}`)[0];
    const { id } = await project({ status: "review", title: { en: "Listing probe" } });
    expect(await listed(id)).toBeUndefined();
    await setStatus(w.admin, id, "fundraising");
    expect(await listed(id)).toEqual({ sector: "water", status: "fundraising" });
    await run(w.editor, sql`update projects set sector = 'health' where id = ${id}`);
    expect(await listed(id)).toEqual({ sector: "health", status: "fundraising" });
    await run(w.admin, sql`update projects set status = 'cancelled', cancel_reason = 'Merged into another' where id = ${id}`);
    expect(await listed(id)).toEqual({ sector: "health", status: "cancelled" });
    // The LGU losing its verification takes all its projects out, and regaining it puts them back.
    await db().client.sql`update lgus set verification_status = 'pending', verified_at = null where id = ${w.town.id}`;
    expect(await listed(id)).toBeUndefined();
    expect(await drift()).toEqual([]);
    await db().client.sql`update lgus set verification_status = 'verified', verified_at = now() where id = ${w.town.id}`;
    expect(await listed(id)).toBeDefined();
    expect(await drift()).toEqual([]);
  });

  it("keeps the lexicon to itself", async () => {
    for (const user of [null, w.member, w.editor, w.platformAdmin]) {
      expect(await refusalOf(run(user, sql`select word from app_private.project_search_words limit 1`))).toMatchObject({ code: "42501" });
    }
  });

  it("follows an edit of the title, made through the API", async () => {
    const { id } = await project({ status: "draft", title: { en: "Old bridge" } });
    await run(w.editor, sql`update projects set title = '{"en":"Suspension footbridge"}' where id = ${id}`);
    const [row] = await db().client.sql<{ old: boolean; fresh: boolean; text: string }[]>`
      select search @@ websearch_to_tsquery('simple', 'old') as old,
             search @@ websearch_to_tsquery('english', 'footbridges') as fresh,
             exists (select 1 from app_private.project_search_words where word = 'suspension') as text
      from projects where id = ${id}`;
    expect(row).toEqual({ old: false, fresh: true, text: true });
  });
});
