import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { listManagedProjects } from "~/modules/projects/editing.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:manage.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu, roles, isAdmin } = await requireManagedLgu(request, params.lgu);
  const language = await getLanguage(request);
  const rows = await listManagedProjects(session.claims, lgu.id);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      canCreate: isAdmin || roles.includes("editor"),
      projects: rows.map((p) => ({ slug: p.slug, status: p.status, title: localized(p.title, language), updated: formatDate(p.updatedAt, language) })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function ManageProjects() {
  const { lgu, canCreate, projects } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("manage.title")}</h1>
      {canCreate ? (
        <p>
          <Link to={`/manage/${lgu.slug}/projects/new`} className="button">
            {t("manage.new")}
          </Link>
        </p>
      ) : null}
      {projects.length === 0 ? (
        <p className="empty">{t("manage.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("manage.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("form.title")}</th>
                <th scope="col">{t("list.status")}</th>
                <th scope="col">{t("manage.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.slug}>
                  <th scope="row">
                    <Link to={`/manage/${lgu.slug}/projects/${p.slug}`} lang={p.title?.lang} dir="auto">
                      {p.title?.text}
                    </Link>
                  </th>
                  <td>{t(`status.${p.status}`)}</td>
                  <td>{p.updated}</td>
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
