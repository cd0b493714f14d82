/**
 * Row-level security for accounts and organisations, as a matrix: for every table and view the
 * accounts schema added, every kind of caller and every operation, allowed or refused as designed.
 * A refusal is asserted precisely — zero rows seen or changed, the RLS error, or "permission
 * denied" where the API roles hold no privilege — and the target rows are read back by the database
 * owner to prove nothing changed. Allowed writes are rolled back, so every case meets the same world.
 * The rules that triggers and functions enforce (verification, last admin, audit log, invitations)
 * follow the matrix.
 */
import crypto from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { JwtClaims, Tx } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { ALL, DENIED, matrixProbe, matrixRunner, RLS, type MatrixBlock } from "../support/rls-matrix";
import {
  addLguRole,
  addOrganisationRole,
  createInvitation,
  createLgu,
  createOrganisation,
  createPlace,
  createUser,
  createVerificationRequest,
  databaseError,
  hashToken,
  makePlatformAdmin,
} from "../support/factories";

const db = setupTestDatabase();

type User = Awaited<ReturnType<typeof createUser>>;

/**
 * The callers. "the owner" is the member the profile rows are about and to whom the invitations are
 * addressed; "another member" has no role anywhere; the LGU roles and the association roles are held
 * in the LGU and the association the rows belong to; "admin of another LGU" runs a different LGU.
 */
const ACTORS = [
  "anonymous",
  "the owner",
  "another member",
  "admin of another LGU",
  "LGU admin",
  "LGU editor",
  "LGU treasurer",
  "LGU permits officer",
  "LGU investment officer",
  "association officer",
  "association member",
  "platform admin",
] as const;
type Actor = (typeof ACTORS)[number];



interface World {
  users: Record<Exclude<Actor, "anonymous">, User>;
  town: { id: string; placeId: string };
  otherTown: { id: string };
  association: { id: string };
  secondPlaceId: string;
  ghostId: string;
}
let w: World;

const claimsOf = (actor: Actor): JwtClaims | null => (actor === "anonymous" ? null : w.users[actor].claims);

const probe = matrixProbe(db, (actor) => claimsOf(actor as Actor));
const { asOwner, snapshotOf } = probe;
type Block = MatrixBlock<Actor>;

const matrix = matrixRunner(ACTORS, probe);

beforeAll(async () => {
  const url = db().url;
  const user = (displayName: string) => createUser(url, { displayName });
  const users: World["users"] = {
    "the owner": await user("Olivia"),
    "another member": await user("Mario"),
    "admin of another LGU": await user("Elsa"),
    "LGU admin": await user("Ana"),
    "LGU editor": await user("Eddie"),
    "LGU treasurer": await user("Teresa"),
    "LGU permits officer": await user("Pedro"),
    "LGU investment officer": await user("Ivan"),
    "association officer": await user("Oscar"),
    "association member": await user("Marta"),
    "platform admin": await user("Pia"),
  };
  const town = await createLgu(url, { createdBy: users["LGU admin"].id });
  await addLguRole(url, town.id, users["LGU editor"].id, "editor");
  await addLguRole(url, town.id, users["LGU treasurer"].id, "treasurer");
  await addLguRole(url, town.id, users["LGU permits officer"].id, "permits_officer");
  await addLguRole(url, town.id, users["LGU investment officer"].id, "investment_officer");
  const otherTown = await createLgu(url, { createdBy: users["admin of another LGU"].id, verificationStatus: "verified" });
  const association = await createOrganisation(url, { createdBy: users["association officer"].id });
  await addOrganisationRole(url, association.id, users["association member"].id, "member");
  await makePlatformAdmin(url, users["platform admin"].id);
  const secondPlaceId = await createPlace(url);

  const owner = users["the owner"];
  const { sql: su } = db().client;
  await su`update profiles set country_of_residence = 'AE', city = 'Dubai', languages = '{tl,en}', sectors = '{health}',
             willingness = '{donate,mentor}', occupation = 'Nurse', years_abroad = 7,
             basics_visibility = 'public', engagement_visibility = 'lgu_aggregate', returnee_visibility = 'private'
           where id = ${owner.id}`;
  await su`update profiles set occupation = 'Engineer', languages = '{it}' where id = ${users["another member"].id}`;
  await su`insert into profile_hometowns (profile_id, place_id) values (${owner.id}, ${town.placeId})`;
  await su`insert into profile_sensitive (profile_id, migration_status, return_circumstances)
           values (${owner.id}, 'undocumented', 'contract ended early')`;
  await createInvitation(url, { lguId: town.id, lguRole: "editor" }, { email: owner.email, invitedBy: users["LGU admin"].id });
  await createInvitation(
    url,
    { organisationId: association.id, organisationRole: "member" },
    { email: owner.email, invitedBy: users["association officer"].id },
  );
  await createVerificationRequest(url, { lguId: town.id }, { submittedBy: users["LGU admin"].id });
  await createVerificationRequest(url, { organisationId: association.id }, { submittedBy: users["association officer"].id });
  await su`insert into email_outbox (to_address, subject, body_text, template)
           values (${owner.email}, 'Confirm your email', 'https://tulay.test/auth/confirm?token=secret', 'confirm')`;
  await su`insert into rate_limits (key, hits) values ('login:203.0.113.9', 3)`;
  const ghostId = crypto.randomUUID();
  await su`insert into auth.users (id, email, email_confirmed_at) values (${ghostId}, ${`${ghostId}@example.test`}, now())`;

  w = { users, town, otherTown, association, secondPlaceId, ghostId };
});

const id = (actor: Exclude<Actor, "anonymous">) => w.users[actor].id;

