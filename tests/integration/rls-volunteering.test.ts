/**
 * Row-level security of volunteering, as a matrix: offers are seen by their volunteer and by the
 * LGU's editors and admins (and platform admins), thank-yous are public once the work is done,
 * invitations are seen by the invited person and the LGU's editors; nobody writes any of them
 * directly (the database functions do). Refusals leave the rows as they were.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";
import { createProject } from "../support/project-factories";
import { DENIED, matrixProbe, matrixRunner, type Expected, type MatrixBlock } from "../support/rls-matrix";

const db = setupTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;

const ACTORS = ["anonymous", "the volunteer", "another member", "editor of another LGU", "LGU admin", "LGU editor", "LGU treasurer", "platform admin"] as const;
type Actor = (typeof ACTORS)[number];
type Block = MatrixBlock<Actor>;
type Row = Block["rows"][number];

let users: Record<Exclude<Actor, "anonymous">, User>;
let lgu: string, project: string, need: string, done: string, open: string;

const probe = matrixProbe(db, (actor) => (actor === "anonymous" ? null : (users[actor as Exclude<Actor, "anonymous">].claims as JwtClaims)));
const matrix = matrixRunner(ACTORS, probe);
const rows = (outcome: (actor: Actor) => [Expected, Expected, Expected, Expected]): Row[] => ACTORS.map((actor) => [actor, ...outcome(actor)] as const);
const STAFF: readonly Actor[] = ["LGU admin", "LGU editor", "platform admin"];

beforeAll(async () => {
  const url = db().url;
  const made = await Promise.all(["Vera", "Mario", "Elsa", "Ana", "Eddie", "Teresa", "Pia"].map((n) => createUser(url, { displayName: n })));
  users = {
    "the volunteer": made[0]!,
    "another member": made[1]!,
    "editor of another LGU": made[2]!,
    "LGU admin": made[3]!,
    "LGU editor": made[4]!,
    "LGU treasurer": made[5]!,
    "platform admin": made[6]!,
  };
  lgu = (await createLgu(url, { createdBy: users["LGU admin"].id, verificationStatus: "verified" })).id;
  await addLguRole(url, lgu, users["LGU editor"].id, "editor");
  await addLguRole(url, lgu, users["LGU treasurer"].id, "treasurer");
  const other = (await createLgu(url, { createdBy: users["editor of another LGU"].id, verificationStatus: "verified" })).id;
  await addLguRole(url, other, users["editor of another LGU"].id, "editor");
  await makePlatformAdmin(url, users["platform admin"].id);
  project = (await createProject(url, lgu, { status: "fundraising" })).id;
  const one = async (query: ReturnType<typeof sql>) => ((await probe.asOwner(query)) as unknown as { id: string }[])[0]!.id;
  need = await one(sql`insert into project_needs (project_id, kind, description, skill, quantity, mode) values (${project}, 'skill', '{"en":"Engineers"}', 'civil_engineering', 3, 'either') returning id`);
  const volunteer = users["the volunteer"].id;
  done = await one(sql`insert into volunteer_offers (lgu_id, need_id, project_id, volunteer_id, skill, mode, message, status, scheduled_from, scheduled_until, hours)
                       values (${lgu}, ${need}, ${project}, ${volunteer}, 'civil_engineering', 'on_site', 'Twelve years on reservoirs', 'done', '2026-03-01', '2026-03-10', 40) returning id`);
  open = await one(sql`insert into volunteer_offers (lgu_id, volunteer_id, skill, mode, message) values (${lgu}, ${volunteer}, 'teaching', 'remote', 'I can teach online on weekends') returning id`);
  await probe.asOwner(sql`insert into volunteer_testimonials (offer_id, side, author_id, body) values (${done}, 'volunteer', ${volunteer}, 'Proud to help my town')`);
  await probe.asOwner(sql`insert into volunteer_invitations (need_id, profile_id, lgu_id, invited_by) values (${need}, ${volunteer}, ${lgu}, ${users["LGU editor"].id})`);
});

describe("volunteering", () => {
  matrix({
    title: "volunteer_offers: an open offer to the LGU (its volunteer and the LGU's editors and admins see it)",
    ops: {
      select: () => sql`select 1 from volunteer_offers where id = ${open}`,
      insert: () => sql`insert into volunteer_offers (lgu_id, volunteer_id, skill, mode, message) values (${lgu}, auth.uid(), 'teaching', 'remote', 'A forged offer here')`,
      update: () => sql`update volunteer_offers set status = 'done', scheduled_from = '2026-01-01', scheduled_until = '2026-01-02', hours = 999 where id = ${open}`,
      delete: () => sql`delete from volunteer_offers where id = ${open}`,
    },
    snapshot: () => sql`select to_jsonb(o) as row from volunteer_offers o order by o.id`,
    rows: rows((a) => (a === "anonymous" ? [DENIED, DENIED, DENIED, DENIED] : [a === "the volunteer" || STAFF.includes(a) ? 1 : 0, DENIED, DENIED, DENIED])),
  });
  matrix({
    title: "volunteer_testimonials: a thank-you for done work of a public project (public)",
    ops: {
      select: () => sql`select 1 from volunteer_testimonials where offer_id = ${done}`,
      insert: () => sql`insert into volunteer_testimonials (offer_id, side, author_id, body) values (${done}, 'lgu', auth.uid(), 'Forged thanks')`,
      update: () => sql`update volunteer_testimonials set body = 'Rewritten' where offer_id = ${done}`,
      delete: () => sql`delete from volunteer_testimonials where offer_id = ${done}`,
    },
    snapshot: () => sql`select to_jsonb(t) as row from volunteer_testimonials t order by t.offer_id, t.side`,
    rows: rows(() => [1, DENIED, DENIED, DENIED]),
  });
  matrix({
    title: "volunteer_invitations: seen by the invited person and the LGU's editors and admins",
    ops: {
      select: () => sql`select 1 from volunteer_invitations where need_id = ${need}`,
      insert: () => sql`insert into volunteer_invitations (need_id, profile_id, lgu_id) values (${need}, ${users["another member"].id}, ${lgu})`,
      update: () => sql`update volunteer_invitations set invited_by = auth.uid() where need_id = ${need}`,
      delete: () => sql`delete from volunteer_invitations where need_id = ${need}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from volunteer_invitations i order by i.need_id, i.profile_id`,
    rows: rows((a) => (a === "anonymous" ? [DENIED, DENIED, DENIED, DENIED] : [a === "the volunteer" || STAFF.includes(a) ? 1 : 0, DENIED, DENIED, DENIED])),
  });
});
