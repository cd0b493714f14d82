/**
 * Jobs end to end in the database and the services: posting (only verified posters; bad input
 * refused and nothing changed), search (full text in English stems and Filipino words, every
 * filter, the orders, pages, and what is never listed), applying through the page (CV checked by
 * its bytes and size, once per job, closed jobs refused, nothing stored on a refusal, a CV made
 * from the shared profile), the employer's pipeline with its history and audit, messages by email
 * without the applicant's address, closing after the closing date.
 */
import { readdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import { parseWithZod } from "@conform-to/zod";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { createLocalStorage } from "../../app/adapters/storage/local.server";
import { getEnv } from "../../app/config/env.server";
import { setDbClient, type JwtClaims } from "../../app/db/client.server";
import { applyToJob, applicationForPoster, messageApplicant, moveApplication, myApplication, pipeline } from "../../app/modules/jobs/applications.server";
import { closeExpiredJobs } from "../../app/modules/jobs/closing.server";
import { postJob, setJobOpen, updateJob } from "../../app/modules/jobs/postings.server";
import { jobFormSchema, jobSearchSchema } from "../../app/modules/jobs/schema";
import { getJob, PLACE_OPTIONS_TTL_MS, placeFilterOptions, searchJobs } from "../../app/modules/jobs/search.server";
import { JOB_MATCH_WEIGHTS, type JobMatchWeights } from "../../app/modules/matching/weights";
import { jobsForMe, jobsForPerson } from "../../app/modules/matching/jobs.server";
import { FormProblem } from "../../app/modules/organisations/errors.server";
import { action as applyAction } from "../../app/routes/jobs.$id_.apply";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createOrganisation, createUser } from "../support/factories";
import { createJob } from "../support/job-factories";
import { capturingEmail, pngBytes, samplePdf, tempUploadsDir } from "../support/org-factories";
import { answer, context, postMultipart, routeCalls } from "../support/route-calls";

const db = setupTestDatabase();
const uploads = tempUploadsDir();
const storage = createLocalStorage({ root: uploads, secret: getEnv().SESSION_SECRET });
const mail = capturingEmail();
const { signedIn } = routeCalls(db);
type User = Awaited<ReturnType<typeof createUser>>;

/** As the database owner (outside RLS; the triggers run). */
const owner = (query: ReturnType<typeof sql>) => db().client.db.execute(query).then((rows) => [...rows] as Record<string, unknown>[]);
/** As the database owner with triggers off: for moving a row into a state the rules would refuse (a date in the past). */
const untriggered = (...queries: ReturnType<typeof sql>[]) =>
  db().client.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    for (const query of queries) await tx.execute(query);
  });
const cvFiles = () => readdirSync(uploads, { recursive: true }).filter((f) => /\.(pdf|docx|png)$/.test(String(f))).length;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const search = (query: Record<string, string>, language = "en") => db().client.withRls(null, (tx) => searchJobs(tx, jobSearchSchema.parse(query), language));
const titles = (result: Awaited<ReturnType<typeof search>>) => result.jobs.map((j) => j.title?.text);

/** A minimal DOCX: a ZIP whose entries are a Word document's (names stored in the local headers). */
function docxBytes() {
  const entry = (name: string) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name), Buffer.from("<xml/>")]);
  return Buffer.concat([entry("[Content_Types].xml"), entry("word/document.xml"), Buffer.from([0x50, 0x4b, 0x05, 0x06]), Buffer.alloc(18)]);
}

let officer: User, otherOfficer: User, editor: User;
let employer: { id: string; slug: string };
let unverified: { id: string; slug: string };
let lgu: { id: string; slug: string };
let places: { province: string; city: string; town: string; otherProvince: string };

