import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { MatchReasons } from "~/components/match-reasons";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { matchesFor, type Match } from "~/modules/matching/engine.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "matching:title");

/** "For you": skill needs, projects and opportunities ranked for the person, each with why. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  return json(await matchesFor(session.claims, language), { headers: { "Cache-Control": "private, no-store" } });
}

function MatchList({ id, items, empty }: { id: string; items: Match[]; empty: string }) {
  const { t } = useTranslation("matching");
  if (!items.length) return <p className="empty">{empty}</p>;
  return (
    <ol className="plan-list" aria-labelledby={id}>
      {items.map((m) => (
        <li key={`${m.kind}-${m.id}`} className="card stack">
          <h3 className="card__title">
            <Link to={m.href} lang={m.title?.lang}>
              {m.title?.text}
            </Link>
          </h3>
          <p className="muted">
            {m.context ? (
              <>
                <span lang={m.context.lang}>{m.context.text}</span> ·{" "}
              </>
            ) : null}
            <bdi>{m.lguName}</bdi> · {t("score", { score: m.score })}
          </p>
          <MatchReasons reasons={m.reasons} />
        </li>
      ))}
    </ol>
  );
}

export default function ForYou() {
  const { needs, projects, jobs, opportunities } = useLoaderData<typeof loader>();
  const { t } = useTranslation("matching");
  return (
    <div className="container section stack">
      <h1>{t("title")}</h1>
      <p className="lead">
        {t("intro")} <Link to="/me/profile">{t("improve")}</Link>
      </p>
      <section aria-labelledby="for-you-needs" className="stack">
        <h2 id="for-you-needs">{t("sections.needs")}</h2>
        <MatchList id="for-you-needs" items={needs as Match[]} empty={t("empty.needs")} />
      </section>
      <section aria-labelledby="for-you-projects" className="stack">
        <h2 id="for-you-projects">{t("sections.projects")}</h2>
        <MatchList id="for-you-projects" items={projects as Match[]} empty={t("empty.projects")} />
      </section>
      <section aria-labelledby="for-you-jobs" className="stack">
        <h2 id="for-you-jobs">{t("sections.jobs")}</h2>
        <MatchList id="for-you-jobs" items={jobs as Match[]} empty={t("empty.jobs")} />
        <p>
          <Link to="/me/jobs">{t("jobsLink")}</Link>
        </p>
      </section>
      <section aria-labelledby="for-you-opportunities" className="stack">
        <h2 id="for-you-opportunities">{t("sections.opportunities")}</h2>
        <MatchList id="for-you-opportunities" items={opportunities as Match[]} empty={t("empty.opportunities")} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
