import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage, i18nServer } from "~/i18n/i18next.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { getImport, importReport, rejectedReportCsv } from "~/modules/property-tax/imports.server";
import { notFound } from "~/utils/errors";

/** The rejected rows of an import as CSV, in the reader's language, for the LGU's treasurers. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const row = await getImport(session.claims, lgu.id, params.id ?? "");
  const report = row ? await importReport(row) : null;
  if (!row || !report) throw notFound("no report for this import");
  const t = await i18nServer.getFixedT(await getLanguage(request), ["tax", "services"]);
  return new Response(rejectedReportCsv(report, (key, options) => t(key, options) as string), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rejected-rows-${row.id.slice(0, 8)}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