describe("the matrix", () => {
  matrix({
    title: "profiles (the owner's row, with the new field groups)",
    ops: {
      select: () => sql`select id, languages, willingness, occupation, basics_visibility from profiles where id = ${id("the owner")}`,
      insert: () => sql`insert into profiles (id, display_name) values (${w.ghostId}, 'Impostor')`,
      update: () => sql`update profiles set languages = '{fr}', returnee_visibility = 'public' where id = ${id("the owner")}`,
      delete: () => sql`delete from profiles where id = ${id("the owner")}`,
    },
    snapshot: () => sql`select to_jsonb(p) as row from profiles p where p.id in (${id("the owner")}, ${w.ghostId})`,
    // The account's deletion removes a profile (on delete cascade); nobody deletes one directly.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              1,     RLS,   1,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         0,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "profile_hometowns (the owner's)",
    ops: {
      select: () => sql`select 1 from profile_hometowns where profile_id = ${id("the owner")}`,
      insert: () => sql`insert into profile_hometowns (profile_id, place_id) values (${id("the owner")}, ${w.secondPlaceId})`,
      update: () => sql`update profile_hometowns set place_id = ${w.secondPlaceId} where profile_id = ${id("the owner")}`,
      delete: () => sql`delete from profile_hometowns where profile_id = ${id("the owner")}`,
    },
    snapshot: () => sql`select to_jsonb(h) as row from profile_hometowns h where h.profile_id = ${id("the owner")} order by h.place_id`,
    // A hometown is added or removed, never edited.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              1,     1,     0,     1],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         0,     RLS,   0,     0],
    ],
  });

  const restoreSensitive = async () => {
    await db().client.sql`insert into profile_sensitive (profile_id, migration_status) values (${id("the owner")}, 'undocumented')
                          on conflict do nothing`;
  };
  matrix({
    title: "profile_sensitive (the owner's): nobody but the owner, not even platform admins or LGU staff",
    ops: {
      select: () => sql`select migration_status from profile_sensitive where profile_id = ${id("the owner")}`,
      insert: () => sql`insert into profile_sensitive (profile_id, migration_status) values (${id("the owner")}, 'returned')`,
      update: () => sql`update profile_sensitive set migration_status = 'returned' where profile_id = ${id("the owner")}`,
      delete: () => sql`delete from profile_sensitive where profile_id = ${id("the owner")}`,
    },
    snapshot: () => sql`select to_jsonb(s) as row from profile_sensitive s where s.profile_id = ${id("the owner")}`,
    arrange: {
      insert: async () => {
        await db().client.sql`delete from profile_sensitive where profile_id = ${id("the owner")}`;
      },
      update: restoreSensitive,
    },
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              1,     1,     1,     1],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         0,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "platform_admins (the platform admin's row; granting someone else)",
    ops: {
      select: () => sql`select 1 from platform_admins where user_id = ${id("platform admin")}`,
      insert: () => sql`insert into platform_admins (user_id) values (${id("another member")})`,
      update: () => sql`update platform_admins set created_at = now() where user_id = ${id("platform admin")}`,
      delete: () => sql`delete from platform_admins where user_id = ${id("platform admin")}`,
    },
    snapshot: () => sql`select to_jsonb(a) as row from platform_admins a order by a.user_id`,
    // Granted and removed by an operator only, never through the portal.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "lgus (an unverified LGU; registering a new one)",
    ops: {
      select: () => sql`select 1 from lgus where id = ${w.town.id}`,
      insert: () => sql`insert into lgus (place_id, name, slug, created_by)
                        values (${w.secondPlaceId}, 'Municipality of Newtown', 'matrix-newtown', auth.uid())`,
      update: () => sql`update lgus set website = 'https://town.example' where id = ${w.town.id}`,
      delete: () => sql`delete from lgus where id = ${w.town.id}`,
    },
    snapshot: () => sql`select to_jsonb(l) as row from lgus l where l.id = ${w.town.id} or l.slug = 'matrix-newtown' order by l.slug`,
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              0,     1,     0,     0],
      ["another member",         0,     1,     0,     0],
      ["admin of another LGU",   0,     1,     0,     0],
      ["LGU admin",              1,     1,     1,     0],
      ["LGU editor",             1,     1,     0,     0],
      ["LGU treasurer",          1,     1,     0,     0],
      ["LGU permits officer",    1,     1,     0,     0],
      ["LGU investment officer", 1,     1,     0,     0],
      ["association officer",    0,     1,     0,     0],
      ["association member",     0,     1,     0,     0],
      ["platform admin",         1,     1,     0,     0],
    ],
  });

  matrix({
    title: "organisations (an unverified association; creating a new one)",
    ops: {
      select: () => sql`select 1 from organisations where id = ${w.association.id}`,
      insert: () => sql`insert into organisations (kind, name, slug, association_level, created_by)
                        values ('association', 'Newtown Association', 'matrix-new-association', 'local', auth.uid())`,
      update: () => sql`update organisations set city_abroad = 'Milan', country_abroad = 'IT' where id = ${w.association.id}`,
      delete: () => sql`delete from organisations where id = ${w.association.id}`,
    },
    snapshot: () =>
      sql`select to_jsonb(o) as row from organisations o where o.id = ${w.association.id} or o.slug = 'matrix-new-association' order by o.slug`,
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              0,     1,     0,     0],
      ["another member",         0,     1,     0,     0],
      ["admin of another LGU",   0,     1,     0,     0],
      ["LGU admin",              0,     1,     0,     0],
      ["LGU editor",             0,     1,     0,     0],
      ["LGU treasurer",          0,     1,     0,     0],
      ["LGU permits officer",    0,     1,     0,     0],
      ["LGU investment officer", 0,     1,     0,     0],
      ["association officer",    1,     1,     1,     0],
      ["association member",     1,     1,     0,     0],
      ["platform admin",         1,     1,     0,     0],
    ],
  });

  matrix({
    title: "lgu_memberships (the LGU's staff; granting a role; removing the treasurer)",
    ops: {
      select: () => sql`select 1 from lgu_memberships where lgu_id = ${w.town.id}`,
      insert: () => sql`insert into lgu_memberships (lgu_id, user_id, role) values (${w.town.id}, ${id("another member")}, 'editor')`,
      update: () => sql`update lgu_memberships set role = 'admin' where lgu_id = ${w.town.id} and user_id = ${id("LGU treasurer")}`,
      delete: () => sql`delete from lgu_memberships where lgu_id = ${w.town.id} and user_id = ${id("LGU treasurer")}`,
    },
    snapshot: () => sql`select to_jsonb(m) as row from lgu_memberships m where m.lgu_id = ${w.town.id} order by m.id`,
    // Roles are granted and removed, never edited; staff may leave (the treasurer's own row).
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              ALL,   1,     0,     1],
      ["LGU editor",             ALL,   RLS,   0,     0],
      ["LGU treasurer",          ALL,   RLS,   0,     1],
      ["LGU permits officer",    ALL,   RLS,   0,     0],
      ["LGU investment officer", ALL,   RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         ALL,   1,     0,     1],
    ],
  });

  matrix({
    title: "organisation_memberships (the association's members; adding one; promoting and removing the member)",
    ops: {
      select: () => sql`select 1 from organisation_memberships where organisation_id = ${w.association.id}`,
      insert: () => sql`insert into organisation_memberships (organisation_id, user_id, role)
                        values (${w.association.id}, ${id("another member")}, 'member')`,
      update: () => sql`update organisation_memberships set role = 'officer'
                        where organisation_id = ${w.association.id} and user_id = ${id("association member")}`,
      delete: () => sql`delete from organisation_memberships
                        where organisation_id = ${w.association.id} and user_id = ${id("association member")}`,
    },
    snapshot: () =>
      sql`select to_jsonb(m) as row from organisation_memberships m where m.organisation_id = ${w.association.id} order by m.id`,
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    ALL,   1,     1,     1],
      ["association member",     ALL,   RLS,   0,     1],
      ["platform admin",         ALL,   1,     1,     1],
    ],
  });

  matrix({
    title: "invitations to the LGU (one addressed to the owner; inviting; revoking)",
    ops: {
      select: () => sql`select 1 from invitations where lgu_id = ${w.town.id}`,
      insert: () => sql`insert into invitations (lgu_id, lgu_role, email, token_hash, invited_by, expires_at)
                        values (${w.town.id}, 'treasurer', 'newcomer@example.test', 'matrix-lgu-token', auth.uid(), now() + interval '7 days')`,
      update: () => sql`update invitations set status = 'revoked' where lgu_id = ${w.town.id}`,
      delete: () => sql`delete from invitations where lgu_id = ${w.town.id}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from invitations i where i.lgu_id = ${w.town.id} order by i.created_at`,
    // The invitee answers through respond_to_invitation, never by writing the row.
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              1,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              1,     1,     1,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  matrix({
    title: "invitations to the association (one addressed to the owner; inviting; revoking)",
    ops: {
      select: () => sql`select 1 from invitations where organisation_id = ${w.association.id}`,
      insert: () => sql`insert into invitations (organisation_id, organisation_role, email, token_hash, invited_by, expires_at)
                        values (${w.association.id}, 'member', 'newcomer@example.test', 'matrix-org-token', auth.uid(), now() + interval '7 days')`,
      update: () => sql`update invitations set status = 'revoked' where organisation_id = ${w.association.id}`,
      delete: () => sql`delete from invitations where organisation_id = ${w.association.id}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from invitations i where i.organisation_id = ${w.association.id} order by i.created_at`,
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              1,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    1,     1,     1,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   0,     0],
    ],
  });

  // One pending request at a time: the insert column starts from a withdrawn request, and the
  // update column from a fresh pending one.
  const requestSnapshot = (column: "lgu_id" | "organisation_id", target: () => string) => () =>
    sql`select jsonb_build_object(
          'requests', (select coalesce(jsonb_agg(to_jsonb(v) order by v.created_at), '[]') from verification_requests v
                       where ${sql.identifier(column)} = ${target()}),
          'lgu', (select to_jsonb(l) from lgus l where l.id = ${target()}),
          'organisation', (select to_jsonb(o) from organisations o where o.id = ${target()})) as row`;
  const withdrawRequests = (column: "lgu_id" | "organisation_id", target: () => string) => async () => {
    await asOwner(sql`delete from verification_requests where ${sql.identifier(column)} = ${target()}`);
  };

  matrix({
    title: "verification_requests for the LGU (reading; applying; deciding)",
    ops: {
      select: () => sql`select 1 from verification_requests where lgu_id = ${w.town.id}`,
      insert: () => sql`insert into verification_requests (lgu_id, submitted_by, evidence_path, evidence_filename, evidence_content_type, evidence_size)
                        values (${w.town.id}, auth.uid(), 'verification/matrix.pdf', 'resolution.pdf', 'application/pdf', 1024)`,
      update: () => sql`update verification_requests set status = 'approved', decided_by = auth.uid()
                        where lgu_id = ${w.town.id} and status = 'pending'`,
      delete: () => sql`delete from verification_requests where lgu_id = ${w.town.id}`,
    },
    snapshot: requestSnapshot("lgu_id", () => w.town.id),
    arrange: {
      insert: withdrawRequests("lgu_id", () => w.town.id),
      update: async () => {
        await createVerificationRequest(db().url, { lguId: w.town.id }, { submittedBy: id("LGU admin") });
      },
    },
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              1,     1,     0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    0,     RLS,   0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   1,     0],
    ],
  });

  matrix({
    title: "verification_requests for the association (reading; applying; deciding)",
    ops: {
      select: () => sql`select 1 from verification_requests where organisation_id = ${w.association.id}`,
      insert: () => sql`insert into verification_requests (organisation_id, submitted_by, evidence_path, evidence_filename, evidence_content_type, evidence_size)
                        values (${w.association.id}, auth.uid(), 'verification/matrix-org.pdf', 'registration.pdf', 'application/pdf', 1024)`,
      update: () => sql`update verification_requests set status = 'approved', decided_by = auth.uid()
                        where organisation_id = ${w.association.id} and status = 'pending'`,
      delete: () => sql`delete from verification_requests where organisation_id = ${w.association.id}`,
    },
    snapshot: requestSnapshot("organisation_id", () => w.association.id),
    arrange: {
      insert: withdrawRequests("organisation_id", () => w.association.id),
      update: async () => {
        await createVerificationRequest(db().url, { organisationId: w.association.id }, { submittedBy: id("association officer") });
      },
    },
    rows: [
      // actor                   select insert update delete
      ["anonymous",              0,     RLS,   0,     0],
      ["the owner",              0,     RLS,   0,     0],
      ["another member",         0,     RLS,   0,     0],
      ["admin of another LGU",   0,     RLS,   0,     0],
      ["LGU admin",              0,     RLS,   0,     0],
      ["LGU editor",             0,     RLS,   0,     0],
      ["LGU treasurer",          0,     RLS,   0,     0],
      ["LGU permits officer",    0,     RLS,   0,     0],
      ["LGU investment officer", 0,     RLS,   0,     0],
      ["association officer",    1,     1,     0,     0],
      ["association member",     0,     RLS,   0,     0],
      ["platform admin",         1,     RLS,   1,     0],
    ],
  });

  matrix({
    title: "audit_log rows about the LGU: written by triggers only, read by its admins and platform admins",
    ops: {
      select: () => sql`select 1 from audit_log where lgu_id = ${w.town.id}`,
      insert: () => sql`insert into audit_log (action, lgu_id, subject_table) values ('lgus.forged', ${w.town.id}, 'lgus')`,
      update: () => sql`update audit_log set actor_id = null where lgu_id = ${w.town.id}`,
      delete: () => sql`delete from audit_log where lgu_id = ${w.town.id}`,
    },
    snapshot: () => sql`select to_jsonb(a) as row from audit_log a where a.lgu_id = ${w.town.id} order by a.id`,
    rows: [
      // actor                   select insert  update  delete
      ["anonymous",              0,     DENIED, DENIED, DENIED],
      ["the owner",              0,     DENIED, DENIED, DENIED],
      ["another member",         0,     DENIED, DENIED, DENIED],
      ["admin of another LGU",   0,     DENIED, DENIED, DENIED],
      ["LGU admin",              ALL,   DENIED, DENIED, DENIED],
      ["LGU editor",             0,     DENIED, DENIED, DENIED],
      ["LGU treasurer",          0,     DENIED, DENIED, DENIED],
      ["LGU permits officer",    0,     DENIED, DENIED, DENIED],
      ["LGU investment officer", 0,     DENIED, DENIED, DENIED],
      ["association officer",    0,     DENIED, DENIED, DENIED],
      ["association member",     0,     DENIED, DENIED, DENIED],
      ["platform admin",         ALL,   DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "audit_log rows about the association: read by its officers and platform admins",
    ops: {
      select: () => sql`select 1 from audit_log where organisation_id = ${w.association.id}`,
      insert: () => sql`insert into audit_log (action, organisation_id, subject_table)
                        values ('organisations.forged', ${w.association.id}, 'organisations')`,
      update: () => sql`update audit_log set actor_id = null where organisation_id = ${w.association.id}`,
      delete: () => sql`delete from audit_log where organisation_id = ${w.association.id}`,
    },
    snapshot: () => sql`select to_jsonb(a) as row from audit_log a where a.organisation_id = ${w.association.id} order by a.id`,
    rows: [
      // actor                   select insert  update  delete
      ["anonymous",              0,     DENIED, DENIED, DENIED],
      ["the owner",              0,     DENIED, DENIED, DENIED],
      ["another member",         0,     DENIED, DENIED, DENIED],
      ["admin of another LGU",   0,     DENIED, DENIED, DENIED],
      ["LGU admin",              0,     DENIED, DENIED, DENIED],
      ["LGU editor",             0,     DENIED, DENIED, DENIED],
      ["LGU treasurer",          0,     DENIED, DENIED, DENIED],
      ["LGU permits officer",    0,     DENIED, DENIED, DENIED],
      ["LGU investment officer", 0,     DENIED, DENIED, DENIED],
      ["association officer",    ALL,   DENIED, DENIED, DENIED],
      ["association member",     0,     DENIED, DENIED, DENIED],
      ["platform admin",         ALL,   DENIED, DENIED, DENIED],
    ],
  });

  const serverOnly = (table: "email_outbox" | "rate_limits", writes: { insert: SQL; update: SQL }): Block => ({
    title: `${table}: the server's alone, no privilege for the API roles`,
    ops: {
      select: () => sql`select 1 from ${sql.identifier(table)}`,
      insert: () => writes.insert,
      update: () => writes.update,
      delete: () => sql`delete from ${sql.identifier(table)}`,
    },
    snapshot: () => sql`select to_jsonb(t) as row from ${sql.identifier(table)} t order by 1`,
    rows: ACTORS.map((actor) => [actor, DENIED, DENIED, DENIED, DENIED] as const),
  });
  matrix(
    serverOnly("email_outbox", {
      insert: sql`insert into email_outbox (to_address, subject, body_text, template) values ('x@example.test', 'Hi', 'Hi', 'forged')`,
      update: sql`update email_outbox set to_address = 'attacker@example.test'`,
    }),
  );
  matrix(
    serverOnly("rate_limits", {
      insert: sql`insert into rate_limits (key, hits) values ('login:forged', 0)`,
      update: sql`update rate_limits set hits = 0`,
    }),
  );

  matrix({
    title: "public_profiles (the owner made basics public; another member keeps everything private)",
    ops: {
      select: () => sql`select 1 from public_profiles where id in (${id("the owner")}, ${id("another member")})`,
      insert: () => sql`insert into public_profiles (id) values (${w.ghostId})`,
      update: () => sql`update public_profiles set id = id where id = ${id("the owner")}`,
      delete: () => sql`delete from public_profiles where id = ${id("the owner")}`,
    },
    snapshot: () => sql`select to_jsonb(p) as row from profiles p where p.id in (${id("the owner")}, ${w.ghostId})`,
    rows: ACTORS.map((actor) => [actor, 1, DENIED, DENIED, DENIED] as const),
  });
});

