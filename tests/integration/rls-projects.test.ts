/**
 * Row-level security for projects and the rows that hang off them, as a matrix: for every table the
 * projects schema added, every kind of caller and every operation, allowed or refused as designed.
 * The public sees published projects (fundraising onwards, or cancelled after publication) of
 * verified LGUs and their rows; an LGU's staff, whatever their role, see all of their LGU's
 * projects; editors and admins write drafts and details until a project is completed or cancelled;
 * treasurers and admins report spending, which nobody deletes; a follower sees and manages only
 * their own follows of projects they can see.
 * A refusal is asserted precisely — zero rows seen or changed, the RLS error, or the workflow
 * trigger's own error — and the target rows are read back by the database owner to prove nothing
 * changed. Allowed writes are rolled back, so every case meets the same world.
 */
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { DENIED, matrixProbe, matrixRunner, RLS, type MatrixBlock } from "../support/rls-matrix";
import { addLguRole, addOrganisationRole, createLgu, createOrganisation, createUser, makePlatformAdmin } from "../support/factories";
import { addProjectDetails, createProject, followProject } from "../support/project-factories";

const db = setupTestDatabase();

type User = Awaited<ReturnType<typeof createUser>>;

/**
 * The callers. "the LGU" is a verified LGU whose staff hold each role; "another LGU" is unverified
 * and run by its own admin and editor; "the follower" is a member following the LGU's published
 * project; "another member" and the association officer hold no role in any LGU.
 */
const ACTORS = [
  "anonymous",
  "the follower",
  "another member",
  "admin of another LGU",
  "editor of another LGU",
  "LGU admin",
  "LGU editor",
  "LGU treasurer",
  "LGU permits officer",
  "LGU investment officer",
  "association officer",
  "platform admin",
] as const;
type Actor = (typeof ACTORS)[number];


/** Refused by the workflow trigger: completed and cancelled projects take no more edits. */
const CLOSED = "this project is closed";

interface Project {
  id: string;
}
interface World {
  users: Record<Exclude<Actor, "anonymous">, User>;
  town: { id: string };
  otherTown: { id: string };
  draft: Project;
  review: Project;
  fundraising: Project;
  unverified: Project;
  completed: Project;
  cancelledAfterPublication: Project;
  cancelledBeforePublication: Project;
}
let w: World;

const claimsOf = (actor: Actor): JwtClaims | null => (actor === "anonymous" ? null : w.users[actor].claims);
const id = (actor: Exclude<Actor, "anonymous">) => w.users[actor].id;

const probe = matrixProbe(db, (actor) => claimsOf(actor as Actor));
const { asOwner, attempt, snapshotOf } = probe;
type Block = MatrixBlock<Actor>;
type MatrixRow = Block["rows"][number];

const matrix = matrixRunner(ACTORS, probe);