/** The posting form as a browser sends it, parsed the way the route parses it (conform + zod). */
function parsed(overrides: Record<string, string | string[]> = {}) {
  const fields: Record<string, string | string[]> = {
    textLanguage: "en",
    title: "Motor mechanic",
    description: "Repairs cars and light trucks in our workshop in the city centre.",
    sector: "G",
    occupationCode: "72",
    skillsRequired: ["motor_vehicle_mechanics"],
    employmentType: "full_time",
    placeId: places.city,
    salaryMin: "18,000",
    salaryMax: "25,000",
    salaryCurrency: "PHP",
    openings: "2",
    closesOn: inDays(30),
    ...overrides,
  };
  const fd = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) fd.append(key, v);
  const submission = parseWithZod(fd, { schema: jobFormSchema });
  return submission.status === "success"
    ? { success: true as const, data: submission.value, issues: [] }
    : { success: false as const, issues: Object.entries(submission.error ?? {}).flatMap(([field, messages]) => (messages ?? []).map((m) => `${field}: ${m}`)) };
}

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ storage, email: mail.port });
  const url = db().url;
  [officer, otherOfficer, editor] = await Promise.all([createUser(url), createUser(url), createUser(url)]);
  employer = await createOrganisation(url, { kind: "employer", createdBy: officer.id, verificationStatus: "verified", name: "Bicol Auto Works" });
  unverified = await createOrganisation(url, { kind: "employer", createdBy: officer.id, verificationStatus: "pending", name: "Pending Garage" });
  await createOrganisation(url, { kind: "employer", createdBy: otherOfficer.id, verificationStatus: "verified" });
  const [country] = await owner(sql`insert into places (kind, name, country_code) values ('country', 'Jobland', 'JL') returning id`);
  const [province] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${country!.id}, 'province', 'Camarines Test', 'JL') returning id`);
  const [otherProvince] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${country!.id}, 'province', 'Far Province', 'JL') returning id`);
  const [city] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${province!.id}, 'city', 'Naga Test City', 'JL') returning id`);
  const [town] = await owner(sql`insert into places (parent_id, kind, name, country_code) values (${province!.id}, 'municipality', 'Pili Test', 'JL') returning id`);
  places = { province: province!.id as string, city: city!.id as string, town: town!.id as string, otherProvince: otherProvince!.id as string };
  lgu = await createLgu(url, { verificationStatus: "verified", placeId: places.city });
  await addLguRole(url, lgu.id, editor.id, "editor");
});

describe("posting", () => {
  it("refuses bad input with a message beside the field", () => {
    const issues = (result: ReturnType<typeof parsed>) => result.issues;
    expect(issues(parsed({ salaryMin: "30,000", salaryMax: "20,000" }))).toEqual(["salaryMax: jobs:validation.salaryRange"]);
    expect(issues(parsed({ closesOn: inDays(-1) }))).toEqual(["closesOn: jobs:validation.closingInPast"]);
    expect(issues(parsed({ closesOn: "2027-02-30" }))).toEqual(["closesOn: jobs:validation.closesOn"]);
    expect(issues(parsed({ placeId: "" }))).toEqual(["placeId: jobs:validation.placeOrRemote"]);
    expect(issues(parsed({ salaryCurrency: "" }))).toEqual(["salaryCurrency: jobs:validation.salaryCurrency"]);
    expect(issues(parsed({ occupationCode: "99" }))).toEqual(["occupationCode: jobs:validation.choice"]);
    expect(issues(parsed({ skillsRequired: ["juggling"] }))).toEqual(["skillsRequired[0]: jobs:validation.choice"]);
    expect(parsed().success).toBe(true);
  });

  it("lets a verified employer's member post, and refuses an unverified employer with nothing changed", async () => {
    const input = parsed();
    if (!input.success) throw new Error("form");
    const id = await postJob(officer.claims, { organisationId: employer.id }, input.data);
    const [job] = await owner(sql`select status, salary_min_minor, salary_max_minor, salary_currency, place_path, posted_by from jobs where id = ${id}`);
    expect(job).toMatchObject({ status: "open", salary_min_minor: "1800000", salary_max_minor: "2500000", salary_currency: "PHP", posted_by: officer.id });
    expect(job!.place_path).toEqual([places.city, places.province, expect.any(String)]);
    const before = await owner(sql`select count(*)::int as n from jobs`);
    const refused = await postJob(officer.claims, { organisationId: unverified.id }, input.data).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(FormProblem);
    expect((refused as FormProblem).messageKey).toBe("jobs:errors.posterNotVerified");
    // Someone who is not the employer's member cannot post for it.
    const notStaff = await postJob(otherOfficer.claims, { organisationId: employer.id }, input.data).catch((e: unknown) => e);
    expect((notStaff as FormProblem).messageKey).toBe("jobs:errors.notStaff");
    expect(await owner(sql`select count(*)::int as n from jobs`)).toEqual(before);
  });

  it("has the database refuse a past closing date and an upside-down salary even past the form", async () => {
    const input = parsed();
    if (!input.success) throw new Error("form");
    const past = await postJob(officer.claims, { organisationId: employer.id }, { ...input.data, closesOn: inDays(-2) }).catch((e: unknown) => e);
    expect((past as FormProblem).messageKey).toBe("jobs:validation.closingInPast");
    const upside = await postJob(officer.claims, { organisationId: employer.id }, { ...input.data, salaryMinMinor: 3_000_000, salaryMaxMinor: 1_000_000 }).catch((e: unknown) => e);
    expect((upside as FormProblem).messageKey).toBe("jobs:validation.salaryRange");
  });

  it("adds a translation without losing the other language, and closes and reopens", async () => {
    const input = parsed();
    if (!input.success) throw new Error("form");
    const id = await postJob(officer.claims, { organisationId: employer.id }, { ...input.data, title: "Translator job" });
    await updateJob(officer.claims, { organisationId: employer.id }, id, { ...input.data, textLanguage: "fil", title: "Trabaho ng tagasalin", description: "Nagsasalin ng mga dokumento mula Ingles patungong Filipino." });
    const [row] = await owner(sql`select title from jobs where id = ${id}`);
    expect(row!.title).toEqual({ en: "Translator job", fil: "Trabaho ng tagasalin" });
    await setJobOpen(officer.claims, { organisationId: employer.id }, id, false);
    expect((await owner(sql`select status, closed_at is not null as closed from jobs where id = ${id}`))[0]).toEqual({ status: "closed", closed: true });
    expect((await owner(sql`select count(*)::int as n from app_private.job_listings where job_id = ${id}`))[0]).toEqual({ n: 0 });
    await setJobOpen(officer.claims, { organisationId: employer.id }, id, true);
    expect((await owner(sql`select count(*)::int as n from app_private.job_listings where job_id = ${id}`))[0]).toEqual({ n: 1 });
    // Audited: posted, translated, closed, reopened.
    const audit = await owner(sql`select action from audit_log where subject_table = 'jobs' and subject_id = ${id} order by id`);
    expect(audit.map((a) => a.action)).toEqual(["jobs.insert", "jobs.update", "jobs.update", "jobs.update"]);
  });
});

describe("search", () => {
  beforeAll(async () => {
    const url = db().url;
    const post = (o: Parameters<typeof createJob>[1]) => createJob(url, { organisationId: employer.id, ...o });
    await post({ title: "Diesel mechanics wanted", description: "Heavy trucks and buses.", placeId: places.town, occupationCode: "72", sector: "H", employmentType: "contract", salary: { min: 2_000_000, max: 3_000_000, currency: "PHP" }, closesOn: inDays(5) });
    await post({ title: "Mekaniko ng motorsiklo", description: "Pag-aayos ng motorsiklo at tricycle.", placeId: places.city, occupationCode: "72", sector: "G", salary: { min: 1_500_000, max: 1_700_000, currency: "PHP" }, closesOn: inDays(40) });
    await post({ title: "Hotel receptionist", description: "Front desk, guests from abroad.", placeId: places.otherProvince, occupationCode: "42", sector: "I", employmentType: "part_time", languages: ["en"], closesOn: inDays(20) });
    await post({ title: "Remote bookkeeper", description: "Bookkeeping for small shops.", remote: true, occupationCode: "43", sector: "M", salary: { min: 80_000, max: 120_000, currency: "USD" }, closesOn: inDays(10) });
    // Never listed: a closed job, a job past its closing date that is still 'open', an unverified employer's job.
    await post({ title: "Closed mechanic job", status: "closed" });
    const expired = await post({ title: "Expired mechanic job" });
    await untriggered(sql`update jobs set closes_on = current_date - 1 where id = ${expired}`, sql`update app_private.job_listings set closes_on = current_date - 1 where job_id = ${expired}`);
    await owner(sql`update organisations set verification_status = 'verified', verified_at = now() where id = ${unverified.id}`);
    await createJob(url, { organisationId: unverified.id, title: "Suspended garage mechanic" });
    await owner(sql`update organisations set verification_status = 'suspended', verified_at = null where id = ${unverified.id}`);
  });

  it("finds English stems and Filipino words, accent-insensitively, and never closed, expired or suspended employers' jobs", async () => {
    const mechanic = titles(await search({ q: "mechanic" }));
    expect(mechanic).toEqual(expect.arrayContaining(["Diesel mechanics wanted", "Motor mechanic"]));
    expect(mechanic).not.toEqual(expect.arrayContaining(["Closed mechanic job"]));
    expect(mechanic.join()).not.toMatch(/Closed|Expired|Suspended/);
    expect(titles(await search({ q: "mekaniko" }))).toEqual(["Mekaniko ng motorsiklo"]);
    expect(titles(await search({ q: "récéptionist" }))).toEqual(["Hotel receptionist"]);
    expect((await search({ q: "zzzznothing" })).total).toBe(0);
  });

  it("filters by place (a province includes its towns), remote, sector, occupation, type, salary and date", async () => {
    const inProvince = titles(await search({ place: places.province }));
    expect(inProvince).toEqual(expect.arrayContaining(["Diesel mechanics wanted", "Mekaniko ng motorsiklo"]));
    expect(inProvince).not.toContain("Hotel receptionist");
    expect(titles(await search({ place: places.town }))).toEqual(["Diesel mechanics wanted"]);
    expect(titles(await search({ remote: "1" }))).toEqual(["Remote bookkeeper"]);
    expect(titles(await search({ sector: "I" }))).toEqual(["Hotel receptionist"]);
    expect(titles(await search({ occupation: "4" })).sort()).toEqual(["Hotel receptionist", "Remote bookkeeper"]);
    expect(titles(await search({ occupation: "43" }))).toEqual(["Remote bookkeeper"]);
    expect(titles(await search({ type: "part_time" }))).toEqual(["Hotel receptionist"]);
    expect(titles(await search({ salary: "20000", currency: "PHP" })).sort()).toEqual(["Diesel mechanics wanted", "Motor mechanic", "Translator job"]);
    expect(titles(await search({ salary: "1000", currency: "USD" }))).toEqual(["Remote bookkeeper"]);
    await owner(sql`update jobs set published_at = now() - interval '10 days' where title ->> 'en' = 'Hotel receptionist'`);
    expect(titles(await search({ within: "7" }))).not.toContain("Hotel receptionist");
    expect(titles(await search({ within: "30" }))).toContain("Hotel receptionist");
  });

  it("sorts by relevance, newest and closing soon, and pages", async () => {
    const closing = await search({ sort: "closing" });
    expect(closing.jobs[0]!.title?.text).toBe("Diesel mechanics wanted");
    const byRelevance = await search({ q: "mechanic diesel" });
    expect(byRelevance.sort).toBe("relevance");
    expect(byRelevance.jobs[0]!.title?.text).toBe("Diesel mechanics wanted");
    const newest = await search({});
    expect(newest.sort).toBe("newest");
    const dates = newest.jobs.map((j) => new Date(j.publishedAt).getTime());
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    // Past the last page: the last page.
    expect((await search({ page: "99" })).page).toBe(1);
    // Best match counts every match, and finds the last page too.
    const mechanics = await search({ q: "mechanic" });
    expect(mechanics.total).toBe(mechanics.jobs.length);
    expect(mechanics.total).toBeGreaterThan(1);
    expect(await search({ q: "mechanic", page: "99" })).toMatchObject({ page: 1, total: mechanics.total });
  });

  it("shows on a card what the job page reads of the job, with the same types (dates, amounts)", async () => {
    const result = await search({ q: "diesel" });
    const card = result.jobs.find((j) => j.title?.text === "Diesel mechanics wanted")!;
    expect(card).toBeDefined();
    const page = await getJob(null, card.id, "en");
    const { description: _d, skillsRequired: _r, skillsPreferred: _p, languages: _l, openings: _o, status: _s, placeId: _pi, parentPlaceId: _ppi, parentPlaceName: _ppn,
      lguSlug: _ls, organisationSlug: _os, organisationKind: _ok, open: _op, ...cardOfPage } = page!;
    expect(card).toEqual(cardOfPage);
    expect(card.publishedAt).toBeInstanceOf(Date);
    expect(card).toMatchObject({ salaryMinMinor: 2_000_000, salaryMaxMinor: 3_000_000, salaryCurrency: "PHP", posterName: "Bicol Auto Works" });
    expect(card.closesOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("gives the cards of listed jobs only, to anyone, in the order asked, whatever ids are passed to app_private.job_cards", async () => {
    const ids = await owner(sql`select id, title ->> 'en' as title from jobs where title ->> 'en' in
      ('Diesel mechanics wanted', 'Closed mechanic job', 'Expired mechanic job', 'Suspended garage mechanic', 'Hotel receptionist')`);
    const idOf = (title: string) => ids.find((r) => r.title === title)!.id as string;
    const asked = ["Hotel receptionist", "Closed mechanic job", "Expired mechanic job", "Suspended garage mechanic", "Diesel mechanics wanted"].map(idOf);
    for (const claims of [null, officer.claims]) {
      const cards = await db().client.withRls(claims, (tx) =>
        tx.execute(sql`select id, title ->> 'en' as title, poster_name from app_private.job_cards(${`{${asked.join(",")}}`}::uuid[])`),
      );
      expect(cards.map((c) => c.title)).toEqual(["Hotel receptionist", "Diesel mechanics wanted"]);
      expect(cards[1]!.poster_name).toBe("Bicol Auto Works");
    }
  });

  it("follows the employer: suspended, its jobs leave the search until verified again; renamed, they are found by the new name", async () => {
    await owner(sql`update organisations set verification_status = 'suspended', verified_at = null where id = ${employer.id}`);
    expect(titles(await search({ q: "mechanic" }))).not.toContain("Diesel mechanics wanted");
    expect(titles(await search({}))).not.toContain("Hotel receptionist");
    await owner(sql`update organisations set verification_status = 'verified', verified_at = now() where id = ${employer.id}`);
    expect(titles(await search({ q: "mechanic" }))).toContain("Diesel mechanics wanted");
    expect((await search({ q: "zamboanguita" })).total).toBe(0);
    await owner(sql`update organisations set name = 'Zamboanguita Auto Works' where id = ${employer.id}`);
    try {
      expect(titles(await search({ q: "zamboanguita" }))).toContain("Diesel mechanics wanted");
    } finally {
      await owner(sql`update organisations set name = 'Bicol Auto Works' where id = ${employer.id}`);
    }
    expect((await search({ q: "zamboanguita" })).total).toBe(0);
  });

  it("offers the regions and provinces to narrow by, by country and name, read again once they may have changed", async () => {
    const later = Date.now() + 100 * PLACE_OPTIONS_TTL_MS; // past whatever an earlier read kept
    const ids = async (now: number) => (await placeFilterOptions(now)).map((p) => p.id);
    const first = await placeFilterOptions(later);
    expect(first.every((p) => p.kind === "region" || p.kind === "province")).toBe(true);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true); // shared by every request
    const jobland = first.filter((p) => p.countryCode === "JL").map((p) => p.name);
    expect(jobland).toEqual(["Camarines Test", "Far Province"]);
    expect(first.map((p) => p.id)).not.toContain(places.city);
    const [added] = await owner(sql`
      insert into places (parent_id, kind, name, country_code)
      select parent_id, 'province', 'Bagong Province', 'JL' from places where id = ${places.province} returning id`);
    try {
      expect(await ids(later + 1)).not.toContain(added!.id); // kept
      expect(await ids(later + PLACE_OPTIONS_TTL_MS)).toContain(added!.id); // read again
    } finally {
      await owner(sql`delete from places where id = ${added!.id}`);
    }
  });

  it("drops unreadable filters instead of failing", async () => {
    const result = await search({ sector: "ZZ", occupation: "7x", type: "forever", within: "3", salary: "-5", sort: "random", page: "-1", place: "not-a-uuid" });
    expect(result.total).toBeGreaterThan(0);
  });
});

describe("applying", () => {
  let jobId: string;
  let applicant: Awaited<ReturnType<typeof signedIn>>;
  let applicantUser: { id: string; claims: JwtClaims };
  const apply = (cookie: string, fields: Record<string, string>, files: Parameters<typeof postMultipart>[3] = {}) =>
    answer(() => applyAction({ request: postMultipart(`/jobs/${jobId}/apply`, cookie, fields, files), params: { id: jobId }, context }));

  beforeAll(async () => {
    jobId = await createJob(db().url, { organisationId: employer.id, title: "Workshop mechanic", placeId: places.city });
    applicant = await signedIn("dindo.returnee@example.org");
    applicantUser = { id: applicant.id, claims: { sub: applicant.id, role: "authenticated", email: "dindo.returnee@example.org" } };
    await owner(sql`insert into jobseeker_profiles (profile_id, occupation_code, experience) values (${applicant.id}, '72', 'Nine years in Riyadh.')`);
    await owner(sql`insert into member_skills (profile_id, skill_code, level) values (${applicant.id}, 'motor_vehicle_mechanics', 'advanced'), (${applicant.id}, 'welding', 'basic')`);
    await owner(sql`insert into jobseeker_certificates (profile_id, title, recognition, local_equivalent) values (${applicant.id}, 'Automotive Technician Level 3', 'recognised', 'TESDA NC II')`);
    await owner(sql`update profiles set display_name = 'Dindo Cruz', languages = '{fil,bik}', years_abroad = 9, countries_worked = '{SA}', city = 'Pili' where id = ${applicant.id}`);
  });

  it("refuses a CV that is not a PDF or DOCX, or too large, storing nothing", async () => {
    const png = await apply(applicant.cookie, { cvSource: "upload" }, { cv: { name: "cv.pdf", bytes: pngBytes(), type: "application/pdf" } });
    expect(png.status).toBe(400);
    expect(((await png.json()) as { reply: { error: Record<string, string[]> } }).reply.error.cv).toEqual(["jobs:cv.wrongType"]);
    const big = Buffer.concat([samplePdf(), Buffer.alloc(5 * 1024 * 1024)]);
    const tooLarge = await apply(applicant.cookie, { cvSource: "upload" }, { cv: { name: "cv.pdf", bytes: big, type: "application/pdf" } });
    expect(tooLarge.status).toBe(400);
    expect(((await tooLarge.json()) as { reply: { error: Record<string, string[]> } }).reply.error.cv).toEqual(["jobs:cv.tooLarge"]);
    const missing = await apply(applicant.cookie, { cvSource: "upload" });
    expect(((await missing.json()) as { reply: { error: Record<string, string[]> } }).reply.error.cv).toEqual(["jobs:cv.missing"]);
    expect(cvFiles()).toBe(0);
    expect(await owner(sql`select count(*)::int as n from job_applications where applicant_id = ${applicant.id}`)).toEqual([{ n: 0 }]);
  });

  it("applies with a PDF and what the applicant chose to share, once", async () => {
    const sent = await apply(applicant.cookie, { cvSource: "upload", coverNote: "I repaired cars in Riyadh for nine years.", shareOccupation: "on", shareCertificates: "on" }, { cv: { name: "Dindo CV.pdf", bytes: samplePdf("Dindo Cruz"), type: "application/pdf" } });
    expect(sent.status).toBe(302);
    const [row] = await owner(sql`select id, status, shared, has_recognised_certificate, cv_content_type, cv_file_name, lgu_id, organisation_id from job_applications where applicant_id = ${applicant.id}`);
    expect(row).toMatchObject({ status: "new", has_recognised_certificate: true, cv_content_type: "application/pdf", cv_file_name: "Dindo-CV.pdf", organisation_id: employer.id, lgu_id: null });
    // Shared: occupation, skills, certificates; not the languages, experience or where they live.
    expect(Object.keys(row!.shared as object).sort()).toEqual(["certificates", "occupationCode", "skills"]);
    expect(cvFiles()).toBe(1);
    const twice = await apply(applicant.cookie, { cvSource: "upload" }, { cv: { name: "cv.pdf", bytes: samplePdf(), type: "application/pdf" } });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { reply: { error: Record<string, string[]> } }).reply.error[""]).toEqual(["jobs:errors.alreadyApplied"]);
    expect(cvFiles()).toBe(1);
    // The database says the same to a second insert that skips the service.
    const direct = await db().client
      .withRls(applicantUser.claims, (tx) =>
        tx.execute(sql`insert into job_applications (job_id, applicant_id, applicant_name, cv_storage_key, cv_file_name, cv_content_type, cv_size_bytes)
                       values (${jobId}, ${applicant.id}, 'x', ${`job-applications/${applicant.id}/again.pdf`}, 'cv.pdf', 'application/pdf', 10)`),
      )
      .catch((e: { cause?: { hint?: string } }) => e.cause?.hint);
    expect(direct).toBe("already_applied");
  });

  it("applies with a DOCX, and with a CV made from the profile", async () => {
    const other = await createJob(db().url, { organisationId: employer.id, title: "Second job", placeId: places.city });
    const third = await createJob(db().url, { organisationId: employer.id, title: "Third job", placeId: places.city });
    await applyToJob(applicantUser.claims, other, { coverNote: "", cvSource: "upload", shareOccupation: false, shareLanguages: false, shareCertificates: false, shareExperience: false, shareLocation: false }, { name: "cv.docx", bytes: docxBytes() }, "en", storage);
    const id = await applyToJob(applicantUser.claims, third, { coverNote: "", cvSource: "profile", shareOccupation: true, shareLanguages: true, shareCertificates: false, shareExperience: true, shareLocation: false }, null, "en", storage);
    const [docx] = await owner(sql`select cv_content_type, cv_file_name from job_applications where job_id = ${other}`);
    expect(docx).toEqual({ cv_content_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", cv_file_name: "cv.docx" });
    const [generated] = await owner(sql`select cv_generated, cv_storage_key, shared from job_applications where id = ${id}`);
    expect(generated!.cv_generated).toBe(true);
    expect(generated!.shared).toMatchObject({ occupationCode: "72", languages: ["fil", "bik"], yearsAbroad: 9, experience: "Nine years in Riyadh." });
    const pdf = await storage.get(generated!.cv_storage_key as string);
    expect(Buffer.from(pdf!.body).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("refuses a closed job", async () => {
    const closed = await createJob(db().url, { organisationId: employer.id, title: "Gone", status: "closed" });
    const refused = await applyToJob(applicantUser.claims, closed, { coverNote: "", cvSource: "profile", shareOccupation: false, shareLanguages: false, shareCertificates: false, shareExperience: false, shareLocation: false }, null, "en", storage).catch((e: unknown) => e);
    expect((refused as FormProblem).messageKey).toBe("jobs:errors.jobClosed");
  });

  it("lets the employer work the pipeline, with history and audit; others cannot", async () => {
    const [app] = await owner(sql`select id from job_applications where job_id = ${jobId}`);
    const id = app!.id as string;
    const poster = { organisationId: employer.id };
    const recognised = await pipeline(officer.claims, poster, jobId, { recognised: true });
    expect(recognised.applicants.map((a) => a.name)).toEqual(["Dindo Cruz"]);
    await moveApplication(officer.claims, id, "shortlisted", "Strong diagnostics experience");
    const same = await moveApplication(officer.claims, id, "shortlisted").catch((e: unknown) => e);
    expect((same as FormProblem).messageKey).toBe("jobs:errors.sameStatus");
    const stranger = await moveApplication(otherOfficer.claims, id, "hired").catch((e: unknown) => e);
    expect((stranger as FormProblem).messageKey).toBe("jobs:errors.notStaff");
    const self = await moveApplication(applicantUser.claims, id, "hired").catch((e: unknown) => e);
    expect((self as FormProblem).messageKey).toBe("jobs:errors.notStaff");
    const view = await applicationForPoster(officer.claims, poster, jobId, id);
    expect(view!.status).toBe("shortlisted");
    expect(view!.history.map((h) => [h.from, h.to, h.note])).toEqual([
      [null, "new", null],
      ["new", "shortlisted", "Strong diagnostics experience"],
    ]);
    const audit = await owner(sql`select actor_id, organisation_id, before ->> 'status' as from, after ->> 'status' as to from audit_log where subject_table = 'job_applications' and subject_id = ${id}`);
    expect(audit).toEqual([{ actor_id: officer.id, organisation_id: employer.id, from: "new", to: "shortlisted" }]);
    // The applicant sees the new status, not the employer's note.
    const mine = await myApplication(applicantUser.claims, id, "en");
    expect(mine!.status).toBe("shortlisted");
    expect(JSON.stringify(mine)).not.toContain("Strong diagnostics");
  });

  it("emails the employer's message to the applicant without showing the employer their address", async () => {
    const [app] = await owner(sql`select id from job_applications where job_id = ${jobId}`);
    const id = app!.id as string;
    mail.sent.length = 0;
    await messageApplicant(officer.claims, id, "Can you come for a trial day on Monday?", "http://portal.test");
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ to: "dindo.returnee@example.org", template: "job-application-message" });
    expect(mail.sent[0]!.text).toContain("Can you come for a trial day on Monday?");
    expect(mail.sent[0]!.text).toContain(`http://portal.test/me/applications/${id}`);
    const view = await applicationForPoster(officer.claims, { organisationId: employer.id }, jobId, id);
    expect(JSON.stringify(view)).not.toContain("dindo.returnee@example.org");
    expect((await myApplication(applicantUser.claims, id, "en"))!.messages.map((m) => m.body)).toEqual(["Can you come for a trial day on Monday?"]);
    const tooShort = await messageApplicant(officer.claims, id, " ", "http://portal.test").catch((e: unknown) => e);
    expect((tooShort as FormProblem).messageKey).toBe("jobs:validation.messageRequired");
    expect(mail.sent).toHaveLength(1);
  });
});