const asUser = <T>(user: User | null, fn: (tx: Tx) => Promise<T>) => db().client.withRls(user?.claims ?? null, fn);
const newMember = (displayName: string, email?: string) => createUser(db().url, { displayName, email });

/** An LGU registered by `boss`, who is therefore its one admin. */
async function freshLgu() {
  const boss = await newMember("Boss");
  const lgu = await createLgu(db().url, { createdBy: boss.id });
  return { boss, lgu };
}

async function freshAssociation() {
  const chair = await newMember("Chair");
  const association = await createOrganisation(db().url, { createdBy: chair.id });
  return { chair, association };
}

const lguRow = async (lguId: string) =>
  (await db().client.sql<{ verification_status: string; verified_at: string | null }[]>`
    select verification_status, verified_at from lgus where id = ${lguId}`)[0]!;

interface AuditRow {
  actor_id: string | null;
  action: string;
  lgu_id: string | null;
  organisation_id: string | null;
  after: Record<string, unknown> | null;
}
const auditRows = async (where: SQL): Promise<AuditRow[]> =>
  db().client.db.execute<{ [column: string]: unknown } & AuditRow>(
    sql`select actor_id, action, lgu_id, organisation_id, after from audit_log where ${where} order by id`,
  );

describe("registering an LGU or an organisation", () => {
  it("makes the member who registers an LGU its first admin, and who creates an organisation its first officer", async () => {
    const founder = await newMember("Founder");
    const lguId = crypto.randomUUID();
    const organisationId = crypto.randomUUID();
    await asUser(founder, async (tx) => {
      await tx.execute(sql`insert into lgus (id, place_id, name, slug, created_by)
                           values (${lguId}, ${w.secondPlaceId}, 'Municipality of Founders', ${`founders-${lguId.slice(0, 8)}`}, auth.uid())`);
      await tx.execute(sql`insert into organisations (id, kind, name, slug, created_by)
                           values (${organisationId}, 'ngo', 'Founders NGO', ${`founders-${organisationId.slice(0, 8)}`}, auth.uid())`);
    });
    const { sql: su } = db().client;
    expect(await su`select user_id, role from lgu_memberships where lgu_id = ${lguId}`).toEqual([{ user_id: founder.id, role: "admin" }]);
    expect(await su`select user_id, role from organisation_memberships where organisation_id = ${organisationId}`).toEqual([
      { user_id: founder.id, role: "officer" },
    ]);
    expect((await auditRows(sql`lgu_id = ${lguId}`)).map((r) => [r.action, r.actor_id])).toEqual([["lgu_memberships.insert", founder.id]]);
  });

  it.each(["verified", "pending", "rejected"])("refuses an LGU or organisation registered as already %s", async (status) => {
    const founder = await newMember("Founder");
    const slug = `claimed-${status}`;
    expect(
      await databaseError(
        asUser(founder, (tx) =>
          tx.execute(sql`insert into lgus (place_id, name, slug, created_by, verification_status, verified_at)
                         values (${w.secondPlaceId}, 'Claimed', ${slug}, auth.uid(), ${status}, ${status === "verified" ? sql`now()` : null})`),
        ),
      ),
    ).toMatch(/^new row violates row-level security policy for table "lgus"/);
    expect(
      await databaseError(
        asUser(founder, (tx) =>
          tx.execute(sql`insert into organisations (kind, name, slug, created_by, verification_status, verified_at)
                         values ('ngo', 'Claimed', ${slug}, auth.uid(), ${status}, ${status === "verified" ? sql`now()` : null})`),
        ),
      ),
    ).toMatch(/^new row violates row-level security policy for table "organisations"/);
    const rows = await db().client.sql`select 1 from lgus where slug = ${slug} union all select 1 from organisations where slug = ${slug}`;
    expect(rows).toHaveLength(0);
  });
});