beforeAll(async () => {
  const url = db().url;
  const user = (displayName: string) => createUser(url, { displayName });
  const users: World["users"] = {
    "the follower": await user("Fe"),
    "another member": await user("Mario"),
    "admin of another LGU": await user("Elsa"),
    "editor of another LGU": await user("Emil"),
    "LGU admin": await user("Ana"),
    "LGU editor": await user("Eddie"),
    "LGU treasurer": await user("Teresa"),
    "LGU permits officer": await user("Pedro"),
    "LGU investment officer": await user("Ivan"),
    "association officer": await user("Oscar"),
    "platform admin": await user("Pia"),
  };
  const town = await createLgu(url, { createdBy: users["LGU admin"].id, verificationStatus: "verified" });
  await addLguRole(url, town.id, users["LGU editor"].id, "editor");
  await addLguRole(url, town.id, users["LGU treasurer"].id, "treasurer");
  await addLguRole(url, town.id, users["LGU permits officer"].id, "permits_officer");
  await addLguRole(url, town.id, users["LGU investment officer"].id, "investment_officer");
  const otherTown = await createLgu(url, { createdBy: users["admin of another LGU"].id, verificationStatus: "unverified" });
  await addLguRole(url, otherTown.id, users["editor of another LGU"].id, "editor");
  const association = await createOrganisation(url, { createdBy: users["association officer"].id });
  await addOrganisationRole(url, association.id, users["the follower"].id, "member");
  await makePlatformAdmin(url, users["platform admin"].id);

  const editor = users["LGU editor"].id;
  const project = (lguId: string, overrides: Parameters<typeof createProject>[2]) =>
    createProject(url, lguId, { createdBy: editor, ...overrides });
  const draft = await project(town.id, { status: "draft" });
  const review = await project(town.id, { status: "review" });
  const fundraising = await project(town.id, { status: "fundraising" });
  // Published-looking (as if it had been published, then the LGU lost its verification).
  const unverified = await project(otherTown.id, { status: "fundraising", createdBy: users["editor of another LGU"].id });
  const completed = await project(town.id, { status: "completed" });
  const cancelledAfterPublication = await project(town.id, { status: "cancelled" });
  const cancelledBeforePublication = await project(town.id, { status: "cancelled", publishedAt: null });

  const treasurer = users["LGU treasurer"].id;
  await addProjectDetails(url, draft.id, { authorId: editor });
  await addProjectDetails(url, fundraising.id, { authorId: editor, spending: true, reportedBy: treasurer });
  await addProjectDetails(url, completed.id, { authorId: editor, spending: true, reportedBy: treasurer });
  await addProjectDetails(url, unverified.id, { spending: true, reportedBy: users["admin of another LGU"].id });
  await followProject(url, fundraising.id, users["the follower"].id);
  await followProject(url, unverified.id, users["the follower"].id);
  // A gift from the follower, received into the ledger (as the server records it).
  await asOwner(sql`
    with gift as (
      insert into contributions (project_id, donor_id, kind, channel, amount_minor, currency, reference)
      values (${fundraising.id}, ${users["the follower"].id}, 'one_time', 'remittance', 50000, 'PHP', 'MATRIX-1') returning id)
    insert into contribution_events (contribution_id, project_id, type, amount_minor, currency, source, external_id)
    select gift.id, ${fundraising.id}, 'received', 50000, 'PHP', 'treasurer', 'matrix-1' from gift`);
  await asOwner(sql`insert into lgu_payment_accounts (lgu_id, stripe_account_id, charges_enabled) values (${town.id}, 'acct_matrix', true)`);
  await asOwner(sql`insert into card_refund_requests (contribution_id, project_id, amount_minor, currency, request_key, requested_by)
                    select id, project_id, 100, 'PHP', gen_random_uuid(), ${treasurer} from contributions where reference = 'MATRIX-1'`);
  await asOwner(sql`insert into stripe_events (id, type, payload) values ('evt_matrix', 'checkout.session.completed', '{}')`);
  await asOwner(sql`insert into exchange_rates (currency, usd_per_unit) values ('ZZZ', 0.5) on conflict do nothing`);

  w = {
    users, town, otherTown, draft, review, fundraising, unverified, completed, cancelledAfterPublication, cancelledBeforePublication,
  };
});

// ---------------------------------------------------------------------------------------------
// projects

/** The operations on one project; the insert adds a new draft to the same LGU. */
function projectOps(project: () => Project, lguId: () => string, newSlug: string): Pick<Block, "ops" | "snapshot"> {
  return {
    ops: {
      select: () => sql`select 1 from projects where id = ${project().id}`,
      insert: () => sql`insert into projects (lgu_id, slug, title, sector, goal_minor, currency, created_by)
                        values (${lguId()}, ${newSlug}, '{"en":"Matrix well"}', 'water', 100000, 'PHP', auth.uid())`,
      update: () => sql`update projects set summary = '{"en":"Edited in the matrix"}' where id = ${project().id}`,
      delete: () => sql`delete from projects where id = ${project().id}`,
    },
    snapshot: () =>
      sql`select to_jsonb(p) - 'search' as row from projects p where p.id = ${project().id} or p.slug = ${newSlug} order by p.slug`,
  };
}

