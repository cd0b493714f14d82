/**
 * The employer's pages, whoever the employer is: a verified organisation (its members, under
 * /me/organisations/:slug/jobs) or a verified LGU (its admins and editors, under
 * /manage/:lgu/jobs). The route files resolve the poster and call these; the loaders and actions
 * are the same for both, so the rules and the words cannot drift apart.
 */
import { json } from "@remix-run/node";
import type { AuthSession } from "~/adapters/auth/port";
import { withRls } from "~/db/client.server";
import { countryName, formatDate, formatDateTime } from "~/i18n/format";
import { getLanguage, i18nServer } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { csvDocument } from "~/modules/files/csv";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { refusedForm, requireManagedLgu, requireManagedOrganisation } from "~/modules/organisations/access.server";
import { placeGroups } from "~/modules/organisations/organisations.server";
import { formError, parseForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { applicationForPoster, exportRows, messageApplicant, moveApplication, pipeline, type SharedProfile } from "./applications.server";
import { jobTaxonomy } from "./taxonomy.server";
import { posterJob, posterJobs, postJob, setJobOpen, updateJob, type Poster } from "./postings.server";
import { jobFormSchema, jobStatusSchema, messageSchema, moveSchema } from "./schema";
import { applicationStatuses, type ApplicationStatusCode } from "./vocabulary";

export interface EmployerContext {
  session: AuthSession;
  poster: Poster;
  /** Where the employer's job pages live: /me/organisations/<slug>/jobs or /manage/<lgu>/jobs. */
  base: string;
  name: string;
  verified: boolean;
  language: string;
}

export async function organisationContext(request: Request, slug: string | undefined): Promise<EmployerContext> {
  const { session, organisation } = await requireManagedOrganisation(request, slug);
  return {
    session,
    poster: { organisationId: organisation.id },
    base: `/me/organisations/${organisation.slug}/jobs`,
    name: organisation.name,
    verified: organisation.verificationStatus === "verified" && organisation.kind !== "association",
    language: await getLanguage(request),
  };
}

export async function lguContext(request: Request, slug: string | undefined): Promise<EmployerContext> {
  const { session, lgu } = await requireManagedLgu(request, slug, ["admin", "editor"]);
  return {
    session,
    poster: { lguId: lgu.id },
    base: `/manage/${lgu.slug}/jobs`,
    name: lgu.name,
    verified: lgu.verificationStatus === "verified",
    language: await getLanguage(request),
  };
}

const noStore = { headers: { "Cache-Control": "private, no-store" } };

/** The employer's jobs with their applicants. */
export async function jobsListData(ctx: EmployerContext) {
  const rows = await posterJobs(ctx.session.claims, ctx.poster, ctx.language);
  return json(
    {
      base: ctx.base,
      name: ctx.name,
      verified: ctx.verified,
      jobs: rows.map((r) => ({ id: r.id, title: r.title, open: r.open, closes: formatDate(r.closesOn, ctx.language), applicants: r.applicants, fresh: r.fresh })),
    },
    noStore,
  );
}

/** What the posting form needs to offer. */
export async function formChoices(language: string) {
  const groups = await withRls(null, (tx) => placeGroups(tx));
  const taxonomy = await jobTaxonomy(language);
  return {
    occupations: taxonomy.occupationTree,
    skills: taxonomy.skillOptions,
    places: groups
      .map((g) => ({ countryName: countryName(g.countryCode, language), places: g.places }))
      .sort((a, b) => a.countryName.localeCompare(b.countryName, language)),
  };
}

export async function newJobData(ctx: EmployerContext) {
  return json({ base: ctx.base, name: ctx.name, verified: ctx.verified, ...(await formChoices(ctx.language)), values: null }, noStore);
}

export async function newJobAction(ctx: EmployerContext, request: Request) {
  const submission = await parseForm(request, jobFormSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const id = await postJob(ctx.session.claims, ctx.poster, submission.value);
    return redirectWithToast(`${ctx.base}/${id}`, { type: "success", messageKey: "jobs:post.posted" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

const STATUS = new Set<string>(applicationStatuses);

/** One job: its form (in the chosen language), its pipeline (filtered by stage and recognised certificates). */
export async function jobPageData(ctx: EmployerContext, jobId: string, url: URL) {
  const job = await posterJob(ctx.session.claims, ctx.poster, jobId);
  if (!job) throw new Response("Not found", { status: 404 });
  const textLanguage = ["en", "fil", "es", "fr", "ar"].includes(url.searchParams.get("text") ?? "") ? url.searchParams.get("text")! : Object.keys(job.title)[0] ?? "en";
  const statusFilter = url.searchParams.get("status");
  const filters = { status: statusFilter && STATUS.has(statusFilter) ? (statusFilter as ApplicationStatusCode) : undefined, recognised: url.searchParams.get("recognised") === "1" };
  const { applicants, counts } = await pipeline(ctx.session.claims, ctx.poster, jobId, filters);
  const taxonomy = await jobTaxonomy(ctx.language);
  const today = new Date().toISOString().slice(0, 10);
  return json(
    {
      base: ctx.base,
      name: ctx.name,
      ...(await formChoices(ctx.language)),
      job: { id: job.id, open: job.status === "open" && job.closesOn >= today, status: job.status, languages: Object.keys(job.title) },
      textLanguage,
      values: {
        textLanguage,
        title: job.title[textLanguage] ?? "",
        description: job.description[textLanguage] ?? "",
        sector: job.sector,
        occupationCode: job.occupationCode,
        skillsRequired: job.skillsRequired,
        skillsPreferred: job.skillsPreferred,
        languages: job.languages,
        placeId: job.placeId ?? "",
        remote: job.remote,
        employmentType: job.employmentType,
        salaryMin: job.salaryMinMinor !== null && job.salaryCurrency ? toMajorUnits(job.salaryMinMinor, job.salaryCurrency) : "",
        salaryMax: job.salaryMaxMinor !== null && job.salaryCurrency ? toMajorUnits(job.salaryMaxMinor, job.salaryCurrency) : "",
        salaryCurrency: job.salaryCurrency ?? "",
        openings: String(job.openings),
        closesOn: job.closesOn,
      },
      filters,
      counts,
      applicants: applicants.map((a) => ({
        id: a.id,
        name: a.name,
        status: a.status,
        applied: formatDate(a.createdAt, ctx.language),
        recognised: a.recognised,
        occupation: a.shared.occupationCode ? taxonomy.occupation(a.shared.occupationCode) : null,
      })),
    },
    noStore,
  );
}

export async function jobPageAction(ctx: EmployerContext, jobId: string, request: Request) {
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `${ctx.base}/${jobId}`;
  if (intent === "close" || intent === "reopen") {
    const submission = await parseForm(formData, jobStatusSchema);
    if (submission.status !== "success") return formError(submission.reply());
    try {
      await setJobOpen(ctx.session.claims, ctx.poster, jobId, intent === "reopen");
    } catch (error) {
      return refusedForm(submission, error);
    }
    return redirectWithToast(here, { type: "success", messageKey: intent === "close" ? "jobs:post.closed" : "jobs:post.reopened" });
  }
  const submission = await parseForm(formData, jobFormSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    await updateJob(ctx.session.claims, ctx.poster, jobId, submission.value);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast(`${here}?text=${submission.value.textLanguage}`, { type: "success", messageKey: "jobs:post.saved" });
}

/** One applicant as the employer sees them: only what the application carries. */
export async function applicantData(ctx: EmployerContext, jobId: string, applicationId: string) {
  const a = await applicationForPoster(ctx.session.claims, ctx.poster, jobId, applicationId);
  if (!a) throw new Response("Not found", { status: 404 });
  const shared: SharedProfile = a.shared;
  const l = ctx.language;
  const taxonomy = await jobTaxonomy(l);
  return json(
    {
      base: ctx.base,
      jobId,
      application: {
        id: a.id,
        name: a.applicantName,
        status: a.status,
        applied: formatDateTime(a.createdAt, l),
        coverNote: a.coverNote,
        cvFileName: a.cvFileName,
        cvGenerated: a.cvGenerated,
        recognised: a.hasRecognisedCertificate,
      },
      shared: {
        occupation: shared.occupationCode ? taxonomy.occupation(shared.occupationCode) : null,
        skills: shared.skills?.map((s) => taxonomy.skill(s)) ?? null,
        languages: shared.languages ?? null,
        certificates: shared.certificates?.map((c) => ({ ...c, country: c.countryCode ? countryName(c.countryCode, l) : null })) ?? null,
        yearsAbroad: shared.yearsAbroad ?? null,
        countriesWorked: shared.countriesWorked?.map((c) => countryName(c, l)) ?? null,
        experience: shared.experience ?? null,
        location: [shared.city, shared.countryOfResidence ? countryName(shared.countryOfResidence, l) : null].filter(Boolean).join(", ") || null,
      },
      history: a.history.map((h) => ({ id: h.id, from: h.from, to: h.to, note: h.note, at: formatDateTime(h.at, l) })),
      messages: a.messages.map((m) => ({ id: m.id, body: m.body, sent: formatDateTime(m.sentAt, l) })),
    },
    noStore,
  );
}

export async function applicantAction(ctx: EmployerContext, jobId: string, applicationId: string, request: Request) {
  const a = await applicationForPoster(ctx.session.claims, ctx.poster, jobId, applicationId);
  if (!a) throw new Response("Not found", { status: 404 });
  const formData = await request.formData();
  const here = `${ctx.base}/${jobId}/applicants/${applicationId}`;
  if (formData.get("intent") === "message") {
    const submission = await parseForm(formData, messageSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "message" });
    try {
      await messageApplicant(ctx.session.claims, applicationId, submission.value.body, siteUrl(request));
    } catch (error) {
      return refusedForm(submission, error);
    }
    return redirectWithToast(here, { type: "success", messageKey: "jobs:pipeline.messageSent" });
  }
  const submission = await parseForm(formData, moveSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form: "move" });
  try {
    await moveApplication(ctx.session.claims, applicationId, submission.value.to, submission.value.note);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast(here, { type: "success", messageKey: "jobs:pipeline.moved" });
}

/** The applicants of a job as CSV (what the applications carry; no contact details). */
export async function applicantsCsv(ctx: EmployerContext, jobId: string) {
  const job = await posterJob(ctx.session.claims, ctx.poster, jobId);
  if (!job) throw new Response("Not found", { status: 404 });
  const rows = await exportRows(ctx.session.claims, ctx.poster, jobId);
  const t = await i18nServer.getFixedT(ctx.language, "jobs");
  const taxonomy = await jobTaxonomy(ctx.language);
  const body = csvDocument(
    [t("csv.name"), t("csv.applied"), t("csv.status"), t("csv.occupation"), t("csv.skills"), t("csv.recognised"), t("csv.certificates"), t("csv.coverNote")],
    rows.map((a) => [
      a.name,
      a.createdAt.toISOString(),
      t(`status.${a.status}`),
      a.shared.occupationCode ? taxonomy.occupation(a.shared.occupationCode) : "",
      (a.shared.skills ?? []).map((s) => taxonomy.skill(s)).join("; "),
      a.recognised ? t("csv.yes") : t("csv.no"),
      (a.shared.certificates ?? []).map((c) => `${c.title} (${t(`recognition.${c.recognition}`)})`).join("; "),
      a.coverNote,
    ]),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="applicants-${jobId.slice(0, 8)}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}

