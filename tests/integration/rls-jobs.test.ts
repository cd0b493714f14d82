/**
 * Row-level security for jobs (issue 8), as a matrix: every table the jobs schema added, every
 * kind of caller, every operation. Open jobs of verified posters are public; the posting
 * organisation's members (or the LGU's admins and editors) see and change all of theirs; an
 * application is seen only by its applicant and the posting organisation, never by another
 * employer, the LGU's other staff or a platform admin; the pipeline's history and messages are
 * written only by the database's functions; a person's job profile, certificates and saved
 * searches are theirs alone. Refusals are exact and checked to change nothing; allowed writes are
 * rolled back.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, addOrganisationRole, createLgu, createOrganisation, createUser, makePlatformAdmin } from "../support/factories";
import { createJob, applyAs } from "../support/job-factories";
import { DENIED, matrixProbe, matrixRunner, RLS, type MatrixBlock } from "../support/rls-matrix";

const db = setupTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;

const ACTORS = [
  "anonymous",
  "the applicant",
  "another member",
  "employer officer",
  "employer member",
  "officer of another employer",
  "LGU editor",
  "LGU treasurer",
  "platform admin",
] as const;
type Actor = (typeof ACTORS)[number];

const ALREADY = "already applied to this job";

interface World {
  users: Record<Exclude<Actor, "anonymous">, User>;
  employer: { id: string };
  lgu: { id: string };
  openJob: string;
  closedJob: string;
  lguJob: string;
  application: string;
}
let w: World;
const claimsOf = (actor: Actor): JwtClaims | null => (actor === "anonymous" ? null : w.users[actor].claims);
const probe = matrixProbe(db, (actor) => claimsOf(actor as Actor));
const matrix = matrixRunner(ACTORS, probe);
type Block = MatrixBlock<Actor>;

beforeAll(async () => {
  const url = db().url;
  const user = (displayName: string) => createUser(url, { displayName });
  const users: World["users"] = {
    "the applicant": await user("Ramon"),
    "another member": await user("Mario"),
    "employer officer": await user("Olga"),
    "employer member": await user("Emma"),
    "officer of another employer": await user("Oto"),
    "LGU editor": await user("Eddie"),
    "LGU treasurer": await user("Teresa"),
    "platform admin": await user("Pia"),
  };
  const employer = await createOrganisation(url, { kind: "employer", createdBy: users["employer officer"].id, verificationStatus: "verified" });
  await addOrganisationRole(url, employer.id, users["employer member"].id, "member");
  await createOrganisation(url, { kind: "employer", createdBy: users["officer of another employer"].id, verificationStatus: "verified" });
  const lgu = await createLgu(url, { verificationStatus: "verified" });
  await addLguRole(url, lgu.id, users["LGU editor"].id, "editor");
  await addLguRole(url, lgu.id, users["LGU treasurer"].id, "treasurer");
  await makePlatformAdmin(url, users["platform admin"].id);

  const openJob = await createJob(url, { organisationId: employer.id, postedBy: users["employer officer"].id });
  const closedJob = await createJob(url, { organisationId: employer.id, postedBy: users["employer officer"].id, status: "closed" });
  const lguJob = await createJob(url, { lguId: lgu.id, postedBy: users["LGU editor"].id });
  const application = await applyAs(db().client, users["the applicant"].claims, openJob);
  await applyAs(db().client, users["the applicant"].claims, lguJob);
  await probe.asOwner(sql`insert into job_application_messages (application_id, organisation_id, sender_id, body)
                          values (${application}, ${employer.id}, ${users["employer officer"].id}, 'Please come on Monday')`);
  await probe.asOwner(sql`insert into jobseeker_profiles (profile_id, occupation_code) values (${users["the applicant"].id}, '72')`);
  await probe.asOwner(sql`insert into jobseeker_certificates (profile_id, title, recognition) values (${users["the applicant"].id}, 'Automotive technician (Saudi Arabia)', 'recognised')`);
  await probe.asOwner(sql`insert into job_saved_searches (user_id, name, filters) values (${users["the applicant"].id}, 'Mechanic in Naga', '{"q":"mechanic"}')`);
  w = { users, employer, lgu, openJob, closedJob, lguJob, application };
});

describe("jobs", () => {
  matrix({
    title: "jobs: the employer's open and closed jobs",
    ops: {
      select: () => sql`select 1 from jobs where organisation_id = ${w.employer.id}`,
      insert: () => sql`insert into jobs (organisation_id, title, description, sector, occupation_code, place_id, employment_type, closes_on, posted_by)
                        select ${w.employer.id}, '{"en":"Matrix welder"}', '{"en":"Welds"}', 'C', '72', place_id, 'full_time', current_date + 30, auth.uid()
                        from jobs where id = ${w.openJob}`,
      update: () => sql`update jobs set openings = 3 where organisation_id = ${w.employer.id}`,
      delete: () => sql`delete from jobs where organisation_id = ${w.employer.id}`,
    },
    snapshot: () => sql`select to_jsonb(j) - 'updated_at' as row from jobs j where organisation_id = ${w.employer.id} order by j.created_at, j.id`,
    rows: [
      // actor                        select insert  update  delete
      ["anonymous",                   1,     DENIED, DENIED, DENIED],
      ["the applicant",               1,     RLS,    0,      DENIED],
      ["another member",              1,     RLS,    0,      DENIED],
      ["employer officer",            2,     1,      2,      DENIED],
      ["employer member",             2,     1,      2,      DENIED],
      ["officer of another employer", 1,     RLS,    0,      DENIED],
      ["LGU editor",                  1,     RLS,    0,      DENIED],
      ["LGU treasurer",               1,     RLS,    0,      DENIED],
      ["platform admin",              1,     RLS,    0,      DENIED],
    ],
  });

  matrix({
    title: "jobs: the LGU's job",
    ops: {
      select: () => sql`select 1 from jobs where lgu_id = ${w.lgu.id}`,
      insert: () => sql`insert into jobs (lgu_id, title, description, sector, occupation_code, remote, employment_type, closes_on, posted_by)
                        values (${w.lgu.id}, '{"en":"Matrix clerk"}', '{"en":"Files"}', 'O', '41', true, 'contract', current_date + 30, auth.uid())`,
      update: () => sql`update jobs set openings = 2 where lgu_id = ${w.lgu.id}`,
      delete: () => sql`delete from jobs where lgu_id = ${w.lgu.id}`,
    },
    snapshot: () => sql`select to_jsonb(j) - 'updated_at' as row from jobs j where lgu_id = ${w.lgu.id} order by j.created_at, j.id`,
    rows: [
      // actor                        select insert  update  delete
      ["anonymous",                   1,     DENIED, DENIED, DENIED],
      ["the applicant",               1,     RLS,    0,      DENIED],
      ["another member",              1,     RLS,    0,      DENIED],
      ["employer officer",            1,     RLS,    0,      DENIED],
      ["employer member",             1,     RLS,    0,      DENIED],
      ["officer of another employer", 1,     RLS,    0,      DENIED],
      ["LGU editor",                  1,     1,      1,      DENIED],
      ["LGU treasurer",               1,     RLS,    0,      DENIED],
      ["platform admin",              1,     RLS,    0,      DENIED],
    ],
  });
});

describe("applications", () => {
  const applicationBlock: Block = {
    title: "job_applications: the applicant's application to the employer's open job",
    ops: {
      select: () => sql`select 1 from job_applications where job_id = ${w.openJob}`,
      // Each caller applies for themself.
      insert: () => sql`insert into job_applications (job_id, applicant_id, applicant_name, cv_storage_key, cv_file_name, cv_content_type, cv_size_bytes)
                        values (${w.openJob}, auth.uid(), 'Matrix', 'job-applications/' || auth.uid()::text || '/matrix.pdf', 'cv.pdf', 'application/pdf', 100)`,
      update: () => sql`update job_applications set status = 'hired' where job_id = ${w.openJob}`,
      delete: () => sql`delete from job_applications where job_id = ${w.openJob}`,
    },
    snapshot: () => sql`select to_jsonb(a) as row from job_applications a where job_id = ${w.openJob} order by a.created_at, a.id`,
    rows: [
      // actor                        select insert   update  delete
      ["anonymous",                   0,     DENIED,  DENIED, DENIED],
      ["the applicant",               1,     ALREADY, DENIED, DENIED],
      ["another member",              0,     1,       DENIED, DENIED],
      ["employer officer",            1,     1,       DENIED, DENIED],
      ["employer member",             1,     1,       DENIED, DENIED],
      ["officer of another employer", 0,     1,       DENIED, DENIED],
      ["LGU editor",                  0,     1,       DENIED, DENIED],
      ["LGU treasurer",               0,     1,       DENIED, DENIED],
      ["platform admin",              0,     1,       DENIED, DENIED],
    ],
  };
  matrix(applicationBlock);

  matrix({
    title: "job_applications: the application to the LGU's job",
    ops: {
      select: () => sql`select 1 from job_applications where job_id = ${w.lguJob}`,
      insert: () => sql`select 1 where false`,
      update: () => sql`update job_applications set status = 'offer' where job_id = ${w.lguJob}`,
      delete: () => sql`delete from job_applications where job_id = ${w.lguJob}`,
    },
    snapshot: () => sql`select to_jsonb(a) as row from job_applications a where job_id = ${w.lguJob}`,
    rows: [
      // actor                        select insert update  delete
      ["anonymous",                   0,     0,     DENIED, DENIED],
      ["the applicant",               1,     0,     DENIED, DENIED],
      ["another member",              0,     0,     DENIED, DENIED],
      ["employer officer",            0,     0,     DENIED, DENIED],
      ["employer member",             0,     0,     DENIED, DENIED],
      ["officer of another employer", 0,     0,     DENIED, DENIED],
      ["LGU editor",                  1,     0,     DENIED, DENIED],
      ["LGU treasurer",               0,     0,     DENIED, DENIED],
      ["platform admin",              0,     0,     DENIED, DENIED],
    ],
  });

  matrix({
    title: "job_application_events: the application's history",
    ops: {
      select: () => sql`select 1 from job_application_events where application_id = ${w.application}`,
      insert: () => sql`insert into job_application_events (application_id, organisation_id, to_status) values (${w.application}, ${w.employer.id}, 'hired')`,
      update: () => sql`update job_application_events set note = 'x' where application_id = ${w.application}`,
      delete: () => sql`delete from job_application_events where application_id = ${w.application}`,
    },
    snapshot: () => sql`select to_jsonb(e) as row from job_application_events e where application_id = ${w.application} order by e.id`,
    rows: [
      // actor                        select insert  update  delete
      ["anonymous",                   0,     DENIED, DENIED, DENIED],
      ["the applicant",               0,     DENIED, DENIED, DENIED],
      ["another member",              0,     DENIED, DENIED, DENIED],
      ["employer officer",            1,     DENIED, DENIED, DENIED],
      ["employer member",             1,     DENIED, DENIED, DENIED],
      ["officer of another employer", 0,     DENIED, DENIED, DENIED],
      ["LGU editor",                  0,     DENIED, DENIED, DENIED],
      ["LGU treasurer",               0,     DENIED, DENIED, DENIED],
      ["platform admin",              0,     DENIED, DENIED, DENIED],
    ],
  });

  matrix({
    title: "job_application_messages: the employer's message to the applicant",
    ops: {
      select: () => sql`select 1 from job_application_messages where application_id = ${w.application}`,
      insert: () => sql`insert into job_application_messages (application_id, organisation_id, body) values (${w.application}, ${w.employer.id}, 'Forged')`,
      update: () => sql`update job_application_messages set body = 'Changed' where application_id = ${w.application}`,
      delete: () => sql`delete from job_application_messages where application_id = ${w.application}`,
    },
    snapshot: () => sql`select to_jsonb(m) as row from job_application_messages m where application_id = ${w.application} order by m.sent_at`,
    rows: [
      // actor                        select insert  update  delete
      ["anonymous",                   0,     DENIED, DENIED, DENIED],
      ["the applicant",               1,     DENIED, DENIED, DENIED],
      ["another member",              0,     DENIED, DENIED, DENIED],
      ["employer officer",            1,     DENIED, DENIED, DENIED],
      ["employer member",             1,     DENIED, DENIED, DENIED],
      ["officer of another employer", 0,     DENIED, DENIED, DENIED],
      ["LGU editor",                  0,     DENIED, DENIED, DENIED],
      ["LGU treasurer",               0,     DENIED, DENIED, DENIED],
      ["platform admin",              0,     DENIED, DENIED, DENIED],
    ],
  });
});

describe("a person's own job data", () => {
  const ownRows = (table: string, column: string, insert: () => ReturnType<typeof sql>, update: () => ReturnType<typeof sql>): Block["ops"] => ({
    select: () => sql`select 1 from ${sql.raw(table)} where ${sql.raw(column)} = ${w.users["the applicant"].id}`,
    insert,
    update,
    delete: () => sql`delete from ${sql.raw(table)} where ${sql.raw(column)} = ${w.users["the applicant"].id}`,
  });
  const applicantOnly = (insert: number | string, deleteOwn: number | string, deleteOthers: number | string = 0): Block["rows"] => [
    // actor                        select insert  update  delete
    ["anonymous",                   0,     RLS,    0,      deleteOthers],
    ["the applicant",               1,     insert, 1,      deleteOwn],
    ["another member",              0,     RLS,    0,      deleteOthers],
    ["employer officer",            0,     RLS,    0,      deleteOthers],
    ["employer member",             0,     RLS,    0,      deleteOthers],
    ["officer of another employer", 0,     RLS,    0,      deleteOthers],
    ["LGU editor",                  0,     RLS,    0,      deleteOthers],
    ["LGU treasurer",               0,     RLS,    0,      deleteOthers],
    ["platform admin",              0,     RLS,    0,      deleteOthers],
  ];

  matrix({
    title: "jobseeker_profiles: the applicant's job profile",
    ops: ownRows(
      "jobseeker_profiles",
      "profile_id",
      // A second profile for the applicant is a duplicate key; for anyone else it is someone else's row.
      () => sql`insert into jobseeker_profiles (profile_id) values (${w.users["the applicant"].id})`,
      () => sql`update jobseeker_profiles set open_to_remote = true where profile_id = ${w.users["the applicant"].id}`,
    ),
    snapshot: () => sql`select to_jsonb(p) - 'updated_at' as row from jobseeker_profiles p where profile_id = ${w.users["the applicant"].id}`,
    // The profile is kept while the account lives (it goes with the account): nobody deletes it.
    rows: applicantOnly('duplicate key value violates unique constraint "jobseeker_profiles_pkey"', DENIED, DENIED),
  });

  matrix({
    title: "jobseeker_certificates: the applicant's certificate",
    ops: ownRows(
      "jobseeker_certificates",
      "profile_id",
      () => sql`insert into jobseeker_certificates (profile_id, title) values (${w.users["the applicant"].id}, 'Forklift licence')`,
      () => sql`update jobseeker_certificates set recognition = 'in_progress' where profile_id = ${w.users["the applicant"].id}`,
    ),
    snapshot: () => sql`select to_jsonb(c) as row from jobseeker_certificates c where profile_id = ${w.users["the applicant"].id} order by c.title`,
    rows: applicantOnly(1, 1),
  });

  matrix({
    title: "job_saved_searches: the applicant's saved search",
    ops: ownRows(
      "job_saved_searches",
      "user_id",
      () => sql`insert into job_saved_searches (user_id, name) values (${w.users["the applicant"].id}, 'Another')`,
      () => sql`update job_saved_searches set alerts = false where user_id = ${w.users["the applicant"].id}`,
    ),
    snapshot: () => sql`select to_jsonb(s) as row from job_saved_searches s where user_id = ${w.users["the applicant"].id} order by s.name`,
    rows: applicantOnly(1, 1),
  });
});