describe("projects", () => {
  matrix({
    title: "projects: a draft of the LGU",
    ...projectOps(() => w.draft, () => w.town.id, "matrix-new-draft"),
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the follower",           0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["editor of another LGU",  0,     RLS,   0,     0],
      ["LGU admin",              1,     1,     1,     1],
      ["LGU editor",             1,     1,     1,     1],
      ["LGU treasurer",          1,     RLS,   0,     0],
      ["LGU permits officer",    1,     RLS,   0,     0],
      ["LGU investment officer", 1,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "projects: a project of the LGU in review",
    ...projectOps(() => w.review, () => w.town.id, "matrix-new-review"),
    // Only drafts are deleted; a project in review goes back to draft first.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the follower",           0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["editor of another LGU",  0,     RLS,   0,     0],
      ["LGU admin",              1,     1,     1,     0],
      ["LGU editor",             1,     1,     1,     0],
      ["LGU treasurer",          1,     RLS,   0,     0],
      ["LGU permits officer",    1,     RLS,   0,     0],
      ["LGU investment officer", 1,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "projects: a published, fundraising project of the verified LGU",
    ...projectOps(() => w.fundraising, () => w.town.id, "matrix-new-fundraising"),
    rows: [
      // actor                   select insert update delete
      ["anonymous",              1,     RLS,   0,     0],
      ["the follower",           1,     RLS,   0,     0],
      ["another member",         1,     RLS,   0,     0],
      ["admin of another LGU",   1,     RLS,   0,     0],
      ["editor of another LGU",  1,     RLS,   0,     0],
      ["LGU admin",              1,     1,     1,     0],
      ["LGU editor",             1,     1,     1,     0],
      ["LGU treasurer",          1,     RLS,   0,     0],
      ["LGU permits officer",    1,     RLS,   0,     0],
      ["LGU investment officer", 1,     RLS,   0,     0],
      ["association officer",    1,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "projects: a published-looking project of another, unverified LGU (invisible to the public)",
    ...projectOps(() => w.unverified, () => w.otherTown.id, "matrix-new-unverified"),
    // Its own staff still see and edit it, and may write drafts: only raising funds needs verification.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the follower",           0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   1,     1,     1,     0],
      ["editor of another LGU",  1,     1,     1,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "projects: a completed project of the LGU (public, closed to edits)",
    ...projectOps(() => w.completed, () => w.town.id, "matrix-new-completed"),
    rows: [
      // actor                   select insert update  delete
      ["anonymous",              1,     RLS,   0,      0],
      ["the follower",           1,     RLS,   0,      0],
      ["another member",         1,     RLS,   0,      0],
      ["admin of another LGU",   1,     RLS,   0,      0],
      ["editor of another LGU",  1,     RLS,   0,      0],
      ["LGU admin",              1,     1,     CLOSED, 0],
      ["LGU editor",             1,     1,     CLOSED, 0],
      ["LGU treasurer",          1,     RLS,   0,      0],
      ["LGU permits officer",    1,     RLS,   0,      0],
      ["LGU investment officer", 1,     RLS,   0,      0],
      ["association officer",    1,     RLS,   0,      0],
      ["platform admin",         1,     RLS,   0,      0],
    ],
  });

  matrix({
    title: "projects: a project cancelled after publication (public, closed to edits)",
    ...projectOps(() => w.cancelledAfterPublication, () => w.town.id, "matrix-new-cancelled"),
    rows: [
      // actor                   select insert update  delete
      ["anonymous",              1,     RLS,   0,      0],
      ["the follower",           1,     RLS,   0,      0],
      ["another member",         1,     RLS,   0,      0],
      ["admin of another LGU",   1,     RLS,   0,      0],
      ["editor of another LGU",  1,     RLS,   0,      0],
      ["LGU admin",              1,     1,     CLOSED, 0],
      ["LGU editor",             1,     1,     CLOSED, 0],
      ["LGU treasurer",          1,     RLS,   0,      0],
      ["LGU permits officer",    1,     RLS,   0,      0],
      ["LGU investment officer", 1,     RLS,   0,      0],
      ["association officer",    1,     RLS,   0,      0],
      ["platform admin",         1,     RLS,   0,      0],
    ],
  });

  matrix({
    title: "projects: a project cancelled before it was ever published (staff only)",
    ...projectOps(() => w.cancelledBeforePublication, () => w.town.id, "matrix-new-cancelled-draft"),
    rows: [
      // actor                   select insert update  delete
      ["anonymous",              0,     RLS,   0,      0],
      ["the follower",           0,     RLS,   0,      0],
      ["another member",         0,     RLS,   0,      0],
      ["admin of another LGU",   0,     RLS,   0,      0],
      ["editor of another LGU",  0,     RLS,   0,      0],
      ["LGU admin",              1,     1,     CLOSED, 0],
      ["LGU editor",             1,     1,     CLOSED, 0],
      ["LGU treasurer",          1,     RLS,   0,      0],
      ["LGU permits officer",    1,     RLS,   0,      0],
      ["LGU investment officer", 1,     RLS,   0,      0],
      ["association officer",    0,     RLS,   0,      0],
      ["platform admin",         1,     RLS,   0,      0],
    ],
  });

  it("the public list holds exactly the published projects of verified LGUs", async () => {
    const ids = [w.draft, w.review, w.fundraising, w.unverified, w.completed, w.cancelledAfterPublication, w.cancelledBeforePublication].map(
      (p) => p.id,
    );
    for (const actor of ["anonymous", "another member", "admin of another LGU", "association officer"] as const) {
      const seen = await db().client.withRls(claimsOf(actor), (tx) =>
        tx.execute<{ id: string }>(sql`select id from projects where id in (${sql.join(ids, sql`, `)})`),
      );
      const expected = [w.fundraising, w.completed, w.cancelledAfterPublication].map((p) => p.id);
      if (actor === "admin of another LGU") expected.push(w.unverified.id);
      expect(seen.map((r) => r.id).sort(), actor).toEqual(expected.sort());
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The rows that hang off a project: visible with it, written by its editors and admins while open.

const PUBLISHED_DETAILS: readonly MatrixRow[] = [
  // actor                   select insert update delete
  ["anonymous",              1,     RLS,   0,     0],
  ["the follower",           1,     RLS,   0,     0],
  ["another member",         1,     RLS,   0,     0],
  ["admin of another LGU",   1,     RLS,   0,     0],
  ["editor of another LGU",  1,     RLS,   0,     0],
  ["LGU admin",              1,     1,     1,     1],
  ["LGU editor",             1,     1,     1,     1],
  ["LGU treasurer",          1,     RLS,   0,     0],
  ["LGU permits officer",    1,     RLS,   0,     0],
  ["LGU investment officer", 1,     RLS,   0,     0],
  ["association officer",    1,     RLS,   0,     0],
  ["platform admin",         1,     RLS,   0,     0],
];

const DRAFT_DETAILS: readonly MatrixRow[] = [
  // actor                   select insert update delete
  ["anonymous",              0,     RLS,   0,     0],
  ["the follower",           0,     RLS,   0,     0],
  ["another member",         0,     RLS,   0,     0],
  ["admin of another LGU",   0,     RLS,   0,     0],
  ["editor of another LGU",  0,     RLS,   0,     0],
  ["LGU admin",              1,     1,     1,     1],
  ["LGU editor",             1,     1,     1,     1],
  ["LGU treasurer",          1,     RLS,   0,     0],
  ["LGU permits officer",    1,     RLS,   0,     0],
  ["LGU investment officer", 1,     RLS,   0,     0],
  ["association officer",    0,     RLS,   0,     0],
  ["platform admin",         1,     RLS,   0,     0],
];

const UNVERIFIED_DETAILS: readonly MatrixRow[] = [
  // actor                   select insert update delete
  ["anonymous",              0,     RLS,   0,     0],
  ["the follower",           0,     RLS,   0,     0],
  ["another member",         0,     RLS,   0,     0],
  ["admin of another LGU",   1,     1,     1,     1],
  ["editor of another LGU",  1,     1,     1,     1],
  ["LGU admin",              0,     RLS,   0,     0],
  ["LGU editor",             0,     RLS,   0,     0],
  ["LGU treasurer",          0,     RLS,   0,     0],
  ["LGU permits officer",    0,     RLS,   0,     0],
  ["LGU investment officer", 0,     RLS,   0,     0],
  ["association officer",    0,     RLS,   0,     0],
  ["platform admin",         1,     RLS,   0,     0],
];

const CLOSED_DETAILS: readonly MatrixRow[] = [
  // actor                   select insert update delete
  ["anonymous",              1,     RLS,   0,     0],
  ["the follower",           1,     RLS,   0,     0],
  ["another member",         1,     RLS,   0,     0],
  ["admin of another LGU",   1,     RLS,   0,     0],
  ["editor of another LGU",  1,     RLS,   0,     0],
  ["LGU admin",              1,     RLS,   0,     0],
  ["LGU editor",             1,     RLS,   0,     0],
  ["LGU treasurer",          1,     RLS,   0,     0],
  ["LGU permits officer",    1,     RLS,   0,     0],
  ["LGU investment officer", 1,     RLS,   0,     0],
  ["association officer",    1,     RLS,   0,     0],
  ["platform admin",         1,     RLS,   0,     0],
];

interface DetailTable {
  table: string;
  insert: (projectId: string) => SQL;
  update: (projectId: string) => SQL;
}

const DETAIL_TABLES: DetailTable[] = [
  {
    table: "project_budget_lines",
    insert: (p) => sql`insert into project_budget_lines (project_id, label, amount_minor) values (${p}, '{"en":"Matrix line"}', 1000)`,
    update: (p) => sql`update project_budget_lines set amount_minor = 600000 where project_id = ${p}`,
  },
  {
    table: "project_needs",
    insert: (p) => sql`insert into project_needs (project_id, kind, description, quantity) values (${p}, 'in_kind', '{"en":"Cement bags"}', 40)`,
    update: (p) => sql`update project_needs set fulfilled = 1 where project_id = ${p}`,
  },
  {
    table: "project_milestones",
    insert: (p) => sql`insert into project_milestones (project_id, title, target_date) values (${p}, '{"en":"Inauguration"}', '2027-12-01')`,
    update: (p) => sql`update project_milestones set status = 'done', completed_on = '2027-02-27' where project_id = ${p}`,
  },
  {
    table: "project_cofunders",
    insert: (p) => sql`insert into project_cofunders (project_id, kind, name, ratio_matched, cap_minor)
                       values (${p}, 'company', 'Matrix Corp', 2, 100000)`,
    update: (p) => sql`update project_cofunders set committed_minor = 1000 where project_id = ${p}`,
  },
  {
    table: "project_updates",
    insert: (p) => sql`insert into project_updates (project_id, body, author_id) values (${p}, '{"en":"Matrix news"}', auth.uid())`,
    update: (p) => sql`update project_updates set body = '{"en":"Corrected"}' where project_id = ${p}`,
  },
  {
    table: "project_photos",
    insert: (p) => sql`with photo as (select gen_random_uuid() as id)
                       insert into project_photos (id, project_id, storage_key, width, height, alt)
                       select photo.id, ${p}, 'projects/' || ${p} || '/photos/' || photo.id, 640, 480, '{"en":"Matrix photo"}' from photo`,
    update: (p) => sql`update project_photos set alt = '{"en":"Corrected"}', position = 3 where project_id = ${p}`,
  },
];

function detailOps({ table, insert, update }: DetailTable, project: () => Project): Pick<Block, "ops" | "snapshot"> {
  const t = sql.identifier(table);
  return {
    ops: {
      select: () => sql`select 1 from ${t} where project_id = ${project().id}`,
      insert: () => insert(project().id),
      update: () => update(project().id),
      delete: () => sql`delete from ${t} where project_id = ${project().id}`,
    },
    snapshot: () => sql`select to_jsonb(r) as row from ${t} r where r.project_id = ${project().id} order by r.id`,
  };
}

for (const detail of DETAIL_TABLES) {
  describe(detail.table, () => {
    matrix({ title: `${detail.table} of the published project`, ...detailOps(detail, () => w.fundraising), rows: PUBLISHED_DETAILS });
    matrix({ title: `${detail.table} of the draft`, ...detailOps(detail, () => w.draft), rows: DRAFT_DETAILS });
    matrix({
      title: `${detail.table} of the unverified LGU's published-looking project`,
      ...detailOps(detail, () => w.unverified),
      rows: UNVERIFIED_DETAILS,
    });
    matrix({ title: `${detail.table} of the completed project (closed)`, ...detailOps(detail, () => w.completed), rows: CLOSED_DETAILS });
  });
}

// ---------------------------------------------------------------------------------------------
// spending_reports: visible with the project; the treasurer or admin files and corrects them
// (as themselves), also after completion, when the final accounts come in; nobody deletes one.

function spendingOps(project: () => Project): Pick<Block, "ops" | "snapshot"> {
  return {
    ops: {
      select: () => sql`select 1 from spending_reports where project_id = ${project().id}`,
      insert: () => sql`insert into spending_reports (project_id, amount_minor, spent_on, payee, category, reported_by)
                        values (${project().id}, 50000, '2026-11-10', 'Matrix Trucking', 'transport', auth.uid())`,
      update: () => sql`update spending_reports set payee = 'Hardware store (corrected)' where project_id = ${project().id}`,
      delete: () => sql`delete from spending_reports where project_id = ${project().id}`,
    },
    snapshot: () => sql`select to_jsonb(r) as row from spending_reports r where r.project_id = ${project().id} order by r.created_at, r.id`,
  };
}

describe("spending_reports", () => {
  matrix({
    title: "spending_reports of the published project",
    ...spendingOps(() => w.fundraising),
    rows: [
      // actor                   select insert update delete
      ["anonymous",              1,     RLS,   0,     0],
      ["the follower",           1,     RLS,   0,     0],
      ["another member",         1,     RLS,   0,     0],
      ["admin of another LGU",   1,     RLS,   0,     0],
      ["editor of another LGU",  1,     RLS,   0,     0],
      ["LGU admin",              1,     1,     1,     0],
      ["LGU editor",             1,     RLS,   0,     0],
      ["LGU treasurer",          1,     1,     1,     0],
      ["LGU permits officer",    1,     RLS,   0,     0],
      ["LGU investment officer", 1,     RLS,   0,     0],
      ["association officer",    1,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "spending_reports of the completed project",
    ...spendingOps(() => w.completed),
    rows: [
      // actor                   select insert update delete
      ["anonymous",              1,     RLS,   0,     0],
      ["the follower",           1,     RLS,   0,     0],
      ["another member",         1,     RLS,   0,     0],
      ["admin of another LGU",   1,     RLS,   0,     0],
      ["editor of another LGU",  1,     RLS,   0,     0],
      ["LGU admin",              1,     1,     1,     0],
      ["LGU editor",             1,     RLS,   0,     0],
      ["LGU treasurer",          1,     1,     1,     0],
      ["LGU permits officer",    1,     RLS,   0,     0],
      ["LGU investment officer", 1,     RLS,   0,     0],
      ["association officer",    1,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "spending_reports of the unverified LGU's published-looking project",
    ...spendingOps(() => w.unverified),
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the follower",           0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   1,     1,     1,     0],
      ["editor of another LGU",  1,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  it.each(["LGU treasurer", "LGU admin"] as const)("the %s cannot file a report in someone else's name", async (actor) => {
    const query = sql`insert into spending_reports (project_id, amount_minor, spent_on, payee, category, reported_by)
                      values (${w.fundraising.id}, 50000, '2026-11-10', 'Matrix Trucking', 'transport', ${id("LGU editor")})`;
    const before = await snapshotOf(spendingOps(() => w.fundraising).snapshot());
    expect(await attempt(actor, "insert", query, true)).toBe(RLS);
    expect(await snapshotOf(spendingOps(() => w.fundraising).snapshot())).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------
// project_followers

describe("project_followers", () => {
  const followerRow = () => sql`project_id = ${w.fundraising.id} and user_id = ${id("the follower")}`;
  matrix({
    title: "project_followers: the follower's follow of the published project (following in their name; unfollowing)",
    ops: {
      select: () => sql`select 1 from project_followers where project_id = ${w.fundraising.id}`,
      insert: () => sql`insert into project_followers (project_id, user_id) values (${w.fundraising.id}, ${id("the follower")})`,
      update: () => sql`update project_followers set created_at = now() - interval '1 day' where ${followerRow()}`,
      delete: () => sql`delete from project_followers where ${followerRow()}`,
    },
    snapshot: () => sql`select to_jsonb(f) as row from project_followers f where f.project_id = ${w.fundraising.id} order by f.user_id`,
    arrange: {
      insert: async () => {
        await asOwner(sql`delete from project_followers where ${followerRow()}`);
      },
      update: async () => {
        await asOwner(sql`insert into project_followers (project_id, user_id) values (${w.fundraising.id}, ${id("the follower")})`);
      },
    },
    // A follow is made or removed, never edited; even the LGU's staff do not see who follows.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the follower",           1,     1,     0,     1],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["editor of another LGU",  0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["platform admin",         0,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "project_followers: following the LGU's draft (each caller in their own name)",
    ops: {
      select: () => sql`select 1 from project_followers where project_id = ${w.draft.id}`,
      insert: () => sql`insert into project_followers (project_id, user_id) values (${w.draft.id}, auth.uid())`,
      update: () => sql`update project_followers set created_at = now() where project_id = ${w.draft.id}`,
      delete: () => sql`delete from project_followers where project_id = ${w.draft.id}`,
    },
    snapshot: () => sql`select to_jsonb(f) as row from project_followers f where f.project_id = ${w.draft.id} order by f.user_id`,
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the follower",           0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["editor of another LGU",  0,     RLS,   0,     0],
      ["LGU admin",              0,     1,     0,     0],
      ["LGU editor",             0,     1,     0,     0],
      ["LGU treasurer",          0,     1,     0,     0],
      ["LGU permits officer",    0,     1,     0,     0],
      ["LGU investment officer", 0,     1,     0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["platform admin",         0,     1,     0,     0],
    ],
  });

  matrix({
    title: "project_followers: the follower's follow of the unverified LGU's project, which they cannot see",
    ops: {
      select: () => sql`select 1 from project_followers where project_id = ${w.unverified.id}`,
      insert: () => sql`insert into project_followers (project_id, user_id) values (${w.unverified.id}, auth.uid())`,
      update: () => sql`update project_followers set created_at = now() where project_id = ${w.unverified.id}`,
      delete: () => sql`delete from project_followers where project_id = ${w.unverified.id} and user_id = auth.uid()`,
    },
    snapshot: () => sql`select to_jsonb(f) as row from project_followers f where f.project_id = ${w.unverified.id} order by f.user_id`,
    // "Only for projects they can see": the follow row of a hidden project is hidden as well.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the follower",           0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     1,     0,     0],
      ["editor of another LGU",  0,     1,     0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["platform admin",         0,     1,     0,     0],
    ],
  });
});

// ---------------------------------------------------------------------------------------------
// Money in: only the server writes it (no grants to the API roles). A gift and its movements are
// the donor's, the project LGU's admins' and treasurers', and the platform admin's to read; the
// project's totals are public with the project.

const GIFT: readonly MatrixRow[] = [
  // actor                   select insert  update  delete
  ["anonymous",              0,     DENIED, DENIED, DENIED],
  ["the follower",           1,     DENIED, DENIED, DENIED],
  ["another member",         0,     DENIED, DENIED, DENIED],
  ["admin of another LGU",   0,     DENIED, DENIED, DENIED],
  ["editor of another LGU",  0,     DENIED, DENIED, DENIED],
  ["LGU admin",              1,     DENIED, DENIED, DENIED],
  ["LGU editor",             0,     DENIED, DENIED, DENIED],
  ["LGU treasurer",          1,     DENIED, DENIED, DENIED],
  ["LGU permits officer",    0,     DENIED, DENIED, DENIED],
  ["LGU investment officer", 0,     DENIED, DENIED, DENIED],
  ["association officer",    0,     DENIED, DENIED, DENIED],
  ["platform admin",         1,     DENIED, DENIED, DENIED],
];

const withVisibility = (rows: readonly MatrixRow[]): MatrixRow[] =>
  rows.map(([actor, select]) => [actor, select, DENIED, DENIED, DENIED] as unknown as MatrixRow);

describe("contributions and the ledger", () => {
  const giftOf = () => sql`(select id from contributions where reference = 'MATRIX-1')`;
  matrix({
    title: "contributions: a gift to the published project",
    ops: {
      select: () => sql`select 1 from contributions where reference = 'MATRIX-1'`,
      insert: () => sql`insert into contributions (project_id, donor_id, kind, channel, amount_minor, currency, reference)
                        values (${w.fundraising.id}, auth.uid(), 'one_time', 'cash', 100, 'PHP', 'MATRIX-FORGED')`,
      update: () => sql`update contributions set amount_minor = 1, anonymous = true where reference = 'MATRIX-1'`,
      delete: () => sql`delete from contributions where reference = 'MATRIX-1'`,
    },
    snapshot: () => sql`select to_jsonb(c) as row from contributions c where c.project_id = ${w.fundraising.id} order by c.id`,
    rows: GIFT,
  });
  matrix({
    title: "contribution_events: the gift's movements",
    ops: {
      select: () => sql`select 1 from contribution_events where contribution_id = ${giftOf()}`,
      insert: () => sql`insert into contribution_events (contribution_id, project_id, type, amount_minor, currency, source, external_id)
                        values (${giftOf()}, ${w.fundraising.id}, 'received', 100, 'PHP', 'treasurer', 'matrix-forged')`,
      update: () => sql`update contribution_events set amount_minor = 1 where contribution_id = ${giftOf()}`,
      delete: () => sql`delete from contribution_events where contribution_id = ${giftOf()}`,
    },
    snapshot: () => sql`select to_jsonb(e) as row from contribution_events e where e.project_id = ${w.fundraising.id} order by e.id`,
    rows: GIFT,
  });
  const fundingOps = (project: () => Project): Pick<Block, "ops" | "snapshot"> => ({
    ops: {
      select: () => sql`select 1 from project_funding where project_id = ${project().id}`,
      insert: () => sql`insert into project_funding (project_id) values (gen_random_uuid())`,
      update: () => sql`update project_funding set received_minor = 999999999 where project_id = ${project().id}`,
      delete: () => sql`delete from project_funding where project_id = ${project().id}`,
    },
    snapshot: () => sql`select to_jsonb(f) as row from project_funding f where f.project_id = ${project().id}`,
  });
  matrix({ title: "project_funding of the published project", ...fundingOps(() => w.fundraising), rows: withVisibility(PUBLISHED_DETAILS) });
  matrix({ title: "project_funding of the draft", ...fundingOps(() => w.draft), rows: withVisibility(DRAFT_DETAILS) });
  matrix({ title: "project_funding of the unverified LGU's project", ...fundingOps(() => w.unverified), rows: withVisibility(UNVERIFIED_DETAILS) });
});

describe("receipts and card refund requests", () => {
  const giftOf = () => sql`(select id from contributions where reference = 'MATRIX-1')`;
  matrix({
    title: "receipts: read by the donor and the LGU's admins and treasurers, issued by the database",
    ops: {
      select: () => sql`select 1 from receipts where contribution_id = ${giftOf()}`,
      insert: () => sql`insert into receipts (event_id, contribution_id, lgu_id, year, sequence, number, amount_minor, currency)
                        select e.id, e.contribution_id, ${w.town.id}, 2026, 999, 'FORGED-2026-000999', 1, 'PHP' from contribution_events e where e.contribution_id = ${giftOf()}`,
      update: () => sql`update receipts set amount_minor = 1 where contribution_id = ${giftOf()}`,
      delete: () => sql`delete from receipts where contribution_id = ${giftOf()}`,
    },
    snapshot: () => sql`select to_jsonb(r) as row from receipts r order by r.id`,
    rows: GIFT,
  });
  matrix({
    title: "card_refund_requests: read by the LGU's admins and treasurers, written by request_card_refund and the server",
    ops: {
      select: () => sql`select 1 from card_refund_requests where contribution_id = ${giftOf()}`,
      insert: () => sql`insert into card_refund_requests (contribution_id, project_id, amount_minor, currency, request_key)
                        values (${giftOf()}, ${w.fundraising.id}, 1, 'PHP', gen_random_uuid())`,
      update: () => sql`update card_refund_requests set status = 'sent', provider_refund_id = 're_forged' where contribution_id = ${giftOf()}`,
      delete: () => sql`delete from card_refund_requests where contribution_id = ${giftOf()}`,
    },
    snapshot: () => sql`select to_jsonb(r) as row from card_refund_requests r order by r.id`,
    rows: GIFT.map(([actor]) => [actor, ["LGU admin", "LGU treasurer", "platform admin"].includes(actor) ? 1 : 0, DENIED, DENIED, DENIED] as unknown as MatrixRow),
  });
});

describe("payments", () => {
  const SERVER_ONLY: MatrixRow[] = ACTORS.map((actor) => [actor, DENIED, DENIED, DENIED, DENIED] as unknown as MatrixRow);
  matrix({
    title: "stripe_events: the server's alone",
    ops: {
      select: () => sql`select 1 from stripe_events where id = 'evt_matrix'`,
      insert: () => sql`insert into stripe_events (id, type, payload) values ('evt_forged', 'charge.refunded', '{}')`,
      update: () => sql`update stripe_events set processed_at = now() where id = 'evt_matrix'`,
      delete: () => sql`delete from stripe_events where id = 'evt_matrix'`,
    },
    snapshot: () => sql`select to_jsonb(e) as row from stripe_events e order by e.id`,
    rows: SERVER_ONLY,
  });
  matrix({
    title: "lgu_payment_accounts: read by the LGU's admins and treasurers, written by the server",
    ops: {
      select: () => sql`select 1 from lgu_payment_accounts where lgu_id = ${w.town.id}`,
      insert: () => sql`insert into lgu_payment_accounts (lgu_id, stripe_account_id) values (${w.otherTown.id}, 'acct_forged')`,
      update: () => sql`update lgu_payment_accounts set stripe_account_id = 'acct_forged' where lgu_id = ${w.town.id}`,
      delete: () => sql`delete from lgu_payment_accounts where lgu_id = ${w.town.id}`,
    },
    snapshot: () => sql`select to_jsonb(a) as row from lgu_payment_accounts a order by a.lgu_id`,
    rows: GIFT.map(([actor]) => [actor, ["LGU admin", "LGU treasurer", "platform admin"].includes(actor) ? 1 : 0, DENIED, DENIED, DENIED] as unknown as MatrixRow),
  });
  matrix({
    title: "exchange_rates: read by anyone, kept by platform admins",
    ops: {
      select: () => sql`select 1 from exchange_rates where currency = 'ZZZ'`,
      insert: () => sql`insert into exchange_rates (currency, usd_per_unit) values ('ZZY', 2)`,
      update: () => sql`update exchange_rates set usd_per_unit = 9 where currency = 'ZZZ'`,
      delete: () => sql`delete from exchange_rates where currency = 'ZZZ'`,
    },
    snapshot: () => sql`select to_jsonb(r) as row from exchange_rates r order by r.currency`,
    rows: GIFT.map(([actor]) => [actor, 1, actor === "platform admin" ? 1 : RLS, actor === "platform admin" ? 1 : 0, actor === "platform admin" ? 1 : 0] as unknown as MatrixRow),
  });
});