describe("verification columns change only through a platform admin's decision", () => {
  it.each([
    ["LGU admin", "lgus", "status and date", sql`verification_status = 'verified', verified_at = now()`],
    ["LGU admin", "lgus", "status", sql`verification_status = 'unverified'`],
    ["LGU admin", "lgus", "date", sql`verified_at = now()`],
    ["association officer", "organisations", "status and date", sql`verification_status = 'verified', verified_at = now()`],
    ["association officer", "organisations", "status", sql`verification_status = 'unverified'`],
    ["association officer", "organisations", "date", sql`verified_at = now()`],
  ] as const)("the %s, who may update the rest of %s, cannot set the verification %s", async (actor, table, _what, set) => {
    const target = table === "lgus" ? w.town.id : w.association.id;
    const snapshot = () => snapshotOf(sql`select to_jsonb(t) from ${sql.identifier(table)} t where t.id = ${target}`);
    const before = await snapshot();
    // The same update without the verification columns is allowed (the matrix shows it), so only the guard refuses this one.
    expect(
      await databaseError(asUser(w.users[actor], (tx) => tx.execute(sql`update ${sql.identifier(table)} set ${set} where id = ${target}`))),
    ).toBe("verification status changes only through a verification decision");
    expect(await snapshot()).toBe(before);
  });
});

