/**
 * Business permits in the database: the application's life (draft → submitted → information
 * requested → resubmitted → assessed → approved → paid → issued, or rejected), each step only by
 * the right person and from the right status, with its history and audit; references and numbers
 * per LGU and year; the fee paid once; the public checks (status lookup with a second factor,
 * verification by the QR code's token); and what the wrong people cannot see or do.
 */
import { sql, type SQL } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";
import { refusalOf } from "../support/project-factories";

const db = setupTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;
const as = (user: User | null, query: SQL) => db().client.withRls(user?.claims ?? null, (tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);
const owner = (query: SQL) => db().client.asService((tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);
const one = async (user: User | null, query: SQL) => (await as(user, query))[0]!;

let officer: User, treasurer: User, editor: User, applicant: User, stranger: User, otherOfficer: User, admin: User;
let lgu: { id: string; slug: string };
let otherLgu: { id: string; slug: string };
let typeId: string;
let mandatory: string;
let optional: string;
const year = new Date().getUTCFullYear();

beforeAll(async () => {
  const url = db().url;
  const users = await Promise.all(Array.from({ length: 7 }, () => createUser(url)));
  [officer, treasurer, editor, applicant, stranger, otherOfficer, admin] = users as [User, User, User, User, User, User, User];
  lgu = await createLgu(url, { createdBy: admin.id, verificationStatus: "verified", name: "Naga City" });
  otherLgu = await createLgu(url, { createdBy: otherOfficer.id, verificationStatus: "verified" });
  await addLguRole(url, lgu.id, officer.id, "permits_officer");
  await addLguRole(url, lgu.id, treasurer.id, "treasurer");
  await addLguRole(url, lgu.id, editor.id, "editor");
  await addLguRole(url, otherLgu.id, otherOfficer.id, "permits_officer");
  const schedule = { kind: "fixed", currency: "PHP", amountMinor: 150_000 };
  // Permits officers define types; an editor may not.
  const typeInsert = (who: User) =>
    as(who, sql`insert into permit_types (lgu_id, slug, name, fee_schedule, currency, processing_days)
                values (${lgu.id}, ${`business-${who.id.slice(0, 8)}`}, ${JSON.stringify({ en: "Business permit" })}::jsonb, ${JSON.stringify(schedule)}::jsonb, 'PHP', 5) returning id`);
  expect(await refusalOf(typeInsert(editor))).toMatchObject({ code: "42501" });
  expect(await refusalOf(typeInsert(otherOfficer))).toMatchObject({ code: "42501" });
  typeId = (await typeInsert(officer))[0]!.id as string;
  mandatory = (await one(officer, sql`insert into permit_requirements (permit_type_id, label, mandatory) values (${typeId}, '{"en":"DTI registration"}', true) returning id`)).id as string;
  optional = (await one(officer, sql`insert into permit_requirements (permit_type_id, label, mandatory, position) values (${typeId}, '{"en":"Lease contract"}', false, 1) returning id`)).id as string;
});

async function draft(who: User, businessName = "Sari-sari ni Aling Nena") {
  const row = await one(
    who,
    sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, declared_minor, currency)
        values (${lgu.id}, ${typeId}, ${who.id}, ${businessName}, 'Retail (sari-sari store)', 'Purok 3, Barangay Sabang, Naga City', 'Nena Cruz', '+63 917 555 0142', 5000000, 'PHP')
        returning id`,
  );
  return row.id as string;
}

const upload = (who: User, applicationId: string, requirementId: string, name = "dti.pdf") =>
  as(who, sql`insert into permit_documents (application_id, requirement_id, storage_key, content_type, size_bytes, file_name, uploaded_by)
              values (${applicationId}, ${requirementId}, ${`permits/${applicationId}/${crypto.randomUUID()}.pdf`}, 'application/pdf', 2048, ${name}, ${who.id})`);

const statusOf = async (id: string) => (await owner(sql`select status, reference, fee_minor, officer_note from permit_applications where id = ${id}`))[0]!;

describe("a business permit application", () => {
  it("goes from draft to issued, each step by the right person, with its history, audit and numbers", async () => {
    const id = await draft(applicant);
    // Not without the mandatory document.
    expect(await refusalOf(as(applicant, sql`select public.submit_permit_application(${id})`))).toMatchObject({ hint: "documents_missing" });
    await upload(applicant, id, mandatory);
    const [{ reference }] = (await as(applicant, sql`select public.submit_permit_application(${id}) as reference`)) as [{ reference: string }];
    expect(reference).toBe(`${lgu.slug.toUpperCase()}-BP-${year}-000001`);

    // Submitted: the applicant can no longer change it; nobody but its LGU's officers moves it.
    expect(await as(applicant, sql`update permit_applications set business_name = 'Changed' where id = ${id} returning id`)).toEqual([]);
    for (const who of [applicant, editor, otherOfficer, stranger, treasurer]) {
      expect(await refusalOf(as(who, sql`select public.request_permit_information(${id}, 'Please upload a clearer copy.')`)), "request info").toMatchObject({ code: "42501" });
      expect(await refusalOf(as(who, sql`select public.assess_permit_fee(${id}, 1)`)), "assess").toMatchObject({ code: "42501" });
    }
    expect(await refusalOf(as(officer, sql`select public.request_permit_information(${id}, 'no')`))).toMatchObject({ hint: "note_required" });
    await as(officer, sql`select public.request_permit_information(${id}, 'Please upload the lease contract, signed.')`);
    expect(await statusOf(id)).toMatchObject({ status: "info_requested", officer_note: "Please upload the lease contract, signed." });

    // The applicant corrects, uploads again (replacing the earlier file) and resubmits: same reference.
    await as(applicant, sql`update permit_applications set business_name = 'Sari-sari ni Nena' where id = ${id}`);
    await upload(applicant, id, mandatory, "dti-clear.pdf");
    await upload(applicant, id, optional, "lease.pdf");
    const documents = await as(officer, sql`select file_name, replaced_at is not null as replaced from permit_documents where application_id = ${id} order by uploaded_at, file_name`);
    expect(documents).toEqual([
      { file_name: "dti.pdf", replaced: true },
      { file_name: "dti-clear.pdf", replaced: false },
      { file_name: "lease.pdf", replaced: false },
    ]);
    expect(await one(applicant, sql`select public.submit_permit_application(${id}) as reference`)).toEqual({ reference });

    // Assessed, approved, paid once at the treasury, issued.
    expect(await refusalOf(as(officer, sql`select public.approve_permit_application(${id})`))).toMatchObject({ hint: "wrong_status" });
    expect(await refusalOf(as(officer, sql`select public.assess_permit_fee(${id}, -1)`))).toMatchObject({ hint: "fee_invalid" });
    await as(officer, sql`select public.assess_permit_fee(${id}, 150000)`);
    await as(officer, sql`select public.approve_permit_application(${id})`);
    const pay = (who: User, amount: number, key: string) => as(who, sql`select public.record_permit_fee_payment(${id}, ${amount}, 'cash', 'treasurer', ${key}) as receipt`);
    expect(await refusalOf(pay(applicant, 150_000, "or-1"))).toMatchObject({ code: "42501" });
    expect(await refusalOf(pay(officer, 150_000, "or-1"))).toMatchObject({ code: "42501" });
    expect(await refusalOf(pay(treasurer, 100_000, "or-1"))).toMatchObject({ hint: "amount_not_fee" });
    const [{ receipt }] = (await pay(treasurer, 150_000, "or-1")) as [{ receipt: string }];
    expect(receipt).toBe(`${lgu.slug.toUpperCase()}-OR-${year}-000001`);
    expect(await pay(treasurer, 150_000, "or-1")).toEqual([{ receipt }]); // the same form again: once
    expect(await owner(sql`select amount_minor, channel, payer_id from service_payments where subject_id = ${id}`)).toEqual([
      { amount_minor: "150000", channel: "cash", payer_id: applicant.id },
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await refusalOf(as(officer, sql`select public.issue_permit(${id}, '2001-01-01')`))).toMatchObject({ hint: "valid_from_invalid" });
    const [{ number }] = (await as(officer, sql`select public.issue_permit(${id}, ${today}::date) as number`)) as [{ number: string }];
    expect(number).toBe(`${lgu.slug.toUpperCase()}-PERMIT-${year}-000001`);
    expect(await refusalOf(as(officer, sql`select public.issue_permit(${id}, ${today}::date)`))).toMatchObject({ hint: "wrong_status" });

    const history = await as(applicant, sql`select from_status, to_status, actor_id from permit_events where application_id = ${id} order by id`);
    expect(history.map((h) => [h.from_status, h.to_status, h.actor_id])).toEqual([
      ["draft", "submitted", applicant.id],
      ["submitted", "info_requested", officer.id],
      ["info_requested", "submitted", applicant.id],
      ["submitted", "assessed", officer.id],
      ["assessed", "approved", officer.id],
      ["approved", "paid", treasurer.id],
      ["paid", "issued", officer.id],
    ]);
    const audit = await owner(sql`select actor_id, action from audit_log where subject_table = 'permit_applications' and subject_id = ${id} order by id`);
    expect(audit).toHaveLength(7);
    expect(await owner(sql`select count(*)::int as n from audit_log where subject_table in ('permits', 'service_payments') and lgu_id = ${lgu.id}`)).toEqual([{ n: 2 }]);

    // Anyone verifies it by its token; the status lookup needs the reference and a second factor.
    const [{ verification_token: token, valid_until: validUntil }] = (await owner(sql`select verification_token, valid_until::text from permits where number = ${number}`)) as [{ verification_token: string; valid_until: string }];
    expect(await as(null, sql`select number, business_name, lgu_name, state from public.verify_permit(${token})`)).toEqual([
      { number, business_name: "Sari-sari ni Nena", lgu_name: "Naga City", state: "valid" },
    ]);
    expect(validUntil > today).toBe(true);
    expect(await as(null, sql`select * from public.verify_permit('not-a-token')`)).toEqual([]);
    expect(await as(null, sql`select * from public.verify_permit(${token.replace(/.$/, (c) => (c === "0" ? "1" : "0"))})`)).toEqual([]);
    const lookup = (ref: string, factor: string) => as(null, sql`select status from public.permit_status_lookup(${ref}, ${factor})`);
    expect(await lookup(reference.toLowerCase(), "  sari-sari   NI nena ")).toEqual([{ status: "issued" }]);
    expect(await lookup(reference, "0142")).toEqual([{ status: "issued" }]);
    for (const wrong of ["0143", "Sari-sari", "", "ni Nena"]) expect(await lookup(reference, wrong), wrong).toEqual([]);

    // Time figures for the LGU's officers only.
    expect(await as(officer, sql`select permit_type_id, issued from public.permit_processing_times(${lgu.id})`)).toEqual([{ permit_type_id: typeId, issued: 1 }]);
    expect(await refusalOf(as(applicant, sql`select * from public.permit_processing_times(${lgu.id})`))).toMatchObject({ code: "42501" });
  });

  it("is rejected with a reason, not from a final status; a free permit needs no payment", async () => {
    const id = await draft(applicant, "Karinderya ni Berto");
    await upload(applicant, id, mandatory);
    await as(applicant, sql`select public.submit_permit_application(${id})`);
    expect(await refusalOf(as(officer, sql`select public.reject_permit_application(${id}, '')`))).toMatchObject({ hint: "note_required" });
    await as(officer, sql`select public.reject_permit_application(${id}, 'The address is outside Naga City.')`);
    expect(await statusOf(id)).toMatchObject({ status: "rejected", officer_note: "The address is outside Naga City." });
    expect(await refusalOf(as(officer, sql`select public.reject_permit_application(${id}, 'Again, for the record.')`))).toMatchObject({ hint: "wrong_status" });
    expect(await refusalOf(as(applicant, sql`select public.submit_permit_application(${id})`))).toMatchObject({ hint: "wrong_status" });

    const free = await draft(applicant, "Barangay fiesta stall");
    await upload(applicant, free, mandatory);
    await as(applicant, sql`select public.submit_permit_application(${free})`);
    await as(officer, sql`select public.assess_permit_fee(${free}, 0)`);
    await as(officer, sql`select public.approve_permit_application(${free})`);
    expect(await statusOf(free)).toMatchObject({ status: "paid", fee_minor: "0" });
  });

  it("keeps applicants to their own details: no status, reference, fee or other people's permits", async () => {
    const id = await draft(applicant, "Bakery");
    for (const forged of [
      sql`update permit_applications set status = 'issued' where id = ${id}`,
      sql`update permit_applications set fee_minor = 0 where id = ${id}`,
      sql`update permit_applications set reference = 'FORGED' where id = ${id}`,
      sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency, status)
          values (${lgu.id}, ${typeId}, ${applicant.id}, 'Forged', 'Retail', 'Somewhere in town', 'Someone', '09171234567', 'PHP', 'issued')`,
      sql`insert into permit_events (application_id, lgu_id, to_status) values (${id}, ${lgu.id}, 'issued')`,
      sql`insert into service_payments (lgu_id, subject, subject_id, amount_minor, currency, channel, source, external_id, receipt_number)
          values (${lgu.id}, 'permit_fee', ${id}, 1, 'PHP', 'cash', 'treasurer', 'forged', 'FORGED')`,
    ]) {
      expect(await refusalOf(as(applicant, forged))).toMatchObject({ code: "42501" });
    }
    // The wrong currency for the type, and someone else's name as applicant.
    expect(await refusalOf(as(applicant, sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency)
        values (${lgu.id}, ${typeId}, ${applicant.id}, 'Bakery', 'Retail', 'Somewhere in town', 'Someone', '09171234567', 'USD')`))).toMatchObject({ code: "42501" });
    expect(await refusalOf(as(stranger, sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency)
        values (${lgu.id}, ${typeId}, ${applicant.id}, 'Bakery', 'Retail', 'Somewhere in town', 'Someone', '09171234567', 'PHP')`))).toMatchObject({ code: "42501" });
    // A document for another application, or under another application's storage path.
    const theirs = await draft(stranger, "Stranger's shop");
    expect(await refusalOf(upload(applicant, theirs, mandatory))).toMatchObject({ code: "42501" });
    expect(await refusalOf(as(applicant, sql`insert into permit_documents (application_id, requirement_id, storage_key, content_type, size_bytes, file_name, uploaded_by)
        values (${id}, ${mandatory}, ${`permits/${theirs}/x.pdf`}, 'application/pdf', 10, 'x.pdf', ${applicant.id})`))).toMatchObject({ constraint: "permit_documents_key" });
    // A renewal only of one's own permit.
    const [{ id: issuedPermit }] = (await owner(sql`select p.id from permits p join permit_applications a on a.id = p.application_id where a.applicant_id = ${applicant.id} limit 1`)) as [{ id: string }];
    expect(await refusalOf(as(stranger, sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency, renewal_of)
        values (${lgu.id}, ${typeId}, ${stranger.id}, 'Renewal', 'Retail', 'Somewhere in town', 'Someone', '09171234567', 'PHP', ${issuedPermit})`))).toMatchObject({ code: "42501" });
    await as(applicant, sql`insert into permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, currency, renewal_of)
        values (${lgu.id}, ${typeId}, ${applicant.id}, 'Sari-sari ni Nena', 'Retail', 'Somewhere in town', 'Nena Cruz', '09171234567', 'PHP', ${issuedPermit})`);
  });

  it("is seen only by its applicant and its LGU's staff; documents only by the applicant and permits officers", async () => {
    const id = await draft(applicant, "Seen by few");
    await upload(applicant, id, mandatory);
    await as(applicant, sql`select public.submit_permit_application(${id})`);
    const platformAdmin = await createUser(db().url);
    await makePlatformAdmin(db().url, platformAdmin.id);
    const sees = async (who: User | null) => ({
      application: (await as(who, sql`select 1 from permit_applications where id = ${id}`)).length,
      documents: (await as(who, sql`select 1 from permit_documents where application_id = ${id}`)).length,
      history: (await as(who, sql`select 1 from permit_events where application_id = ${id}`)).length,
      counters: (await as(who, sql`select 1 from service_counters`)).length,
    });
    expect(await sees(applicant)).toEqual({ application: 1, documents: 1, history: 1, counters: 0 });
    expect(await sees(officer)).toEqual({ application: 1, documents: 1, history: 1, counters: 0 });
    expect(await sees(platformAdmin)).toEqual({ application: 1, documents: 1, history: 1, counters: 0 });
    expect(await sees(treasurer)).toEqual({ application: 1, documents: 0, history: 1, counters: 0 });
    for (const who of [null, stranger, editor, otherOfficer]) expect(await sees(who)).toEqual({ application: 0, documents: 0, history: 0, counters: 0 });
    // The issued permit and its fee payment (from the first test).
    const seesIssued = async (who: User | null) => ({
      permits: (await as(who, sql`select 1 from permits where lgu_id = ${lgu.id}`)).length,
      payments: (await as(who, sql`select 1 from service_payments where lgu_id = ${lgu.id} and subject = 'permit_fee' and amount_minor > 0`)).length,
    });
    for (const who of [applicant, officer, treasurer, platformAdmin]) expect(await seesIssued(who)).toEqual({ permits: 1, payments: 1 });
    for (const who of [null, stranger, editor, otherOfficer]) expect(await seesIssued(who)).toEqual({ permits: 0, payments: 0 });
    // Types are public while active, for verified LGUs.
    expect(await as(null, sql`select 1 from permit_types where id = ${typeId}`)).toHaveLength(1);
    expect(await as(null, sql`select 1 from permit_requirements where permit_type_id = ${typeId}`)).toHaveLength(2);
    // An applicant's update of a type reaches no row (RLS), and the fee stays.
    expect(await as(applicant, sql`update permit_types set fee_schedule = '{"kind":"fixed","currency":"PHP","amountMinor":1}' where id = ${typeId} returning id`)).toEqual([]);
    expect(await owner(sql`select fee_schedule->>'amountMinor' as fee from permit_types where id = ${typeId}`)).toEqual([{ fee: "150000" }]);
  });
});

describe("service numbers", () => {
  it("keep six digits and grow past them instead of repeating", async () => {
    await owner(sql`insert into service_counters (lgu_id, kind, year, last) values (${lgu.id}, 'TEST', 2030, 999998)`);
    // As the database owner: the function is for the permit functions alone.
    const next = async () => ((await db().client.sql`select app_private.next_service_number(${lgu.id}, 'TEST', 2030) as n`)[0]!.n as string);
    expect([await next(), await next()]).toEqual([`${lgu.slug.toUpperCase()}-TEST-2030-999999`, `${lgu.slug.toUpperCase()}-TEST-2030-1000000`]);
  });
});
