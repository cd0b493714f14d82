import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { withRls } from "~/db/client.server";
import { formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { funderPage } from "~/modules/projects/funders.server";
import { scriptFree } from "~/utils/meta";

// Links only: no JavaScript needed.
export const handle = scriptFree;

/** A co-funder's page: the matching it has committed, per project and in total, on published projects (read as the public). */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const page = Number(new URL(request.url).searchParams.get("page") ?? "1");
  const funder = await withRls(null, (tx) => funderPage(tx, params.slug ?? "", Number.isInteger(page) ? page : 1));
  if (!funder) throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  return json({
    slug: funder.slug,
    name: funder.name,
    kind: funder.kind,
    total: funder.total,
    page: funder.page,
    pages: funder.pages,
    totals: funder.totals.map((t) => ({
      currency: t.currency,
      projects: t.projects,
      committed: formatMoney(t.committedMinor, t.currency, language),
      cap: formatMoney(t.capMinor, t.currency, language),
    })),
    rows: funder.rows.map((r) => ({
      key: `${r.projectSlug}-${r.ratioMatched}-${r.ratioGiven}-${r.capMinor}`,
      project: { slug: r.projectSlug, title: localized(r.projectTitle, language), status: r.projectStatus },
      lgu: { slug: r.lguSlug, name: r.lguName },
      ratio: `${r.ratioMatched}:${r.ratioGiven}`,
      cap: formatMoney(r.capMinor, r.currency, language),
      committed: formatMoney(r.committedMinor, r.currency, language),
    })),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.name} — Tulay` : "Tulay" }];

export default function FunderPage() {
  const { name, kind, total, page, pages, totals, rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  const location = useLocation();
  return (
    <article className="container section stack" aria-labelledby="funder-title">
      <h1 id="funder-title">
        <bdi>{name}</bdi>
      </h1>
      <p>
        <span className="badge">{t(`cofunderKinds.${kind}`)}</span> {t("funder.intro")}
      </p>
      <section aria-labelledby="funder-totals" className="table-wrap">
        <h2 id="funder-totals">{t("funder.totals")}</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("funder.currency")}</th>
              <th scope="col" className="number">
                {t("funder.projects")}
              </th>
              <th scope="col" className="number">
                {t("page.committed")}
              </th>
              <th scope="col" className="number">
                {t("funder.caps")}
              </th>
            </tr>
          </thead>
          <tbody>
            {totals.map((row) => (
              <tr key={row.currency}>
                <th scope="row">{row.currency}</th>
                <td className="number">{row.projects}</td>
                <td className="number">{row.committed}</td>
                <td className="number">{row.cap}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="funder-projects" className="table-wrap">
        <h2 id="funder-projects">{t("funder.projectsTitle", { count: total })}</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t("funder.project")}</th>
              <th scope="col">{t("funder.lgu")}</th>
              <th scope="col">{t("page.ratio")}</th>
              <th scope="col" className="number">
                {t("page.cap")}
              </th>
              <th scope="col" className="number">
                {t("page.committed")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  <Link to={`/projects/${row.project.slug}`} lang={row.project.title?.lang} dir="auto">
                    {row.project.title?.text ?? row.project.slug}
                  </Link>{" "}
                  <span className="badge">{t(`status.${row.project.status}`)}</span>
                </th>
                <td>
                  <Link to={`/lgus/${row.lgu.slug}`}>
                    <bdi>{row.lgu.name}</bdi>
                  </Link>
                </td>
                <td>{row.ratio}</td>
                <td className="number">{row.cap}</td>
                <td className="number">{row.committed}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pagination page={page} pages={pages} search={location.search} />
      </section>
      <p className="muted">{t("funder.listedBy")}</p>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