describe("jobs for you", () => {
  it("ranks the open jobs that fit the person's occupation and skills, with the reasons, the same way every time", async () => {
    const [person] = await owner(sql`select profile_id from jobseeker_profiles where experience = 'Nine years in Riyadh.'`);
    const claims: JwtClaims = { sub: person!.profile_id as string, role: "authenticated" };
    await owner(sql`update jobseeker_profiles set preferred_place_ids = ${`{${places.town}}`}::uuid[] where profile_id = ${claims.sub}`);
    const titleOf = async (id: string) => ((await owner(sql`select title ->> 'en' as t from jobs where id = ${id}`))[0]!.t as string);
    const run = (weights?: JobMatchWeights) => db().client.withRls(claims, (tx) => jobsForMe(tx, 20, weights));
    const matches = await run();
    const named = await Promise.all(matches.map(async (m) => ({ ...m, title: await titleOf(m.jobId) })));
    // Occupation 72 (30) + the one required skill (35) + same province as Pili (10) + no language asked (10).
    expect(named.slice(0, 2).map((m) => [m.title, m.score])).toEqual([
      ["Translator job", 85],
      ["Motor mechanic", 85],
    ]);
    expect(named[0]).toMatchObject({ occupation: "sub_major", skillsMatched: ["motor_vehicle_mechanics"], place: "nearby", languagesOk: true });
    // In Pili itself, but asking a skill the person lacks: 30 + 15 + 10.
    expect(named.find((m) => m.title === "Diesel mechanics wanted")).toMatchObject({ score: 55, place: "area", skillsMatched: [] });
    // Neither the occupation group nor a skill in common: never "for you", wherever it is.
    expect(named.map((m) => m.title)).not.toContain("Hotel receptionist");
    expect(named.map((m) => m.score)).toEqual([...named.map((m) => m.score)].sort((a, b) => b - a));
    expect(await run()).toEqual(matches);
    // The weights are the ones given: without the place, Pili's job loses its 15 points.
    const placeless = await run({ ...JOB_MATCH_WEIGHTS, place: 0, placeNearby: 0 });
    expect(placeless.find((m) => m.jobId === named.find((n) => n.title === "Diesel mechanics wanted")!.jobId)!.score).toBe(40);
    // The page's reading: the same matches in the same order, each with its card and reasons in the reader's language.
    const forPage = await db().client.withRls(claims, (tx) => jobsForPerson(tx, "fil", 20));
    expect(forPage.map((f) => f.match)).toEqual(matches);
    expect(forPage.map((f) => f.card.id)).toEqual(matches.map((m) => m.jobId));
    expect(forPage[0]!.card).toMatchObject({ title: { text: "Trabaho ng tagasalin", lang: "fil" }, posterName: "Bicol Auto Works" });
    expect(forPage[0]!.reasons.map((r) => r.code)).toEqual(["job_occupation", "job_skills", "job_nearby", "job_languages"]);
  });
});

describe("closing after the closing date", () => {
  it("closes open jobs whose date has passed, and only those", async () => {
    const late = await createJob(db().url, { organisationId: employer.id, title: "Late job" });
    await untriggered(sql`update jobs set closes_on = current_date - 1 where id = ${late}`);
    expect(await closeExpiredJobs()).toBeGreaterThanOrEqual(1);
    expect((await owner(sql`select status from jobs where id = ${late}`))[0]).toEqual({ status: "closed" });
    expect(await owner(sql`select count(*)::int as n from jobs where status = 'open' and closes_on < current_date`)).toEqual([{ n: 0 }]);
    expect(await closeExpiredJobs()).toBe(0);
  });
});
