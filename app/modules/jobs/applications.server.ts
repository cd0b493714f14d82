/**
 * Applications: a returnee applies with a cover note and a CV (uploaded, checked by its bytes, or
 * generated from what they share of their profile) and follows their applications' status; the
 * poster works the pipeline (new → shortlisted → interview → offer → hired / not selected),
 * messages applicants by email through the portal and exports the list.
 *
 * Privacy: the employer sees an applicant only through the application: their name, the cover
 * note, the CV and `shared`, the snapshot of the profile groups the applicant ticked when applying.
 * Everything runs under the caller's RLS (applicant and poster only); moves and messages go through
 * the database's functions, which write the history and the audit log.
 */
import crypto from "node:crypto";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { getEmailPort, getStoragePort } from "~/adapters/index.server";
import type { StoragePort } from "~/adapters/storage/port";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { jobApplicationEvents, jobApplicationMessages, jobApplications, jobs, lgus, organisations, type LocalizedText } from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { FormProblem, throwHinted, type HintedProblems } from "~/modules/organisations/errors.server";
import { checkCv, PDF } from "./cv";
import { cvPdf } from "./cv-pdf.server";
import type { Poster } from "./postings.server";
import { readJobProfile } from "./profile.server";
import type { ApplyInput } from "./schema";
import type { ApplicationStatusCode } from "./vocabulary";

const HINTS: HintedProblems = {
  job_closed: ["", "jobs:errors.jobClosed", 409],
  already_applied: ["", "jobs:errors.alreadyApplied", 409],
  same_status: ["to", "jobs:errors.sameStatus", 409],
  note_too_long: ["note", "jobs:validation.tooLong", 400],
  message_invalid: ["body", "jobs:validation.messageRequired", 400],
  not_job_staff: ["", "jobs:errors.notStaff", 403],
};

const applicationProblem = (error: unknown): never => throwHinted(error, HINTS, "not_job_staff");

/** What an applicant shares of their profile with the employer, frozen at the time of applying. */
export interface SharedProfile {
  occupationCode?: string | null;
  skills?: string[];
  languages?: string[];
  certificates?: { title: string; issuer: string; countryCode: string | null; year: number | null; recognition: string; localEquivalent: string }[];
  yearsAbroad?: number | null;
  countriesWorked?: string[];
  experience?: string;
  city?: string | null;
  countryOfResidence?: string | null;
}

/**
 * Applies as the signed-in person: checks the CV (or makes one from what they share), stores it
 * under their own folder, records the application; a refusal (job closed, applied already, bad
 * file) stores nothing. Returns the application's id.
 */
export async function applyToJob(
  claims: JwtClaims,
  jobId: string,
  input: ApplyInput,
  upload: { name: string; bytes: Uint8Array } | null,
  language: string,
  storage: StoragePort = getStoragePort(),
): Promise<string> {
  const mine = await withRls(claims, async (tx) => {
    const data = await readJobProfile(tx, claims.sub);
    const [existing] = await tx
      .select({ id: jobApplications.id })
      .from(jobApplications)
      .where(and(eq(jobApplications.jobId, jobId), eq(jobApplications.applicantId, claims.sub)));
    return { ...data, applied: Boolean(existing) };
  });
  // Said before the file is read or stored: applying twice changes nothing.
  if (mine.applied) throw new FormProblem("", "jobs:errors.alreadyApplied", 409);
  if (!mine.profile) throw new FormProblem("", "jobs:errors.noProfile", 409);

  const shared: SharedProfile = {};
  if (input.shareOccupation) {
    shared.occupationCode = mine.jobProfile?.occupationCode ?? null;
    shared.skills = mine.skills;
  }
  if (input.shareLanguages) shared.languages = mine.profile.languages;
  if (input.shareCertificates) {
    shared.certificates = mine.certificates.map((c) => ({
      title: c.title,
      issuer: c.issuer,
      countryCode: c.countryCode,
      year: c.year,
      recognition: c.recognition,
      localEquivalent: c.localEquivalent,
    }));
  }
  if (input.shareExperience) {
    shared.yearsAbroad = mine.profile.yearsAbroad;
    shared.countriesWorked = mine.profile.countriesWorked;
    shared.experience = mine.jobProfile?.experience ?? "";
  }
  if (input.shareLocation) {
    shared.city = mine.profile.city;
    shared.countryOfResidence = mine.profile.countryOfResidence;
  }
  const recognised = (shared.certificates ?? []).some((c) => c.recognition === "recognised");

  let file: { bytes: Uint8Array; contentType: string; filename: string; generated: boolean };
  if (input.cvSource === "upload") {
    if (!upload) throw new FormProblem("cv", "jobs:cv.missing");
    const checked = checkCv(upload);
    if (!checked.ok) throw new FormProblem("cv", `jobs:cv.${checked.code}`);
    file = { bytes: upload.bytes, contentType: checked.contentType, filename: checked.filename, generated: false };
  } else {
    const bytes = await cvPdf(mine.profile.displayName, shared, language);
    file = { bytes, contentType: PDF, filename: "cv.pdf", generated: true };
  }
  const key = `job-applications/${claims.sub}/${crypto.randomUUID()}/${file.filename}`;
  await storage.put(key, file.bytes, file.contentType);
  try {
    const [row] = await withRls(claims, (tx) =>
      tx.execute<{ id: string }>(sql`
        insert into public.job_applications (job_id, applicant_id, applicant_name, cover_note, shared, has_recognised_certificate,
          cv_storage_key, cv_file_name, cv_content_type, cv_size_bytes, cv_generated)
        values (${jobId}, ${claims.sub}, ${mine.profile!.displayName}, ${input.coverNote}, ${JSON.stringify(shared)}::jsonb, ${recognised},
          ${key}, ${file.filename}, ${file.contentType}, ${file.bytes.byteLength}, ${file.generated})
        returning id`),
    );
    return row!.id;
  } catch (error) {
    await storage.remove(key).catch(() => undefined);
    return applicationProblem(error);
  }
}

