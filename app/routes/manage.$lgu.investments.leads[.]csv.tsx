import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { leadsCsv } from "~/modules/investments/pipeline.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";

/** The LGU's leads as CSV (formula-safe), for its investment staff; contact details only where the investor consented. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const body = await leadsCsv(session.claims, lgu.id, await getLanguage(request));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${lgu.slug}-investment-leads.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
