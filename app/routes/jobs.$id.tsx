import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { withRls } from "~/db/client.server";
import { jobApplications } from "~/db/schema";
import { countryName, formatDate, languageName } from "~/i18n/format";
import { getLanguage, i18nServer } from "~/i18n/i18next.server";
import { getClaims } from "~/modules/auth/session.server";
import { salaryRange } from "~/modules/jobs/format";
import { jobTaxonomy } from "~/modules/jobs/taxonomy.server";
import { getJob } from "~/modules/jobs/search.server";
import { and, eq } from "drizzle-orm";
import { scriptFree } from "~/utils/meta";

export const handle = scriptFree;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.job.title ? `${data.job.title.text} — Tulay` : "Tulay" }];

/** A job's public page: what, where, for whom, how much, until when; apply or see your application. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request, context);
  const claims = await getClaims(request);
  const job = await getJob(claims, params.id ?? "", language);
  if (!job) throw new Response("Not found", { status: 404 });
  const applied = claims
    ? (
        await withRls(claims, (tx) =>
          tx
            .select({ id: jobApplications.id })
            .from(jobApplications)
            .where(and(eq(jobApplications.jobId, job.id), eq(jobApplications.applicantId, claims.sub))),
        )
      )[0]?.id ?? null
    : null;
  const t = await i18nServer.getFixedT(language, "jobs");
  const taxonomy = await jobTaxonomy(language);
  return json({
    job: {
      id: job.id,
      title: job.title,
      description: job.description,
      open: job.open,
      posterName: job.posterName,
      posterLink: job.lguSlug ? `/lgus/${job.lguSlug}` : job.organisationKind === "association" && job.organisationSlug ? `/associations/${job.organisationSlug}` : null,
      sector: job.sector,
      occupation: taxonomy.occupation(job.occupationCode),
      occupationCode: job.occupationCode,
      employmentType: job.employmentType,
      place: job.placeName ? `${job.placeName}, ${countryName(job.countryCode!, language)}` : null,
      placeId: job.placeId,
      nearby: job.parentPlaceId ? { id: job.parentPlaceId, name: job.parentPlaceName } : null,
      remote: job.remote,
      salary: salaryRange(job.salaryMinMinor, job.salaryMaxMinor, job.salaryCurrency, language, { from: t("card.from"), upTo: t("card.upTo") }),
      openings: job.openings,
      closes: formatDate(job.closesOn, language),
      published: formatDate(job.publishedAt, language),
      skillsRequired: job.skillsRequired.map((s) => taxonomy.skill(s)),
      skillsPreferred: job.skillsPreferred.map((s) => taxonomy.skill(s)),
      languages: job.languages.map((l) => languageName(l, language)),
    },
    applied,
  });
}

export default function JobPage() {
  const { job, applied } = useLoaderData<typeof loader>();
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to="/jobs" className="back-link">
          {t("job.back")}
        </Link>
      </p>
      <h1 lang={job.title?.lang} dir="auto">
        {job.title?.text}
      </h1>
      <p className="lead">
        {job.posterName ? job.posterLink ? <Link to={job.posterLink}><bdi>{job.posterName}</bdi></Link> : <bdi>{job.posterName}</bdi> : null}
        {job.place ? ` · ${job.place}` : null}
        {job.remote ? ` · ${t("card.remote")}` : null}
      </p>
      {!job.open ? <p className="notice">{t("job.closed")}</p> : null}
      {applied ? (
        <p className="notice">
          {t("job.applied")} <Link to={`/me/applications/${applied}`}>{t("job.seeApplication")}</Link>
        </p>
      ) : job.open ? (
        <p>
          <Link to={`/jobs/${job.id}/apply`} className="button">
            {t("job.apply")}
          </Link>
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t("job.type")}</dt>
        <dd>{t(`types.${job.employmentType}`)}</dd>
        <dt>{t("job.salary")}</dt>
        <dd>{job.salary ?? t("job.salaryNotGiven")}</dd>
        <dt>{t("job.openings")}</dt>
        <dd>{job.openings}</dd>
        <dt>{t("job.closes")}</dt>
        <dd>{job.closes}</dd>
        <dt>{t("job.sector")}</dt>
        <dd>{t(`sectors.${job.sector}`)}</dd>
        <dt>{t("job.occupation")}</dt>
        <dd>
          {job.occupation} <span className="muted">(ISCO-08 {job.occupationCode})</span>
        </dd>
        {job.languages.length ? (
          <>
            <dt>{t("job.languages")}</dt>
            <dd>{job.languages.join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("job.published")}</dt>
        <dd>{job.published}</dd>
      </dl>
      <section aria-labelledby="description-title">
        <h2 id="description-title">{t("job.description")}</h2>
        <div lang={job.description?.lang} dir="auto" className="prose">
          {job.description?.text.split(/\n{2,}/).map((paragraph, i) => <p key={i}>{paragraph}</p>)}
        </div>
      </section>
      {job.skillsRequired.length || job.skillsPreferred.length ? (
        <section aria-labelledby="skills-title">
          <h2 id="skills-title">{t("job.skills")}</h2>
          {job.skillsRequired.length ? (
            <p>
              <strong>{t("job.required")}</strong> {job.skillsRequired.join(", ")}
            </p>
          ) : null}
          {job.skillsPreferred.length ? (
            <p>
              <strong>{t("job.preferred")}</strong> {job.skillsPreferred.join(", ")}
            </p>
          ) : null}
        </section>
      ) : null}
      {job.nearby ? (
        <p>
          <Link to={`/jobs?place=${job.nearby.id}`}>{t("job.moreNearby", { place: job.nearby.name })}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
