/**
 * Row-level security of the online services (business permits and real property tax), as a matrix:
 * every table the services added, every kind of caller, every operation, allowed or refused as
 * designed, with the target rows read back by the database owner to prove a refusal changed nothing
 * (allowed writes are rolled back, so every case meets the same world).
 *
 * The design being checked: active permit types of verified LGUs and their requirements are public,
 * and only the LGU's permits officers and admins (and platform admins) define them; an applicant
 * sees only their own applications, writes only their details while it waits for them, and uploads
 * only to their own; the LGU's permits officers, treasurers and admins see its applications, but
 * documents only reach the permits office; status, history, permits, payments and numbering are
 * written only by the database functions; assessments and imports are the LGU's treasurers' and
 * admins' alone; published property forms are public. Staff of another LGU see none of it.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";
import { DENIED, matrixProbe, matrixRunner, RLS, type Expected, type MatrixBlock } from "../support/rls-matrix";

const db = setupTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;

const ACTORS = [
  "anonymous",
  "the applicant",
  "another member",
  "permits officer of another LGU",
  "treasurer of another LGU",
  "LGU admin",
  "LGU editor",
  "LGU treasurer",
  "LGU permits officer",
  "LGU investment officer",
  "platform admin",
] as const;
type Actor = (typeof ACTORS)[number];
type Block = MatrixBlock<Actor>;
type Row = Block["rows"][number];

interface World {
  users: Record<Exclude<Actor, "anonymous">, User>;
  town: string;
  activeType: string;
  inactiveType: string;
  usedRequirement: string;
  spareRequirement: string;
  draft: string;
  submitted: string;
  issued: string;
  assessment: string;
  publishedForm: string;
  hiddenForm: string;
}
let w: World;

const claimsOf = (actor: Actor): JwtClaims | null => (actor === "anonymous" ? null : w.users[actor].claims);
const probe = matrixProbe(db, (actor) => claimsOf(actor as Actor));
const matrix = matrixRunner(ACTORS, probe);

/** One row per actor from a rule: `who(actor)` picks the actors an operation's outcome applies to. */
const rows = (outcome: (actor: Actor) => [Expected, Expected, Expected, Expected]): Row[] => ACTORS.map((actor) => [actor, ...outcome(actor)] as const);

const PERMIT_OFFICE: readonly Actor[] = ["LGU admin", "LGU permits officer", "platform admin"];
const PERMIT_STAFF: readonly Actor[] = ["LGU admin", "LGU permits officer", "LGU treasurer", "platform admin"];
const TREASURY: readonly Actor[] = ["LGU admin", "LGU treasurer"];
const anonymousOr = (actor: Actor, anonymous: Expected, others: Expected) => (actor === "anonymous" ? anonymous : others);

