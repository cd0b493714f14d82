import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { officeOpportunities } from "~/modules/investments/opportunities.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:office.title");

/** The LGU's investment office: its opportunities (drafts included), and the ways to its leads and guide. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const language = await getLanguage(request);
  const rows = await officeOpportunities(session.claims, lgu.id, language);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      opportunities: rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, status: r.status, leads: r.leads, updated: formatDate(r.updatedAt, language) })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function InvestmentOffice() {
  const { lgu, opportunities } = useLoaderData<typeof loader>();
  const { t } = useTranslation("invest");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("office.title")}</h1>
      <p className="lead">{t("office.intro")}</p>
      <ul className="inline-list" role="list">
        <li>
          <Link className="button" to={`/manage/${lgu.slug}/investments/new`}>
            {t("office.new")}
          </Link>
        </li>
        <li>
          <Link to={`/manage/${lgu.slug}/investments/leads`}>{t("office.leads")}</Link>
        </li>
        <li>
          <Link to={`/manage/${lgu.slug}/investments/guide`}>{t("office.guide")}</Link>
        </li>
      </ul>
      {opportunities.length === 0 ? (
        <p className="empty">{t("office.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("office.opportunity")}</th>
                <th scope="col">{t("office.status")}</th>
                <th scope="col" className="number">
                  {t("office.leadCount")}
                </th>
                <th scope="col">{t("office.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {opportunities.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    <Link to={`/manage/${lgu.slug}/investments/${o.id}`} lang={o.title?.lang} dir="auto">
                      {o.title?.text}
                    </Link>
                  </th>
                  <td>{t(`statuses.${o.status}`)}</td>
                  <td className="number">{o.leads}</td>
                  <td>{o.updated}</td>
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
