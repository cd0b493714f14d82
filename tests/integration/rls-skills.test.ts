/**
 * Row-level security for the skills taxonomy and the members' skills registry, as a matrix: every
 * kind of caller, every operation. The taxonomy is read by anyone and written by nobody through
 * the API (migrations load it). A member's skills are read and written by that member only, even
 * when their engagement group is public; others read public members' skills through the
 * public_member_skills view only, which shows nothing of members who keep engagement private or
 * share it as aggregates. Refusals are asserted precisely and the rows read back by the owner.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { ALL, DENIED, matrixProbe, matrixRunner, RLS, type MatrixBlock } from "../support/rls-matrix";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";

const db = setupTestDatabase();

const ACTORS = ["anonymous", "the member", "the public member", "another member", "hometown LGU admin", "hometown LGU editor", "platform admin"] as const;
type Actor = (typeof ACTORS)[number];
type User = Awaited<ReturnType<typeof createUser>>;

let users: Record<Exclude<Actor, "anonymous">, User>;
const claimsOf = (actor: Actor): JwtClaims | null => (actor === "anonymous" ? null : users[actor].claims);
const id = (actor: Exclude<Actor, "anonymous">) => users[actor].id;
const probe = matrixProbe(db, (actor) => claimsOf(actor as Actor));
const matrix = matrixRunner(ACTORS, probe);
type Block = MatrixBlock<Actor>;
// The view joins two tables, so PostgreSQL itself refuses writes through it, whoever asks.
const NO_INSERT = 'cannot insert into view "public_member_skills"';
const NO_UPDATE = 'cannot update view "public_member_skills"';
const NO_DELETE = 'cannot delete from view "public_member_skills"';

beforeAll(async () => {
  const url = db().url;
  users = {
    "the member": await createUser(url),
    "the public member": await createUser(url),
    "another member": await createUser(url),
    "hometown LGU admin": await createUser(url),
    "hometown LGU editor": await createUser(url),
    "platform admin": await createUser(url),
  };
  const lgu = await createLgu(url, { createdBy: id("hometown LGU admin"), verificationStatus: "verified" });
  await addLguRole(url, lgu.id, id("hometown LGU editor"), "editor");
  await makePlatformAdmin(url, id("platform admin"));
  // Both members come from the LGU's town; one shares engagement as aggregates, one publicly.
  await probe.asOwner(sql`update profiles set engagement_visibility = 'lgu_aggregate' where id = ${id("the member")}::uuid`);
  await probe.asOwner(sql`update profiles set engagement_visibility = 'public' where id = ${id("the public member")}::uuid`);
  for (const member of ["the member", "the public member"] as const) {
    await probe.asOwner(sql`insert into profile_hometowns (profile_id, place_id) values (${id(member)}::uuid, ${lgu.placeId}::uuid)`);
    await probe.asOwner(sql`insert into member_skills (profile_id, skill_code, level, years, note)
      values (${id(member)}::uuid, 'welding', 'advanced', 7, 'Night shifts only'), (${id(member)}::uuid, 'nursing', 'basic', 1, null)`);
  }
});

describe("skills taxonomy", () => {
  const readOnly = (table: "skills" | "skill_relations", key: ReturnType<typeof sql>): Pick<Block, "ops" | "snapshot"> => ({
    ops: {
      select: () => sql`select * from ${sql.raw(table)}`,
      insert: () =>
        table === "skills"
          ? sql`insert into skills (code, kind, labels) values ('matrix_skill', 'skill', '{"en":"M","fil":"M","es":"M","fr":"M","ar":"م"}')`
          : sql`insert into skill_relations (skill_code, related_code, kind) values ('welding', 'nursing', 'related')`,
      update: () => (table === "skills" ? sql`update skills set labels = labels || '{"en":"Hacked"}' where ${key}` : sql`update skill_relations set kind = 'related' where ${key}`),
      delete: () => sql`delete from ${sql.raw(table)} where ${key}`,
    },
    snapshot: () => sql`select * from ${sql.raw(table)} where ${key} or ${table === "skills" ? sql`code = 'matrix_skill'` : sql`(skill_code, related_code) = ('welding', 'nursing')`}`,
  });

  matrix({
    title: "skills: the taxonomy (reference data)",
    ...readOnly("skills", sql`code = 'welding'`),
    rows: [
      // actor                 select insert  update  delete
      ["anonymous",            ALL,   DENIED, DENIED, DENIED],
      ["the member",           ALL,   DENIED, DENIED, DENIED],
      ["the public member",    ALL,   DENIED, DENIED, DENIED],
      ["another member",       ALL,   DENIED, DENIED, DENIED],
      ["hometown LGU admin",   ALL,   DENIED, DENIED, DENIED],
      ["hometown LGU editor",  ALL,   DENIED, DENIED, DENIED],
      ["platform admin",       ALL,   DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "skill_relations: links between skills and occupations",
    ...readOnly("skill_relations", sql`skill_code = 'welding' and related_code = 'isco08_721'`),
    rows: [
      ["anonymous",            ALL,   DENIED, DENIED, DENIED],
      ["the member",           ALL,   DENIED, DENIED, DENIED],
      ["the public member",    ALL,   DENIED, DENIED, DENIED],
      ["another member",       ALL,   DENIED, DENIED, DENIED],
      ["hometown LGU admin",   ALL,   DENIED, DENIED, DENIED],
      ["hometown LGU editor",  ALL,   DENIED, DENIED, DENIED],
      ["platform admin",       ALL,   DENIED, DENIED, DENIED],
    ],
  });
});

describe("member skills", () => {
  // Each actor writes as if for the member: their own id would be a different row.
  const rowsOf = (member: "the member" | "the public member"): Pick<Block, "ops" | "snapshot"> => ({
    ops: {
      select: () => sql`select * from member_skills where profile_id = ${id(member)}::uuid`,
      insert: () => sql`insert into member_skills (profile_id, skill_code, level, years) values (${id(member)}::uuid, 'plumbing', 'basic', 2)`,
      update: () => sql`update member_skills set years = 9 where profile_id = ${id(member)}::uuid and skill_code = 'welding'`,
      delete: () => sql`delete from member_skills where profile_id = ${id(member)}::uuid and skill_code = 'welding'`,
    },
    snapshot: () => sql`select * from member_skills where profile_id = ${id(member)}::uuid order by skill_code`,
  });

  matrix({
    title: "member_skills: a member sharing engagement as aggregates",
    ...rowsOf("the member"),
    rows: [
      ["anonymous",            0,     DENIED, DENIED, 0],
      ["the member",           2,     1,      1,      1],
      ["the public member",    0,     RLS,    0,      0],
      ["another member",       0,     RLS,    0,      0],
      ["hometown LGU admin",   0,     RLS,    0,      0],
      ["hometown LGU editor",  0,     RLS,    0,      0],
      ["platform admin",       0,     RLS,    0,      0],
    ],
  });

  matrix({
    title: "member_skills: a member whose engagement is public (the table stays the owner's)",
    ...rowsOf("the public member"),
    rows: [
      ["anonymous",            0,     DENIED, DENIED, 0],
      ["the member",           0,     RLS,    0,      0],
      ["the public member",    2,     1,      1,      1],
      ["another member",       0,     RLS,    0,      0],
      ["hometown LGU admin",   0,     RLS,    0,      0],
      ["hometown LGU editor",  0,     RLS,    0,      0],
      ["platform admin",       0,     RLS,    0,      0],
    ],
  });

  matrix({
    title: "member_skills: moving a row to another person or another skill",
    ops: {
      select: () => sql`select * from member_skills where profile_id = ${id("the member")}::uuid and skill_code = 'nursing'`,
      insert: () => sql`insert into member_skills (profile_id, skill_code, level, years, created_at) values (${id("the member")}::uuid, 'plumbing', 'basic', 2, now() - interval '9 years')`,
      update: () => sql`update member_skills set profile_id = ${id("another member")}::uuid where profile_id = ${id("the member")}::uuid`,
      delete: () => sql`delete from member_skills where profile_id = ${id("the member")}::uuid and skill_code = 'nursing'`,
    },
    snapshot: () => sql`select * from member_skills where profile_id in (${id("the member")}::uuid, ${id("another member")}::uuid) order by profile_id, skill_code`,
    rows: [
      ["anonymous",            0,     DENIED, DENIED, 0],
      ["the member",           1,     DENIED, DENIED, 1],
      ["the public member",    0,     DENIED, DENIED, 0],
      ["another member",       0,     DENIED, DENIED, 0],
      ["hometown LGU admin",   0,     DENIED, DENIED, 0],
      ["hometown LGU editor",  0,     DENIED, DENIED, 0],
      ["platform admin",       0,     DENIED, DENIED, 0],
    ],
  });

  const view = (member: "the member" | "the public member"): Pick<Block, "ops" | "snapshot"> => ({
    ops: {
      select: () => sql`select * from public_member_skills where profile_id = ${id(member)}::uuid`,
      insert: () => sql`insert into public_member_skills (profile_id, skill_code, level, years) values (${id(member)}::uuid, 'plumbing', 'basic', 2)`,
      update: () => sql`update public_member_skills set years = 9 where profile_id = ${id(member)}::uuid`,
      delete: () => sql`delete from public_member_skills where profile_id = ${id(member)}::uuid`,
    },
    snapshot: () => sql`select * from member_skills where profile_id = ${id(member)}::uuid order by skill_code`,
  });

  matrix({
    title: "public_member_skills: a public member's skills, for anyone (no notes)",
    ...view("the public member"),
    rows: [
      ["anonymous",            2,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["the member",           2,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["the public member",    2,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["another member",       2,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["hometown LGU admin",   2,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["hometown LGU editor",  2,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["platform admin",       2,     NO_INSERT, NO_UPDATE, NO_DELETE],
    ],
  });

  matrix({
    title: "public_member_skills: nothing of a member who shares engagement only as aggregates",
    ...view("the member"),
    rows: [
      ["anonymous",            0,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["the member",           0,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["the public member",    0,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["another member",       0,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["hometown LGU admin",   0,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["hometown LGU editor",  0,     NO_INSERT, NO_UPDATE, NO_DELETE],
      ["platform admin",       0,     NO_INSERT, NO_UPDATE, NO_DELETE],
    ],
  });
});