/** The person's applications, newest first, with their job's title and poster. */
export async function myApplications(claims: JwtClaims, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: jobApplications.id,
        jobId: jobApplications.jobId,
        status: jobApplications.status,
        statusChangedAt: jobApplications.statusChangedAt,
        createdAt: jobApplications.createdAt,
        title: jobs.title,
        posterName: sql<string | null>`coalesce(${lgus.name}, ${organisations.name})`,
      })
      .from(jobApplications)
      .innerJoin(jobs, eq(jobs.id, jobApplications.jobId))
      .leftJoin(lgus, eq(lgus.id, jobApplications.lguId))
      .leftJoin(organisations, eq(organisations.id, jobApplications.organisationId))
      .where(eq(jobApplications.applicantId, claims.sub))
      .orderBy(desc(jobApplications.createdAt))
      .limit(200),
  );
  return rows.map((r) => ({ ...r, title: localized(r.title, language) }));
}

/** One application as its applicant sees it (with the employer's messages), or null. */
export async function myApplication(claims: JwtClaims, id: string, language: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return withRls(claims, async (tx) => {
    const [row] = await tx
      .select({
        application: jobApplications,
        title: jobs.title,
        posterName: sql<string | null>`coalesce(${lgus.name}, ${organisations.name})`,
      })
      .from(jobApplications)
      .innerJoin(jobs, eq(jobs.id, jobApplications.jobId))
      .leftJoin(lgus, eq(lgus.id, jobApplications.lguId))
      .leftJoin(organisations, eq(organisations.id, jobApplications.organisationId))
      .where(and(eq(jobApplications.id, id), eq(jobApplications.applicantId, claims.sub)));
    if (!row) return null;
    const messages = await tx
      .select({ id: jobApplicationMessages.id, body: jobApplicationMessages.body, sentAt: jobApplicationMessages.sentAt })
      .from(jobApplicationMessages)
      .where(eq(jobApplicationMessages.applicationId, id))
      .orderBy(asc(jobApplicationMessages.sentAt));
    return { ...row.application, title: localized(row.title, language), posterName: row.posterName, messages };
  });
}

export interface PipelineFilters {
  status?: ApplicationStatusCode;
  recognised?: boolean;
}

const posterOf = (poster: Poster): SQL =>
  poster.lguId ? sql`${jobApplications.lguId} = ${poster.lguId}` : sql`${jobApplications.organisationId} = ${poster.organisationId}`;

/** The applicants of one of the poster's jobs, with counts per stage (for the pipeline's tabs). */
export async function pipeline(claims: JwtClaims, poster: Poster, jobId: string, filters: PipelineFilters) {
  return withRls(claims, async (tx) => {
    const where = and(
      eq(jobApplications.jobId, jobId),
      posterOf(poster),
      filters.status ? eq(jobApplications.status, filters.status) : undefined,
      filters.recognised ? eq(jobApplications.hasRecognisedCertificate, true) : undefined,
    );
    const applicants = await tx
      .select({
        id: jobApplications.id,
        name: jobApplications.applicantName,
        status: jobApplications.status,
        createdAt: jobApplications.createdAt,
        statusChangedAt: jobApplications.statusChangedAt,
        recognised: jobApplications.hasRecognisedCertificate,
        cvGenerated: jobApplications.cvGenerated,
        shared: jobApplications.shared,
        coverNote: jobApplications.coverNote,
      })
      .from(jobApplications)
      .where(where)
      .orderBy(asc(jobApplications.createdAt))
      .limit(1000);
    const counts = await tx
      .select({ status: jobApplications.status, n: sql<number>`count(*)::int` })
      .from(jobApplications)
      .where(and(eq(jobApplications.jobId, jobId), posterOf(poster)))
      .groupBy(jobApplications.status);
    return { applicants: applicants.map((a) => ({ ...a, shared: a.shared as SharedProfile })), counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number> };
  });
}