describe("an LGU keeps at least one admin, an organisation one officer", () => {
  it("the last admin cannot delete their own admin row, and neither can a platform admin", async () => {
    const { boss, lgu } = await freshLgu();
    for (const actor of [boss, w.users["platform admin"]]) {
      expect(
        await databaseError(
          asUser(actor, (tx) => tx.execute(sql`delete from lgu_memberships where lgu_id = ${lgu.id} and user_id = ${boss.id}`)),
        ),
      ).toBe("an LGU must keep at least one admin");
    }
    expect(await db().client.sql`select user_id, role from lgu_memberships where lgu_id = ${lgu.id}`).toEqual([
      { user_id: boss.id, role: "admin" },
    ]);
  });

  it("with a second admin, the first may step down", async () => {
    const { boss, lgu } = await freshLgu();
    const deputy = await newMember("Deputy");
    await addLguRole(db().url, lgu.id, deputy.id, "admin");
    const removed = await asUser(boss, (tx) =>
      tx.execute(sql`delete from lgu_memberships where lgu_id = ${lgu.id} and user_id = ${boss.id}`),
    );
    expect(removed.count).toBe(1);
    expect(await db().client.sql`select user_id, role from lgu_memberships where lgu_id = ${lgu.id}`).toEqual([
      { user_id: deputy.id, role: "admin" },
    ]);
  });

  it("the last officer can neither leave nor step down to member", async () => {
    const { chair, association } = await freshAssociation();
    const member = await newMember("Member");
    await addOrganisationRole(db().url, association.id, member.id, "member");
    const mine = sql`organisation_id = ${association.id} and user_id = ${chair.id}`;
    expect(await databaseError(asUser(chair, (tx) => tx.execute(sql`delete from organisation_memberships where ${mine}`)))).toBe(
      "an organisation must keep at least one officer",
    );
    expect(
      await databaseError(asUser(chair, (tx) => tx.execute(sql`update organisation_memberships set role = 'member' where ${mine}`))),
    ).toBe("an organisation must keep at least one officer");
    expect(
      await databaseError(asUser(w.users["platform admin"], (tx) => tx.execute(sql`delete from organisation_memberships where ${mine}`))),
    ).toBe("an organisation must keep at least one officer");
    expect(await db().client.sql`select role from organisation_memberships where organisation_id = ${association.id} order by role`).toEqual([
      { role: "officer" },
      { role: "member" },
    ]);

    // Once the member is promoted, the first officer may step down.
    await asUser(chair, (tx) =>
      tx.execute(sql`update organisation_memberships set role = 'officer' where organisation_id = ${association.id} and user_id = ${member.id}`),
    );
    const stepped = await asUser(chair, (tx) => tx.execute(sql`update organisation_memberships set role = 'member' where ${mine}`));
    expect(stepped.count).toBe(1);
  });

  it("deleting the LGU itself (an operator's task) takes its memberships with it", async () => {
    const { lgu } = await freshLgu();
    await db().client.asService((tx) => tx.execute(sql`delete from lgus where id = ${lgu.id}`));
    expect(await db().client.sql`select 1 from lgu_memberships where lgu_id = ${lgu.id}`).toHaveLength(0);
  });
});

