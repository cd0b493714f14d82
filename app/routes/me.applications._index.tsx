import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { myApplications } from "~/modules/jobs/applications.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:mine.title");

/** The person's job applications and where each stands. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const rows = await myApplications(session.claims, language);
  return json(
    { applications: rows.map((r) => ({ id: r.id, jobId: r.jobId, title: r.title, posterName: r.posterName, status: r.status, applied: formatDate(r.createdAt, language), changed: formatDate(r.statusChangedAt, language) })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function MyApplications() {
  const { applications } = useLoaderData<typeof loader>();
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack">
      <h1>{t("mine.title")}</h1>
      <p>
        <Link to="/jobs">{t("mine.find")}</Link> · <Link to="/me/jobs">{t("forYou.title")}</Link>
      </p>
      {applications.length === 0 ? (
        <p className="notice">{t("mine.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("mine.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mine.job")}</th>
                <th scope="col">{t("mine.employer")}</th>
                <th scope="col">{t("mine.applied")}</th>
                <th scope="col">{t("mine.status")}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={`/me/applications/${a.id}`} lang={a.title?.lang} dir="auto">
                      {a.title?.text}
                    </Link>
                  </th>
                  <td>
                    <bdi>{a.posterName}</bdi>
                  </td>
                  <td>{a.applied}</td>
                  <td>
                    {t(`status.${a.status}`)} <span className="muted">({a.changed})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
