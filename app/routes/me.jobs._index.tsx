import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { JobCard } from "~/components/job-card";
import { MatchReasons } from "~/components/match-reasons";
import { withRls } from "~/db/client.server";
import { getLanguage, i18nServer } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { jobCardView } from "~/modules/jobs/format";
import { savedSearchesOf, searchQuery } from "~/modules/jobs/saved-searches.server";
import { jobsForPerson } from "~/modules/matching/jobs.server";
import { sql } from "drizzle-orm";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:forYou.title");

/** "Jobs for you": the open jobs that fit the person's job profile, with why; and their saved searches. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  // The three reads go to the database together (postgres.js pipelines them on the transaction's
  // connection) rather than one round trip after another.
  const [[profile], found, searches] = await withRls(session.claims, (tx) =>
    Promise.all([
      tx.execute<{ occupation: string | null; skills: number }>(sql`
        select (select jp.occupation_code from public.jobseeker_profiles jp where jp.profile_id = ${session.user.id}) as occupation,
               (select count(*)::int from public.member_skills ms where ms.profile_id = ${session.user.id}) as skills`),
      jobsForPerson(tx, language, 20),
      savedSearchesOf(tx, session.user.id),
    ]),
  );
  const t = await i18nServer.getFixedT(language, "jobs");
  const words = { from: t("card.from"), upTo: t("card.upTo") };
  return json(
    {
      hasProfile: Boolean(profile && (profile.occupation || profile.skills > 0)),
      jobs: found.map(({ match, card, reasons }) => ({ ...jobCardView(card, language, words), score: match.score, reasons })),
      searches: searches.map((s) => ({ id: s.id, name: s.name, alerts: s.alerts, query: searchQuery(s.filters) })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function JobsForYou() {
  const { hasProfile, jobs, searches } = useLoaderData<typeof loader>();
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack">
      <h1>{t("forYou.title")}</h1>
      <ul className="actions" role="list">
        <li>
          <Link to="/me/jobs/profile">{t("profile.link")}</Link>
        </li>
        <li>
          <Link to="/me/applications">{t("mine.title")}</Link>
        </li>
        <li>
          <Link to="/jobs">{t("mine.find")}</Link>
        </li>
      </ul>
      {!hasProfile ? (
        <p className="notice">
          {t("forYou.noProfile")} <Link to="/me/jobs/profile">{t("profile.link")}</Link>
        </p>
      ) : jobs.length === 0 ? (
        <p className="notice">{t("forYou.none")}</p>
      ) : (
        <>
          <p>{t("forYou.intro")}</p>
          <ul className="grid" role="list">
            {jobs.map((job) => (
              <li key={job.id}>
                <JobCard job={job}>
                  <p>
                    <strong>{t("forYou.score", { score: job.score })}</strong>
                  </p>
                  <MatchReasons reasons={job.reasons} />
                </JobCard>
              </li>
            ))}
          </ul>
        </>
      )}
      <section aria-labelledby="saved-title" className="stack">
        <h2 id="saved-title">{t("saved.title")}</h2>
        {searches.length === 0 ? (
          <p className="muted">{t("saved.none")}</p>
        ) : (
          <ul role="list" className="stack">
            {searches.map((s) => (
              <li key={s.id}>
                <Link to={`/jobs?${s.query}`}>{s.name}</Link> · {s.alerts ? t("saved.alertsOn") : t("saved.alertsOff")}{" "}
                <Form method="post" action="/me/jobs/searches" className="inline-form">
                  <input type="hidden" name="id" value={s.id} />
                  <input type="hidden" name="intent" value={s.alerts ? "alertsOff" : "alertsOn"} />
                  <button type="submit" className="link-button">
                    {s.alerts ? t("saved.turnOff") : t("saved.turnOn")}
                  </button>
                </Form>
                {" · "}
                <Form method="post" action="/me/jobs/searches" className="inline-form">
                  <input type="hidden" name="id" value={s.id} />
                  <input type="hidden" name="intent" value="delete" />
                  <button type="submit" className="link-button danger">
                    {t("saved.delete")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