describe("verification requests", () => {
  const apply = (user: User, target: { lguId: string } | { organisationId: string }) =>
    asUser(user, (tx) =>
      tx.execute(sql`insert into verification_requests (lgu_id, organisation_id, submitted_by, evidence_path, evidence_filename, evidence_content_type, evidence_size)
                     values (${"lguId" in target ? target.lguId : null}, ${"organisationId" in target ? target.organisationId : null}, auth.uid(),
                             ${`verification/${crypto.randomUUID()}.pdf`}, 'resolution.pdf', 'application/pdf', 4096)`),
    );
  const decide = (user: User, lguId: string, set: SQL) =>
    asUser(user, (tx) => tx.execute(sql`update verification_requests set ${set} where lgu_id = ${lguId}`));
  const requestOf = async (lguId: string) =>
    (await db().client.sql<{ status: string; decided_by: string | null; decided_at: string | null; decision_reason: string | null }[]>`
      select status, decided_by, decided_at, decision_reason from verification_requests where lgu_id = ${lguId}`)[0]!;
  const platformAdmin = () => w.users["platform admin"];

  async function pendingLgu() {
    const { boss, lgu } = await freshLgu();
    await apply(boss, { lguId: lgu.id });
    return { boss, lgu };
  }

  it("applying marks the LGU pending, with the applicant as the audit log's actor", async () => {
    const { boss, lgu } = await freshLgu();
    expect((await apply(boss, { lguId: lgu.id })).count).toBe(1);
    expect(await lguRow(lgu.id)).toEqual({ verification_status: "pending", verified_at: null });
    const audit = await auditRows(sql`lgu_id = ${lgu.id} and action <> 'lgu_memberships.insert'`);
    expect(audit.map((r) => [r.action, r.actor_id])).toEqual([
      ["lgus.update", boss.id],
      ["verification_requests.insert", boss.id],
    ]);
  });

  it("applying marks the organisation pending, with the applicant as the audit log's actor", async () => {
    const { chair, association } = await freshAssociation();
    expect((await apply(chair, { organisationId: association.id })).count).toBe(1);
    expect((await db().client.sql`select verification_status from organisations where id = ${association.id}`)[0]).toEqual({
      verification_status: "pending",
    });
    const audit = await auditRows(sql`organisation_id = ${association.id} and action <> 'organisation_memberships.insert'`);
    expect(audit.map((r) => [r.action, r.actor_id])).toEqual([
      ["organisations.update", chair.id],
      ["verification_requests.insert", chair.id],
    ]);
  });

  it("applying is refused for an LGU that is already verified", async () => {
    expect(await databaseError(apply(w.users["admin of another LGU"], { lguId: w.otherTown.id }))).toBe(
      "this LGU is already verified or suspended",
    );
    expect((await lguRow(w.otherTown.id)).verification_status).toBe("verified");
  });

  it("a platform admin's approval verifies the LGU, stamps the date and the decider, and makes it public", async () => {
    const { lgu } = await pendingLgu();
    expect(await asUser(null, (tx) => tx.execute(sql`select 1 from lgus where id = ${lgu.id}`))).toHaveLength(0);
    expect((await decide(platformAdmin(), lgu.id, sql`status = 'approved', decided_by = auth.uid()`)).count).toBe(1);

    const request = await requestOf(lgu.id);
    expect(request).toMatchObject({ status: "approved", decided_by: platformAdmin().id });
    expect(Date.parse(String(request.decided_at))).not.toBeNaN();
    const after = await lguRow(lgu.id);
    expect(after.verification_status).toBe("verified");
    expect(Date.parse(String(after.verified_at))).not.toBeNaN();
    expect(await asUser(null, (tx) => tx.execute(sql`select 1 from lgus where id = ${lgu.id}`))).toHaveLength(1);
    const audit = await auditRows(sql`lgu_id = ${lgu.id} and actor_id = ${platformAdmin().id}`);
    expect(audit.map((r) => r.action).sort()).toEqual(["lgus.update", "verification_requests.update"]);
  });

  it("a platform admin's approval verifies an organisation and makes it public", async () => {
    const { chair, association } = await freshAssociation();
    await apply(chair, { organisationId: association.id });
    const approved = await asUser(platformAdmin(), (tx) =>
      tx.execute(sql`update verification_requests set status = 'approved', decided_by = auth.uid() where organisation_id = ${association.id}`),
    );
    expect(approved.count).toBe(1);
    const [organisation] = await db().client.sql`select verification_status, verified_at from organisations where id = ${association.id}`;
    expect(organisation?.verification_status).toBe("verified");
    expect(Date.parse(String(organisation?.verified_at))).not.toBeNaN();
    expect(await asUser(null, (tx) => tx.execute(sql`select 1 from organisations where id = ${association.id}`))).toHaveLength(1);
  });

  it("a rejection needs a reason; with one, the LGU is rejected and stays hidden", async () => {
    const { lgu } = await pendingLgu();
    for (const reason of [null, "", "no"]) {
      expect(
        await databaseError(decide(platformAdmin(), lgu.id, sql`status = 'rejected', decided_by = auth.uid(), decision_reason = ${reason}`)),
      ).toMatch(/violates check constraint "verification_requests_rejection_has_reason"/);
    }
    expect(await requestOf(lgu.id)).toEqual({ status: "pending", decided_by: null, decided_at: null, decision_reason: null });
    expect((await lguRow(lgu.id)).verification_status).toBe("pending");

    const reason = "The resolution is unsigned";
    const rejected = await decide(platformAdmin(), lgu.id, sql`status = 'rejected', decided_by = auth.uid(), decision_reason = ${reason}`);
    expect(rejected.count).toBe(1);
    expect(await lguRow(lgu.id)).toEqual({ verification_status: "rejected", verified_at: null });
    expect(await asUser(null, (tx) => tx.execute(sql`select 1 from lgus where id = ${lgu.id}`))).toHaveLength(0);
  });

  it("a decided request cannot be decided again", async () => {
    const { lgu } = await pendingLgu();
    await decide(platformAdmin(), lgu.id, sql`status = 'approved', decided_by = auth.uid()`);
    const before = await requestOf(lgu.id);
    for (const set of [
      sql`status = 'rejected', decided_by = auth.uid(), decision_reason = 'Changed my mind'`,
      sql`status = 'pending', decided_by = auth.uid()`,
      sql`decision_reason = 'Amended', decided_by = auth.uid()`,
    ]) {
      expect(await databaseError(decide(platformAdmin(), lgu.id, set))).toBe("this request has already been decided");
    }
    expect(await requestOf(lgu.id)).toEqual(before);
    expect((await lguRow(lgu.id)).verification_status).toBe("verified");
  });

  it.each(ACTORS.filter((actor) => actor !== "platform admin"))("%s cannot decide a request: nothing changes", async (actor) => {
    const { boss, lgu } = await pendingLgu();
    // The applying LGU's own admin is the one with most reason to try.
    const user = actor === "LGU admin" ? boss : actor === "anonymous" ? null : w.users[actor];
    const changed = await asUser(user, (tx) =>
      tx.execute(sql`update verification_requests set status = 'approved', decided_by = auth.uid() where lgu_id = ${lgu.id}`),
    );
    expect(changed.count).toBe(0);
    expect((await requestOf(lgu.id)).status).toBe("pending");
    expect((await lguRow(lgu.id)).verification_status).toBe("pending");
  });

  it("a platform admin can only record themself as the decider", async () => {
    const { boss, lgu } = await pendingLgu();
    expect(await databaseError(decide(platformAdmin(), lgu.id, sql`status = 'approved', decided_by = ${boss.id}`))).toMatch(
      /^new row violates row-level security policy for table "verification_requests"/,
    );
    expect((await requestOf(lgu.id)).status).toBe("pending");
  });
});

