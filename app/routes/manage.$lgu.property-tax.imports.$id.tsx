import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { getImport, importReport, problemKey } from "~/modules/property-tax/imports.server";
import { notFound } from "~/utils/errors";
import { scriptFree, titleFromRoot } from "~/utils/meta";

// Plain HTML: the page reloads itself (meta refresh) while the import runs, with or without JavaScript.
export const handle = scriptFree;

const REJECTED_PER_PAGE = 50;
const REFRESH_SECONDS = 2;

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  ...titleFromRoot(matches, "tax:import.title"),
  ...(data?.running ? [{ httpEquiv: "refresh", content: String(REFRESH_SECONDS) } as const] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const row = await getImport(session.claims, lgu.id, params.id ?? "");
  if (!row) throw notFound("no such import");
  const language = await getLanguage(request);
  const running = row.status === "queued" || row.status === "running";
  const report = running ? null : await importReport(row);
  const requested = Number(new URL(request.url).searchParams.get("page")) || 1;
  const rejected = report?.rejected ?? [];
  const pages = Math.max(1, Math.ceil(rejected.length / REJECTED_PER_PAGE));
  const page = Math.min(Math.max(1, Math.floor(requested)), pages);
  const n = (value: number) => formatNumber(value, language);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      running,
      import: {
        id: row.id,
        fileName: row.fileName,
        status: row.status,
        currency: row.currency,
        createdAt: formatDateTime(row.createdAt, language),
        finishedAt: row.finishedAt ? formatDateTime(row.finishedAt, language) : null,
        percent: row.status === "done" ? 100 : row.totalBytes > 0 ? Math.floor((row.bytesRead / row.totalBytes) * 100) : 0,
        rowsRead: n(row.rowsRead),
        valid: n(row.validRows),
        rejected: n(row.rejectedRows),
        inserted: n(row.insertedRows),
        updated: n(row.updatedRows),
        unchanged: n(Math.max(0, row.validRows - row.insertedRows - row.updatedRows)),
        hasRejected: row.rejectedRows > 0 || (report?.fatal.length ?? 0) > 0,
      },
      fatal: (report?.fatal ?? []).map((f) => ({ key: problemKey(f.code), columns: f.columns?.join(", ") ?? "", line: f.line ?? null })),
      truncated: report?.rejectedTruncated ?? false,
      rejected: rejected.slice((page - 1) * REJECTED_PER_PAGE, page * REJECTED_PER_PAGE).map((r) => ({ ...r, key: problemKey(r.code) })),
      page,
      pages,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function TaxImportPage() {
  const { lgu, running, import: imp, fatal, rejected, truncated, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("tax");
  const location = useLocation();
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/property-tax`} className="back-link">
          {t("import.back")}
        </Link>
      </p>
      <h1>
        {t("import.title")}: <bdi>{imp.fileName}</bdi>
      </h1>
      <p>
        <span className="badge">{t(`status.${imp.status}`)}</span> {t("import.startedAt", { date: imp.createdAt })}
        {imp.finishedAt ? ` · ${t("import.finishedAt", { date: imp.finishedAt })}` : null}
      </p>
      <div className="progress" role="status" aria-live="polite">
        <label htmlFor="import-progress">{t("import.progress", { percent: imp.percent })}</label>
        <progress id="import-progress" max={100} value={imp.percent}>
          {imp.percent}%
        </progress>
        {running ? <p className="muted">{t("import.refreshing", { rows: imp.rowsRead })}</p> : null}
      </div>
      {running ? (
        <p>
          <Link to=".">{t("import.refreshNow")}</Link>
        </p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t("import.counts.rowsRead")}</dt>
            <dd>{imp.rowsRead}</dd>
            <dt>{t("import.counts.inserted")}</dt>
            <dd>{imp.inserted}</dd>
            <dt>{t("import.counts.updated")}</dt>
            <dd>{imp.updated}</dd>
            <dt>{t("import.counts.unchanged")}</dt>
            <dd>{imp.unchanged}</dd>
            <dt>{t("import.counts.rejected")}</dt>
            <dd>{imp.rejected}</dd>
          </dl>
          {imp.status === "failed" ? (
            <div className="form-errors" role="alert">
              <p>{t("import.failed")}</p>
              <ul>
                {fatal.map((f, i) => (
                  <li key={i}>{t(f.key, { columns: f.columns, line: f.line })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <section aria-labelledby="rejected-title" className="stack">
            <h2 id="rejected-title">{t("import.rejectedTitle")}</h2>
            {rejected.length === 0 ? (
              <p className="empty">{t("import.rejectedEmpty")}</p>
            ) : (
              <>
                <p>
                  <a href={`/manage/${lgu.slug}/property-tax/imports/${imp.id}/rejected.csv`} download>
                    {t("import.downloadCsv")}
                  </a>
                </p>
                {truncated ? <p className="muted">{t("import.truncated")}</p> : null}
                <div className="table-wrap">
                  <table className="data" aria-labelledby="rejected-title">
                    <thead>
                      <tr>
                        <th scope="col" className="number">
                          {t("report.row")}
                        </th>
                        <th scope="col" className="number">
                          {t("report.line")}
                        </th>
                        <th scope="col">{t("report.column")}</th>
                        <th scope="col">{t("report.problem")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {rejected.map((r, i) => (
                        <tr key={`${r.row}-${r.column}-${i}`}>
                          <td className="number">{r.row}</td>
                          <td className="number">{r.line}</td>
                          <td>
                            <code dir="ltr">{r.column ?? "—"}</code>
                          </td>
                          <td>{t(r.key, { firstRow: r.firstRow })}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pagination page={page} pages={pages} search={location.search} />
              </>
            )}
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
