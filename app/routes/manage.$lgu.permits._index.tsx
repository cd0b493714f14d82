import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { officerQueue, processingTimes } from "~/modules/permits/office.server";
import { queueFilters, type QueueFilter } from "~/modules/permits/vocabulary";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:office.title");

/** The permits office's queue: counts by status, the longest-waiting first, and the time figures. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "permits_officer", "treasurer"]);
  const url = new URL(request.url);
  const asked = url.searchParams.get("status") ?? "waiting";
  const filter: QueueFilter = (queueFilters as readonly string[]).includes(asked) ? (asked as QueueFilter) : "waiting";
  const page = Number(url.searchParams.get("page") ?? "1");
  const language = await getLanguage(request);
  const queue = await officerQueue(session.claims, lgu.id, filter, Number.isInteger(page) ? page : 1, language);
  const times = await processingTimes(session.claims, lgu.id, language).catch(() => []);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      filter,
      counts: queue.counts,
      total: queue.total,
      page: queue.page,
      pages: queue.pages,
      rows: queue.rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        status: r.status,
        businessName: r.businessName,
        typeName: r.typeName,
        submitted: r.submittedAt ? formatDate(r.submittedAt, language) : null,
        ageDays: r.ageDays,
      })),
      times: times.map((t) => ({ type: t.type, issued: t.issued, median: formatNumber(t.medianDays, language) })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function PermitsQueue() {
  const { lgu, filter, counts, total, page, pages, rows, times } = useLoaderData<typeof loader>();
  const { t } = useTranslation("permits");
  const location = useLocation();
  const countOf = (f: QueueFilter) =>
    f === "all" ? Object.values(counts).reduce((a, b) => a + b, 0) : f === "waiting" ? counts.submitted : counts[f as keyof typeof counts];
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("office.title")}</h1>
      <p>
        <Link to={`/manage/${lgu.slug}/permits/types`}>{t("types.title")}</Link>
      </p>
      <nav aria-label={t("office.filters")}>
        <ul className="inline-list" role="list">
          {queueFilters.map((f) => (
            <li key={f}>
              <Link to={`?status=${f}`} aria-current={f === filter ? "page" : undefined}>
                {t(`office.filter.${f}`)} ({countOf(f)})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {rows.length === 0 ? (
        <p className="empty">{t("office.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption>{t("office.caption", { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("office.reference")}</th>
                <th scope="col">{t("fields.businessName")}</th>
                <th scope="col">{t("office.type")}</th>
                <th scope="col">{t("office.status")}</th>
                <th scope="col">{t("office.submitted")}</th>
                <th scope="col" className="number">
                  {t("office.age")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link to={`/manage/${lgu.slug}/permits/${r.id}`} dir="ltr">
                      {r.reference}
                    </Link>
                  </th>
                  <td>
                    <bdi>{r.businessName}</bdi>
                  </td>
                  <td lang={r.typeName?.lang}>{r.typeName?.text}</td>
                  <td>{t(`status.${r.status}`)}</td>
                  <td>{r.submitted}</td>
                  <td className="number">{t("offered.days", { count: r.ageDays })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} search={location.search} />
      <section aria-labelledby="times-title">
        <h2 id="times-title">{t("office.timesTitle")}</h2>
        {times.length === 0 ? (
          <p className="empty">{t("office.timesNone")}</p>
        ) : (
          <ul>
            {times.map((row) => (
              <li key={row.type?.text}>
                <span lang={row.type?.lang}>{row.type?.text}</span>: {t("office.median", { days: row.median, count: row.issued })}
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