describe("the audit log", () => {
  interface AuditCase {
    change: string;
    action: string;
    /** Arranges what the change needs and returns who acts, what they do and which audit rows to look at. */
    arrange: () => Promise<{ actor: User; act: SQL; scope: SQL }>;
  }
  const cases: AuditCase[] = [
    {
      change: "an LGU admin granting a role",
      action: "lgu_memberships.insert",
      arrange: async () => {
        const { boss, lgu } = await freshLgu();
        const recruit = await newMember("Recruit");
        return {
          actor: boss,
          act: sql`insert into lgu_memberships (lgu_id, user_id, role) values (${lgu.id}, ${recruit.id}, 'treasurer')`,
          scope: sql`lgu_id = ${lgu.id}`,
        };
      },
    },
    {
      change: "an LGU admin removing a role",
      action: "lgu_memberships.delete",
      arrange: async () => {
        const { boss, lgu } = await freshLgu();
        const editor = await newMember("Editor");
        await addLguRole(db().url, lgu.id, editor.id, "editor");
        return { actor: boss, act: sql`delete from lgu_memberships where user_id = ${editor.id}`, scope: sql`lgu_id = ${lgu.id}` };
      },
    },
    {
      change: "a staff member leaving",
      action: "lgu_memberships.delete",
      arrange: async () => {
        const { lgu } = await freshLgu();
        const editor = await newMember("Editor");
        await addLguRole(db().url, lgu.id, editor.id, "editor");
        return { actor: editor, act: sql`delete from lgu_memberships where user_id = ${editor.id}`, scope: sql`lgu_id = ${lgu.id}` };
      },
    },
    {
      change: "an association officer promoting a member",
      action: "organisation_memberships.update",
      arrange: async () => {
        const { chair, association } = await freshAssociation();
        const member = await newMember("Member");
        await addOrganisationRole(db().url, association.id, member.id, "member");
        return {
          actor: chair,
          act: sql`update organisation_memberships set role = 'officer' where user_id = ${member.id}`,
          scope: sql`organisation_id = ${association.id}`,
        };
      },
    },
    {
      change: "an LGU admin inviting",
      action: "invitations.insert",
      arrange: async () => {
        const { boss, lgu } = await freshLgu();
        return {
          actor: boss,
          act: sql`insert into invitations (lgu_id, lgu_role, email, token_hash, invited_by, expires_at)
                   values (${lgu.id}, 'editor', 'invitee@example.test', ${hashToken(crypto.randomUUID())}, auth.uid(), now() + interval '1 day')`,
          scope: sql`lgu_id = ${lgu.id}`,
        };
      },
    },
    {
      change: "an association officer revoking an invitation",
      action: "invitations.update",
      arrange: async () => {
        const { chair, association } = await freshAssociation();
        const invitation = await createInvitation(
          db().url,
          { organisationId: association.id, organisationRole: "member" },
          { email: "invitee@example.test", invitedBy: chair.id },
        );
        return {
          actor: chair,
          act: sql`update invitations set status = 'revoked' where id = ${invitation.id}`,
          scope: sql`organisation_id = ${association.id}`,
        };
      },
    },
    {
      change: "a platform admin rejecting a verification request",
      action: "verification_requests.update",
      arrange: async () => {
        const { boss, lgu } = await freshLgu();
        await createVerificationRequest(db().url, { lguId: lgu.id }, { submittedBy: boss.id });
        return {
          actor: w.users["platform admin"],
          act: sql`update verification_requests set status = 'rejected', decided_by = auth.uid(), decision_reason = 'Evidence unreadable'
                   where lgu_id = ${lgu.id}`,
          scope: sql`lgu_id = ${lgu.id}`,
        };
      },
    },
  ];

  it.each(cases.map((c) => [c.change, c] as const))("%s is recorded with the acting user as actor", async (_change, c) => {
    const { action, arrange } = c;
    const { actor, act, scope } = await arrange();
    const before = (await auditRows(scope)).length;
    await asUser(actor, (tx) => tx.execute(act));
    const written = (await auditRows(scope)).slice(before).filter((r) => r.action === action);
    expect(written).toHaveLength(1);
    expect(written[0]!.actor_id).toBe(actor.id);
    expect(written[0]!.after ?? {}).not.toHaveProperty("token_hash");
  });

  it("an LGU admin reads their own LGU's rows and no other's; an officer their organisation's", async () => {
    const rowsSeenBy = (actor: Exclude<Actor, "anonymous">) =>
      asUser(w.users[actor], (tx) =>
        tx.execute<{ lgu_id: string | null; organisation_id: string | null }>(sql`select lgu_id, organisation_id from audit_log`),
      );
    const admin = await rowsSeenBy("LGU admin");
    expect(admin.length).toBeGreaterThan(0);
    expect(new Set(admin.map((r) => r.lgu_id))).toEqual(new Set([w.town.id]));
    const elsewhere = await rowsSeenBy("admin of another LGU");
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(new Set(elsewhere.map((r) => r.lgu_id))).toEqual(new Set([w.otherTown.id]));
    const officer = await rowsSeenBy("association officer");
    expect(officer.length).toBeGreaterThan(0);
    expect(new Set(officer.map((r) => r.organisation_id))).toEqual(new Set([w.association.id]));
  });

  it.each(["LGU admin", "platform admin"] as const)("the %s cannot truncate it", async (actor) => {
    const before = await snapshotOf(sql`select count(*) from audit_log`);
    expect(await databaseError(asUser(w.users[actor], (tx) => tx.execute(sql`truncate audit_log`)))).toBe(
      "permission denied for table audit_log",
    );
    expect(await snapshotOf(sql`select count(*) from audit_log`)).toBe(before);
  });
});

