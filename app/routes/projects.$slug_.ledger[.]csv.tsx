import type { LoaderFunctionArgs } from "@remix-run/node";
import { currencyMinorDigits } from "~/i18n/format";
import { ledgerCsv, publicLedger } from "~/modules/contributions/public-ledger.server";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The public ledger of a project as CSV, for anyone to check the totals themselves. */
export async function loader({ params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const ledger = SLUG.test(slug) ? await publicLedger(slug) : null;
  if (!ledger) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(ledgerCsv(ledger.rows, currencyMinorDigits(ledger.project.currency)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ledger.project.slug}-ledger.csv"`,
      "Cache-Control": "public, max-age=60",
    },
  });
}