beforeAll(async () => {
  const url = db().url;
  const user = (displayName: string) => createUser(url, { displayName });
  const users: World["users"] = {
    "the applicant": await user("Nena"),
    "another member": await user("Mario"),
    "permits officer of another LGU": await user("Olga"),
    "treasurer of another LGU": await user("Otto"),
    "LGU admin": await user("Ana"),
    "LGU editor": await user("Eddie"),
    "LGU treasurer": await user("Teresa"),
    "LGU permits officer": await user("Pedro"),
    "LGU investment officer": await user("Ivan"),
    "platform admin": await user("Pia"),
  };
  const town = (await createLgu(url, { createdBy: users["LGU admin"].id, verificationStatus: "verified" })).id;
  await addLguRole(url, town, users["LGU editor"].id, "editor");
  await addLguRole(url, town, users["LGU treasurer"].id, "treasurer");
  await addLguRole(url, town, users["LGU permits officer"].id, "permits_officer");
  await addLguRole(url, town, users["LGU investment officer"].id, "investment_officer");
  const otherTown = (await createLgu(url, { verificationStatus: "verified" })).id;
  await addLguRole(url, otherTown, users["permits officer of another LGU"].id, "permits_officer");
  await addLguRole(url, otherTown, users["treasurer of another LGU"].id, "treasurer");
  await makePlatformAdmin(url, users["platform admin"].id);

  const one = async (query: ReturnType<typeof sql>) => ((await probe.asOwner(query)) as unknown as { id: string }[])[0]!.id;
  const fee = JSON.stringify({ kind: "fixed", currency: "PHP", amountMinor: 150_000 });
  const type = (slug: string, active: boolean) =>
    one(sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days, active)
            values (${town}, ${slug}, '{"en":"Business permit"}', ${fee}::jsonb, 'PHP', 5, ${active}) returning id`);
  const activeType = await type("business", true);
  const inactiveType = await type("old-business", false);
  const requirement = (label: string) => one(sql`insert into permit_requirements (permit_type_id, label, mandatory) values (${activeType}, ${JSON.stringify({ en: label })}::jsonb, true) returning id`);
  const usedRequirement = await requirement("DTI registration");
  const spareRequirement = await requirement("Lease contract");
  const applicant = users["the applicant"].id;
  const application = (status: string, reference: string | null, feeMinor: number | null) =>
    one(sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, reference, status, business_name, line_of_business, address, owner_name, owner_phone, currency, fee_minor, submitted_at)
            values (${town}, ${activeType}, ${applicant}, ${reference}, ${status}::permit_application_status, 'Sari-sari ni Nena', 'Retail', 'Purok 3, Barangay Sabang', 'Nena Cruz', '+63 917 555 0142', 'PHP', ${feeMinor},
                    ${reference ? sql`now()` : sql`null`}) returning id`);
  const draft = await application("draft", null, null);
  const submitted = await application("submitted", "MATRIX-BP-2026-000001", null);
  const issued = await application("issued", "MATRIX-BP-2026-000002", 150_000);
  for (const app of [draft, submitted]) {
    await probe.asOwner(sql`insert into permit_documents (application_id, requirement_id, storage_key, content_type, size_bytes, file_name, uploaded_by)
                            values (${app}, ${usedRequirement}, ${`permits/${app}/matrix.pdf`}, 'application/pdf', 2048, 'dti.pdf', ${applicant})`);
  }
  await probe.asOwner(sql`insert into permit_events (application_id, lgu_id, from_status, to_status, actor_id) values (${submitted}, ${town}, 'draft', 'submitted', ${applicant})`);
  await probe.asOwner(sql`insert into permits (application_id, lgu_id, number, verification_token, valid_from, valid_until, issued_by)
                          values (${issued}, ${town}, 'MATRIX-PERMIT-2026-000001', ${"a".repeat(64)}, '2026-01-01', '2026-12-31', ${users["LGU permits officer"].id})`);
  await probe.asOwner(sql`insert into service_payments (lgu_id, subject, subject_id, payer_id, amount_minor, currency, channel, source, external_id, receipt_number)
                          values (${town}, 'permit_fee', ${issued}, ${applicant}, 150000, 'PHP', 'sandbox', 'sandbox', 'matrix-fee', 'MATRIX-OR-2026-000001')`);
  await probe.asOwner(sql`insert into service_counters (lgu_id, kind, year, last) values (${town}, 'BP', 2026, 2)`);
  await probe.asOwner(sql`insert into rpt_imports (lgu_id, created_by, file_name, storage_key, currency, total_bytes)
                          values (${town}, ${users["LGU treasurer"].id}, 'q1.csv', ${`rpt-imports/${town}/matrix.csv`}, 'PHP', 100)`);
  const assessment = await one(sql`insert into rpt_assessments (lgu_id, tax_declaration_number, property_location, owner_name, owner_last_name_key, assessed_value_minor, tax_due_minor, due_date, currency)
                                   values (${town}, 'TD-MATRIX-1', 'Purok 1', 'Dela Cruz, Juan', 'delacruz', 100000, 1200, '2026-03-31', 'PHP') returning id`);
  const form = (published: boolean) =>
    one(sql`insert into property_forms (lgu_id, title, storage_key, content_type, size_bytes, file_name, published, uploaded_by)
            values (${town}, '{"en":"Sworn statement"}', ${`property-forms/${town}/${crypto.randomUUID()}.pdf`}, 'application/pdf', 1024, 'form.pdf', ${published}, ${users["LGU treasurer"].id}) returning id`);
  w = {
    users, town, activeType, inactiveType, usedRequirement, spareRequirement, draft, submitted, issued, assessment,
    publishedForm: await form(true), hiddenForm: await form(false),
  };
});