/** One application as the poster sees it: what was shared, the history and the messages; or null. */
export async function applicationForPoster(claims: JwtClaims, poster: Poster, jobId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return withRls(claims, async (tx) => {
    const [application] = await tx
      .select()
      .from(jobApplications)
      .where(and(eq(jobApplications.id, id), eq(jobApplications.jobId, jobId), posterOf(poster)));
    if (!application) return null;
    const history = await tx
      .select({ id: jobApplicationEvents.id, from: jobApplicationEvents.fromStatus, to: jobApplicationEvents.toStatus, note: jobApplicationEvents.note, at: jobApplicationEvents.occurredAt })
      .from(jobApplicationEvents)
      .where(eq(jobApplicationEvents.applicationId, id))
      .orderBy(asc(jobApplicationEvents.occurredAt), asc(jobApplicationEvents.id));
    const messages = await tx
      .select({ id: jobApplicationMessages.id, body: jobApplicationMessages.body, sentAt: jobApplicationMessages.sentAt })
      .from(jobApplicationMessages)
      .where(eq(jobApplicationMessages.applicationId, id))
      .orderBy(asc(jobApplicationMessages.sentAt));
    return { ...application, shared: application.shared as SharedProfile, history, messages };
  });
}

/** Moves an application along the pipeline (the database checks who and writes history and audit). */
export async function moveApplication(claims: JwtClaims, id: string, to: ApplicationStatusCode, note?: string) {
  await withRls(claims, (tx) => tx.execute(sql`select public.move_job_application(${id}::uuid, ${to}::public.job_application_status, ${note ?? null})`)).catch(
    applicationProblem,
  );
}

/**
 * The poster's message to an applicant: recorded (and audited) by the database, then emailed to
 * the applicant in their language with a link to their application. Their address is read by the
 * server only; the employer never sees it.
 */
export async function messageApplicant(claims: JwtClaims, id: string, body: string, siteUrl: string) {
  await withRls(claims, (tx) => tx.execute(sql`select public.message_job_applicant(${id}::uuid, ${body})`)).catch(applicationProblem);
  const [recipient] = await asService((tx) =>
    tx.execute<{ email: string | null; locale: string | null; title: LocalizedText; poster: string | null }>(sql`
      select u.email, p.preferred_locale as locale, j.title, coalesce(l.name, o.name) as poster
      from public.job_applications a
      join auth.users u on u.id = a.applicant_id
      join public.jobs j on j.id = a.job_id
      left join public.profiles p on p.id = a.applicant_id
      left join public.lgus l on l.id = a.lgu_id
      left join public.organisations o on o.id = a.organisation_id
      where a.id = ${id}`),
  );
  if (!recipient?.email) return;
  const locale = languageOrFallback(recipient.locale);
  const t = await i18nServer.getFixedT(locale, "jobs");
  const title = localized(recipient.title, locale)?.text ?? "";
  await getEmailPort().send({
    to: recipient.email,
    subject: t("emails.message.subject", { poster: recipient.poster ?? "", title }),
    text: [t("emails.message.intro", { poster: recipient.poster ?? "", title }), "", body.trim(), "", t("emails.message.reply"), `${siteUrl}/me/applications/${id}`].join("\n"),
    template: "job-application-message",
  });
}

/** The applicants of a job for the CSV export (what the poster may see, nothing more). */
export async function exportRows(claims: JwtClaims, poster: Poster, jobId: string) {
  const { applicants } = await pipeline(claims, poster, jobId, {});
  return applicants;
}

/** An application's CV for whoever may see the application (RLS: the applicant and the poster), or null. */
export async function cvFile(claims: JwtClaims, applicationId: string, storage: StoragePort = getStoragePort()) {
  if (!/^[0-9a-f-]{36}$/i.test(applicationId)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ key: jobApplications.cvStorageKey, type: jobApplications.cvContentType, name: jobApplications.cvFileName })
      .from(jobApplications)
      .where(eq(jobApplications.id, applicationId)),
  );
  if (!row) return null;
  const stored = await storage.get(row.key);
  return stored ? { bytes: stored.body, type: row.type, name: row.name } : null;
}
