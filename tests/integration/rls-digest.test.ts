/**
 * Row-level security for the weekly digest's tables. A member's topic opt-outs are theirs alone
 * (read, add, remove; never change in place); the link keys, runs and deliveries belong to the
 * server: every API role is refused, whoever asks.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { DENIED, matrixProbe, matrixRunner, RLS } from "../support/rls-matrix";
import {
  addLguRole,
  createLgu,
  createUser,
  makePlatformAdmin,
} from "../support/factories";

const db = setupTestDatabase();

const ACTORS = [
  "anonymous",
  "the member",
  "another member",
  "LGU admin",
  "platform admin",
] as const;
type Actor = (typeof ACTORS)[number];
type User = Awaited<ReturnType<typeof createUser>>;

let users: Record<Exclude<Actor, "anonymous">, User>;
const claimsOf = (actor: Actor): JwtClaims | null =>
  actor === "anonymous" ? null : users[actor].claims;
const id = (actor: Exclude<Actor, "anonymous">) => users[actor].id;
const probe = matrixProbe(db, (actor) => claimsOf(actor as Actor));
const matrix = matrixRunner(ACTORS, probe);
let runId = "";

beforeAll(async () => {
  const url = db().url;
  users = {
    "the member": await createUser(url),
    "another member": await createUser(url),
    "LGU admin": await createUser(url),
    "platform admin": await createUser(url),
  };
  const lgu = await createLgu(url, {
    createdBy: id("LGU admin"),
    verificationStatus: "verified",
  });
  await addLguRole(url, lgu.id, id("LGU admin"), "editor");
  await makePlatformAdmin(url, id("platform admin"));
  await probe.asOwner(
    sql`insert into digest_opt_outs (profile_id, topic) values (${id(
      "the member"
    )}::uuid, 'jobs'), (${id("the member")}::uuid, 'opportunities')`
  );
  await probe.asOwner(
    sql`insert into digest_link_keys (profile_id) values (${id(
      "the member"
    )}::uuid)`
  );
  const [run] = (await probe.asOwner(
    sql`insert into digest_runs (period, window_start, window_end) values ('2026-W48', now() - interval '7 days', now()) returning id`
  )) as unknown as [{ id: string }];
  runId = run.id;
  await probe.asOwner(
    sql`insert into digest_deliveries (run_id, profile_id, items, topics) values (${runId}::uuid, ${id(
      "the member"
    )}::uuid, 3, '{followed_updates}')`
  );
});

describe("digest preferences", () => {
  matrix({
    title:
      "digest_opt_outs: a member's topics (opted out of jobs and opportunities)",
    ops: {
      select: () =>
        sql`select * from digest_opt_outs where profile_id = ${id(
          "the member"
        )}::uuid`,
      insert: () =>
        sql`insert into digest_opt_outs (profile_id, topic) values (${id(
          "the member"
        )}::uuid, 'skill_needs')`,
      update: () =>
        sql`update digest_opt_outs set topic = 'followed_updates' where profile_id = ${id(
          "the member"
        )}::uuid and topic = 'jobs'`,
      delete: () =>
        sql`delete from digest_opt_outs where profile_id = ${id(
          "the member"
        )}::uuid and topic = 'jobs'`,
    },
    snapshot: () =>
      sql`select * from digest_opt_outs where profile_id = ${id(
        "the member"
      )}::uuid order by topic`,
    rows: [
      // actor            select insert  update  delete
      ["anonymous", DENIED, DENIED, DENIED, DENIED],
      ["the member", 2, 1, DENIED, 1],
      ["another member", 0, RLS, DENIED, 0],
      ["LGU admin", 0, RLS, DENIED, 0],
      ["platform admin", 0, RLS, DENIED, 0],
    ],
  });
});

describe("digest server tables", () => {
  const serverOnly = (
    table: string,
    insert: () => ReturnType<typeof sql>,
    key: () => ReturnType<typeof sql>
  ) => ({
    ops: {
      select: () => sql`select * from ${sql.raw(table)}`,
      insert,
      update: () =>
        sql`update ${sql.raw(table)} set ${sql.raw(
          table === "digest_runs" ? "cursor" : "profile_id"
        )} = ${id("another member")}::uuid where ${key()}`,
      delete: () => sql`delete from ${sql.raw(table)} where ${key()}`,
    },
    snapshot: () => sql`select * from ${sql.raw(table)} order by 1`,
    rows: ACTORS.map(
      (actor) => [actor, DENIED, DENIED, DENIED, DENIED] as const
    ),
  });

  matrix({
    title: "digest_link_keys: the keys that sign unsubscribe links",
    ...serverOnly(
      "digest_link_keys",
      () =>
        sql`insert into digest_link_keys (profile_id) values (${id(
          "another member"
        )}::uuid)`,
      () => sql`profile_id = ${id("the member")}::uuid`
    ),
  });
  matrix({
    title: "digest_runs: the job's runs",
    ...serverOnly(
      "digest_runs",
      () =>
        sql`insert into digest_runs (period, window_start, window_end) values ('2026-W49', now(), now())`,
      () => sql`id = ${runId}::uuid`
    ),
  });
  matrix({
    title: "digest_deliveries: who was emailed in a run",
    ...serverOnly(
      "digest_deliveries",
      () =>
        sql`insert into digest_deliveries (run_id, profile_id, items, topics) values (${runId}::uuid, ${id(
          "another member"
        )}::uuid, 1, '{jobs}')`,
      () => sql`profile_id = ${id("the member")}::uuid`
    ),
  });
});