describe("respond_to_invitation", () => {
  const respond = (user: User | null, tokenHash: string, accept: boolean) =>
    asUser(user, (tx) => tx.execute<{ id: string }>(sql`select public.respond_to_invitation(${tokenHash}, ${accept}) as id`));
  const invitationOf = async (id: string) =>
    (await db().client.sql<{ status: string; responded_at: string | null }[]>`
      select status, responded_at from invitations where id = ${id}`)[0]!;

  /** An invitation to a fresh LGU for a fresh member who signed up with capitals in their email. */
  async function invited(role: "editor" | "treasurer" = "editor") {
    const { boss, lgu } = await freshLgu();
    const tag = crypto.randomBytes(4).toString("hex");
    const invitee = await newMember("Invitee", `Invitee.${tag}@Example.test`);
    const invitation = await createInvitation(db().url, { lguId: lgu.id, lguRole: role }, { email: invitee.email, invitedBy: boss.id });
    return { boss, lgu, invitee, invitation };
  }

  it("accepts the right token from the invited, confirmed account: the role is granted and the invitation closed", async () => {
    const { lgu, invitee, invitation } = await invited("treasurer");
    const [answer] = await respond(invitee, invitation.tokenHash, true);
    expect(answer?.id).toBe(invitation.id);
    expect(await db().client.sql`select user_id, role from lgu_memberships where lgu_id = ${lgu.id} and user_id = ${invitee.id}`).toEqual([
      { user_id: invitee.id, role: "treasurer" },
    ]);
    const after = await invitationOf(invitation.id);
    expect(after.status).toBe("accepted");
    expect(after.responded_at).not.toBeNull();
    const audit = await auditRows(sql`lgu_id = ${lgu.id} and actor_id = ${invitee.id}`);
    expect(audit.map((r) => r.action).sort()).toEqual(["invitations.update", "lgu_memberships.insert"]);
    // The new treasurer now sees the LGU, though it is not verified.
    expect(await asUser(invitee, (tx) => tx.execute(sql`select 1 from lgus where id = ${lgu.id}`))).toHaveLength(1);
  });

  it("declining closes the invitation and grants nothing", async () => {
    const { lgu, invitee, invitation } = await invited();
    await respond(invitee, invitation.tokenHash, false);
    expect((await invitationOf(invitation.id)).status).toBe("declined");
    expect(await db().client.sql`select 1 from lgu_memberships where lgu_id = ${lgu.id} and user_id = ${invitee.id}`).toHaveLength(0);
  });

  it("accepting an association's invitation makes the person a member", async () => {
    const { chair, association } = await freshAssociation();
    const invitee = await newMember("Invitee");
    const invitation = await createInvitation(
      db().url,
      { organisationId: association.id, organisationRole: "member" },
      { email: invitee.email, invitedBy: chair.id },
    );
    await respond(invitee, invitation.tokenHash, true);
    const roles = await db().client.sql`
      select role from organisation_memberships where organisation_id = ${association.id} and user_id = ${invitee.id}`;
    expect(roles).toEqual([{ role: "member" }]);
  });

  it("accepting an officer invitation makes an existing member an officer", async () => {
    const { chair, association } = await freshAssociation();
    const member = await newMember("Member");
    await addOrganisationRole(db().url, association.id, member.id, "member");
    const invitation = await createInvitation(
      db().url,
      { organisationId: association.id, organisationRole: "officer" },
      { email: member.email, invitedBy: chair.id },
    );
    await respond(member, invitation.tokenHash, true);
    expect((await invitationOf(invitation.id)).status).toBe("accepted");
    // An accepted invitation to a role grants that role, as it does for LGU staff.
    const roles = await db().client.sql`
      select role from organisation_memberships where organisation_id = ${association.id} and user_id = ${member.id}`;
    expect(roles).toEqual([{ role: "officer" }]);
  });

  type Invited = Awaited<ReturnType<typeof invited>>;
  it.each([
    [
      "a wrong token",
      "this invitation is no longer valid",
      async ({ invitee }: Invited) => ({ user: invitee, hash: hashToken("guessed") }),
    ],
    [
      "the token itself instead of its hash",
      "this invitation is no longer valid",
      async ({ invitee, invitation }: Invited) => ({ user: invitee, hash: invitation.token }),
    ],
    [
      "an expired invitation",
      "this invitation is no longer valid",
      async ({ invitee, invitation }: Invited) => {
        await db().client.sql`update invitations set expires_at = now() - interval '1 minute' where id = ${invitation.id}`;
        return { user: invitee, hash: invitation.tokenHash };
      },
    ],
    [
      "a revoked invitation",
      "this invitation is no longer valid",
      async ({ invitee, invitation }: Invited) => {
        await db().client.sql`update invitations set status = 'revoked' where id = ${invitation.id}`;
        return { user: invitee, hash: invitation.tokenHash };
      },
    ],
    [
      "an invitation already declined",
      "this invitation is no longer valid",
      async ({ invitee, invitation }: Invited) => {
        await db().client.sql`update invitations set status = 'declined', responded_at = now() where id = ${invitation.id}`;
        return { user: invitee, hash: invitation.tokenHash };
      },
    ],
    [
      "the invited account before its email is confirmed",
      "sign in with a confirmed email first",
      async ({ invitee, invitation }: Invited) => {
        await db().client.sql`update auth.users set email_confirmed_at = null where id = ${invitee.id}`;
        return { user: invitee, hash: invitation.tokenHash };
      },
    ],
    [
      "another confirmed account holding the token",
      "this invitation is for another email address",
      async ({ invitation }: Invited) => ({ user: await newMember("Forwarded to"), hash: invitation.tokenHash }),
    ],
    [
      "another account whose JWT claims the invited email",
      "this invitation is for another email address",
      async ({ invitee, invitation }: Invited) => {
        const other = await newMember("Pretender");
        return { user: { ...other, claims: { ...other.claims, email: invitee.email } }, hash: invitation.tokenHash };
      },
    ],
    [
      "an anonymous caller",
      "permission denied for function respond_to_invitation",
      async ({ invitation }: Invited) => ({ user: null, hash: invitation.tokenHash }),
    ],
  ] as const)("refuses %s and changes nothing", async (_case, message, arrange) => {
    const context = await invited();
    const { user, hash } = await arrange(context);
    const before = await snapshotOf(sql`select to_jsonb(i) from invitations i where i.id = ${context.invitation.id}`);
    expect(await databaseError(respond(user, hash, true))).toBe(message);
    expect(await snapshotOf(sql`select to_jsonb(i) from invitations i where i.id = ${context.invitation.id}`)).toBe(before);
    const staff = await db().client.sql`select user_id from lgu_memberships where lgu_id = ${context.lgu.id}`;
    expect(staff).toEqual([{ user_id: context.boss.id }]);
  });

  it("an LGU admin may revoke a pending invitation but not reopen one that was answered", async () => {
    const { boss, invitee, invitation } = await invited();
    await respond(invitee, invitation.tokenHash, true);
    const before = await snapshotOf(sql`select to_jsonb(i) from invitations i where i.id = ${invitation.id}`);
    for (const status of ["pending", "revoked"]) {
      const changed = await asUser(boss, (tx) => tx.execute(sql`update invitations set status = ${status} where id = ${invitation.id}`));
      expect(changed.count, `accepted -> ${status}`).toBe(0);
    }
    expect(await snapshotOf(sql`select to_jsonb(i) from invitations i where i.id = ${invitation.id}`)).toBe(before);
  });
});

describe("public_profiles", () => {
  it("shows only the groups a member made public, and nothing of a member whose groups are all private", async () => {
    const engaged = await newMember("Engaged");
    await db().client.sql`update profiles set languages = '{es}', willingness = '{volunteer}', city = 'Madrid', occupation = 'Teacher',
                            engagement_visibility = 'public' where id = ${engaged.id}`;
    const ids = [id("the owner"), id("another member"), engaged.id];
    for (const actor of [null, w.users["another member"], w.users["LGU admin"], w.users["platform admin"]]) {
      const rows = await asUser(actor, (tx) =>
        tx.execute(sql`select * from public_profiles where id in (${sql.join(ids, sql`, `)}) order by display_name nulls last`),
      );
      expect(rows).toEqual([
        // Basics public; engagement shared as aggregates only; returnee private.
        {
          id: id("the owner"), display_name: "Olivia", country_of_residence: "AE", city: "Dubai",
          languages: null, sectors: null, willingness: null, occupation: null, years_abroad: null,
        },
        {
          id: engaged.id, display_name: null, country_of_residence: null, city: null,
          languages: ["es"], sectors: [], willingness: ["volunteer"], occupation: null, years_abroad: null,
        },
      ]);
    }
  });

  it("has no column for sensitive details, hometowns or privacy choices", async () => {
    const columns = await db().client.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_schema = 'public' and table_name = 'public_profiles' order by ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual([
      "id", "display_name", "country_of_residence", "city", "languages", "sectors", "willingness", "occupation", "years_abroad",
    ]);
  });
});

describe("who sees an LGU or organisation before it is verified", () => {
  let verifiedOrganisation: { id: string };
  beforeAll(async () => {
    verifiedOrganisation = await createOrganisation(db().url, { kind: "employer", verificationStatus: "verified" });
  });

  it.each(["anonymous", "the owner", "another member", "admin of another LGU", "association member"] as const)(
    "%s sees verified LGUs and organisations, not unverified ones",
    async (actor) => {
      const seen = await db().client.withRls(claimsOf(actor), async (tx) => ({
        lgus: (await tx.execute<{ id: string }>(sql`select id from lgus where id in (${w.town.id}, ${w.otherTown.id})`)).map((r) => r.id),
        organisations: (
          await tx.execute<{ id: string }>(sql`select id from organisations where id in (${verifiedOrganisation.id}, ${w.association.id})`)
        ).map((r) => r.id),
      }));
      expect(seen.lgus).toEqual([w.otherTown.id]);
      // A member of the unverified association sees it as well: they belong to it.
      const expected = actor === "association member" ? [verifiedOrganisation.id, w.association.id] : [verifiedOrganisation.id];
      expect(seen.organisations.sort()).toEqual(expected.sort());
    },
  );
});