describe("permit types and requirements", () => {
  const typeOps = (id: () => string, slug: string): Pick<Block, "ops" | "snapshot"> => ({
    ops: {
      select: () => sql`select 1 from permit_types where id = ${id()}`,
      insert: () => sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days)
                        values (${w.town}, ${slug}, '{"en":"Forged type"}', '{"kind":"fixed","currency":"PHP","amountMinor":1}', 'PHP', 1)`,
      update: () => sql`update permit_types set processing_days = 99 where id = ${id()}`,
      delete: () => sql`delete from permit_types where id = ${id()}`,
    },
    snapshot: () => sql`select to_jsonb(t) as row from permit_types t where t.id = ${id()} or t.slug = ${slug}`,
  });
  // Types are never deleted (applications refer to them): switched off instead.
  matrix({
    title: "permit_types: an active type of the verified LGU (public; defined by its permits office)",
    ...typeOps(() => w.activeType, "matrix-new-a"),
    rows: rows((a) => (PERMIT_OFFICE.includes(a) ? [1, 1, 1, DENIED] : [1, RLS, 0, DENIED])),
  });
  matrix({
    title: "permit_types: a type switched off (seen by its permits office only)",
    ...typeOps(() => w.inactiveType, "matrix-new-b"),
    rows: rows((a) => (PERMIT_OFFICE.includes(a) ? [1, 1, 1, DENIED] : [0, RLS, 0, DENIED])),
  });
  matrix({
    title: "permit_requirements: a requirement of the active type (public with it; no upload uses this one)",
    ops: {
      select: () => sql`select 1 from permit_requirements where id = ${w.spareRequirement}`,
      insert: () => sql`insert into permit_requirements (permit_type_id, label, mandatory) values (${w.activeType}, '{"en":"Forged requirement"}', false)`,
      update: () => sql`update permit_requirements set mandatory = false where id = ${w.spareRequirement}`,
      delete: () => sql`delete from permit_requirements where id = ${w.spareRequirement}`,
    },
    snapshot: () => sql`select to_jsonb(r) as row from permit_requirements r where r.permit_type_id = ${w.activeType} order by r.id`,
    rows: rows((a) => (PERMIT_OFFICE.includes(a) ? [1, 1, 1, 1] : [1, RLS, 0, 0])),
  });
});

describe("permit applications and their documents", () => {
  const applicationSnapshot = () => sql`select to_jsonb(a) as row from permit_applications a where a.lgu_id = ${w.town} order by a.id`;
  const insertDraft = () =>
    sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency)
        values (${w.town}, ${w.activeType}, auth.uid(), 'Forged store', 'Retail', 'Purok 9, Barangay Sabang', 'Someone', '+63 917 555 0000', 'PHP')`;
  const seesApplications = (a: Actor) => a === "the applicant" || PERMIT_STAFF.includes(a);
  // Anyone signed in may start their own draft; the public may not.
  const startsDraft = (a: Actor) => anonymousOr(a, DENIED, 1);

  matrix({
    title: "permit_applications: a draft (the applicant edits and discards it)",
    ops: {
      select: () => sql`select 1 from permit_applications where id = ${w.draft}`,
      insert: insertDraft,
      update: () => sql`update permit_applications set business_name = 'Renamed store' where id = ${w.draft}`,
      delete: () => sql`delete from permit_applications where id = ${w.draft}`,
    },
    snapshot: applicationSnapshot,
    rows: rows((a) => [seesApplications(a) ? 1 : 0, startsDraft(a), anonymousOr(a, DENIED, a === "the applicant" ? 1 : 0), a === "the applicant" ? 1 : 0]),
  });
  matrix({
    title: "permit_applications: a submitted application (nobody edits or deletes it directly)",
    ops: {
      select: () => sql`select 1 from permit_applications where id = ${w.submitted}`,
      insert: insertDraft,
      update: () => sql`update permit_applications set business_name = 'Renamed store' where id = ${w.submitted}`,
      delete: () => sql`delete from permit_applications where id = ${w.submitted}`,
    },
    snapshot: applicationSnapshot,
    rows: rows((a) => [seesApplications(a) ? 1 : 0, startsDraft(a), anonymousOr(a, DENIED, 0), 0]),
  });
  matrix({
    title: "permit_applications: status, reference and fee only move through the database functions",
    ops: {
      select: () => sql`select 1 from permit_applications where id = ${w.draft} and status = 'draft'`,
      insert: () => sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency, status, reference)
                        values (${w.town}, ${w.activeType}, auth.uid(), 'Forged store', 'Retail', 'Purok 9, Barangay Sabang', 'Someone', '+63 917 555 0000', 'PHP', 'approved', 'FORGED-1')`,
      update: () => sql`update permit_applications set status = 'approved', fee_minor = 0 where id = ${w.draft}`,
      delete: () => sql`delete from permit_applications where id = ${w.issued}`,
    },
    snapshot: applicationSnapshot,
    rows: rows((a) => [seesApplications(a) ? 1 : 0, DENIED, DENIED, 0]),
  });
  matrix({
    title: "permit_documents: the applicant's upload to the submitted application (the permits office reads it, the treasury does not)",
    ops: {
      select: () => sql`select 1 from permit_documents where application_id = ${w.submitted}`,
      // A new upload to the draft, which waits for its applicant.
      insert: () => sql`insert into permit_documents (application_id, requirement_id, storage_key, content_type, size_bytes, file_name, uploaded_by)
                        values (${w.draft}, ${w.usedRequirement}, ${`permits/${w.draft}/forged.pdf`}, 'application/pdf', 10, 'forged.pdf', auth.uid())`,
      update: () => sql`update permit_documents set file_name = 'renamed.pdf' where application_id = ${w.submitted}`,
      delete: () => sql`delete from permit_documents where application_id = ${w.submitted}`,
    },
    snapshot: () => sql`select to_jsonb(d) as row from permit_documents d order by d.id`,
    rows: rows((a) => [a === "the applicant" || PERMIT_OFFICE.includes(a) ? 1 : 0, anonymousOr(a, DENIED, a === "the applicant" ? 1 : RLS), DENIED, DENIED]),
  });
  matrix({
    title: "permit_documents: an upload to a submitted application (it no longer waits for the applicant)",
    ops: {
      select: () => sql`select 1 from permit_documents where application_id = ${w.submitted}`,
      insert: () => sql`insert into permit_documents (application_id, requirement_id, storage_key, content_type, size_bytes, file_name, uploaded_by)
                        values (${w.submitted}, ${w.usedRequirement}, ${`permits/${w.submitted}/late.pdf`}, 'application/pdf', 10, 'late.pdf', auth.uid())`,
      update: () => sql`update permit_documents set replaced_at = now() where application_id = ${w.submitted}`,
      delete: () => sql`delete from permit_documents where application_id = ${w.draft}`,
    },
    snapshot: () => sql`select to_jsonb(d) as row from permit_documents d order by d.id`,
    rows: rows((a) => [a === "the applicant" || PERMIT_OFFICE.includes(a) ? 1 : 0, anonymousOr(a, DENIED, RLS), DENIED, DENIED]),
  });
});

describe("what only the database functions write", () => {
  const readBy = (who: (a: Actor) => boolean) => rows((a) => [who(a) ? 1 : 0, DENIED, DENIED, DENIED]);
  const withApplication = (a: Actor) => a === "the applicant" || PERMIT_STAFF.includes(a);
  matrix({
    title: "permit_events: the history, seen with its application",
    ops: {
      select: () => sql`select 1 from permit_events where application_id = ${w.submitted}`,
      insert: () => sql`insert into permit_events (application_id, lgu_id, from_status, to_status) values (${w.submitted}, ${w.town}, 'submitted', 'approved')`,
      update: () => sql`update permit_events set note = 'forged' where application_id = ${w.submitted}`,
      delete: () => sql`delete from permit_events where application_id = ${w.submitted}`,
    },
    snapshot: () => sql`select to_jsonb(e) as row from permit_events e order by e.id`,
    rows: readBy(withApplication),
  });
  matrix({
    title: "permits: the issued permit, seen by its holder and the LGU's staff",
    ops: {
      select: () => sql`select 1 from permits where application_id = ${w.issued}`,
      insert: () => sql`insert into permits (application_id, lgu_id, number, verification_token, valid_from, valid_until)
                        values (${w.submitted}, ${w.town}, 'FORGED-PERMIT-1', ${"b".repeat(64)}, '2026-01-01', '2027-12-31')`,
      update: () => sql`update permits set valid_until = '2099-12-31' where application_id = ${w.issued}`,
      delete: () => sql`delete from permits where application_id = ${w.issued}`,
    },
    snapshot: () => sql`select to_jsonb(p) as row from permits p order by p.id`,
    rows: readBy(withApplication),
  });
  matrix({
    title: "service_payments: the fee paid, seen by its payer and the LGU's staff",
    ops: {
      select: () => sql`select 1 from service_payments where subject_id = ${w.issued}`,
      insert: () => sql`insert into service_payments (lgu_id, subject, subject_id, payer_id, amount_minor, currency, channel, source, external_id, receipt_number)
                        values (${w.town}, 'property_tax', ${w.assessment}, auth.uid(), 1, 'PHP', 'cash', 'treasurer', 'forged', 'FORGED-OR-1')`,
      update: () => sql`update service_payments set amount_minor = 1 where subject_id = ${w.issued}`,
      delete: () => sql`delete from service_payments where subject_id = ${w.issued}`,
    },
    snapshot: () => sql`select to_jsonb(p) as row from service_payments p order by p.id`,
    rows: readBy((a) => a === "the applicant" || PERMIT_STAFF.includes(a)),
  });
  matrix({
    title: "service_counters: the numbering, the server's alone",
    ops: {
      select: () => sql`select 1 from service_counters where lgu_id = ${w.town}`,
      insert: () => sql`insert into service_counters (lgu_id, kind, year, last) values (${w.town}, 'OR', 2026, 0)`,
      update: () => sql`update service_counters set last = 0 where lgu_id = ${w.town}`,
      delete: () => sql`delete from service_counters where lgu_id = ${w.town}`,
    },
    snapshot: () => sql`select to_jsonb(c) as row from service_counters c order by c.lgu_id, c.kind`,
    rows: readBy(() => false),
  });
});

describe("real property tax", () => {
  matrix({
    title: "rpt_imports: the LGU's imports (its treasurers and admins start them; the server runs them)",
    ops: {
      select: () => sql`select 1 from rpt_imports where lgu_id = ${w.town}`,
      insert: () => sql`insert into rpt_imports (lgu_id, created_by, file_name, storage_key, currency, total_bytes)
                        values (${w.town}, auth.uid(), 'forged.csv', ${`rpt-imports/${w.town}/forged.csv`}, 'PHP', 1)`,
      update: () => sql`update rpt_imports set status = 'done' where lgu_id = ${w.town}`,
      delete: () => sql`delete from rpt_imports where lgu_id = ${w.town}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from rpt_imports i order by i.id`,
    rows: rows((a) => (a === "anonymous" ? [DENIED, DENIED, DENIED, DENIED] : TREASURY.includes(a) ? [1, 1, DENIED, DENIED] : [0, RLS, DENIED, DENIED])),
  });
  matrix({
    title: "rpt_assessments: the LGU's assessments (never read by the public, only through rpt_lookup)",
    ops: {
      select: () => sql`select 1 from rpt_assessments where id = ${w.assessment}`,
      insert: () => sql`insert into rpt_assessments (lgu_id, tax_declaration_number, property_location, owner_name, owner_last_name_key, assessed_value_minor, tax_due_minor, due_date, currency)
                        values (${w.town}, 'TD-FORGED', 'Purok 2', 'Reyes, Ana', 'reyes', 1, 1, '2026-03-31', 'PHP')`,
      update: () => sql`update rpt_assessments set tax_due_minor = 1 where id = ${w.assessment}`,
      delete: () => sql`delete from rpt_assessments where id = ${w.assessment}`,
    },
    snapshot: () => sql`select to_jsonb(x) as row from rpt_assessments x order by x.id`,
    rows: rows((a) => (a === "anonymous" ? [DENIED, DENIED, DENIED, DENIED] : TREASURY.includes(a) ? [1, 1, 1, DENIED] : [0, RLS, 0, DENIED])),
  });
  const formOps = (id: () => string): Pick<Block, "ops" | "snapshot"> => ({
    ops: {
      select: () => sql`select 1 from property_forms where id = ${id()}`,
      insert: () => sql`insert into property_forms (lgu_id, title, storage_key, content_type, size_bytes, file_name, uploaded_by)
                        values (${w.town}, '{"en":"Forged form"}', ${`property-forms/${w.town}/forged.pdf`}, 'application/pdf', 10, 'forged.pdf', auth.uid())`,
      update: () => sql`update property_forms set title = '{"en":"Renamed"}' where id = ${id()}`,
      delete: () => sql`delete from property_forms where id = ${id()}`,
    },
    snapshot: () => sql`select to_jsonb(f) as row from property_forms f order by f.id`,
  });
  matrix({
    title: "property_forms: a published form (public; kept by the LGU's treasurers and admins)",
    ...formOps(() => w.publishedForm),
    rows: rows((a) => (a === "anonymous" ? [1, DENIED, DENIED, DENIED] : TREASURY.includes(a) ? [1, 1, 1, 1] : [1, RLS, 0, 0])),
  });
  matrix({
    title: "property_forms: a form not published",
    ...formOps(() => w.hiddenForm),
    rows: rows((a) => (a === "anonymous" ? [0, DENIED, DENIED, DENIED] : TREASURY.includes(a) ? [1, 1, 1, 1] : [0, RLS, 0, 0])),
  });
});
