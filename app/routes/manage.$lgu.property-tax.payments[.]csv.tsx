import type { LoaderFunctionArgs } from "@remix-run/node";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { getLanguage, i18nServer } from "~/i18n/i18next.server";
import { csvDocument } from "~/modules/files/csv";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { allTaxPayments } from "~/modules/property-tax/payments.server";

/** Every property tax payment of the LGU as CSV (formula-safe), for its treasurers and admins. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const t = await i18nServer.getFixedT(await getLanguage(request), "tax");
  const rows = await allTaxPayments(session.claims, lgu.id);
  const body = csvDocument(
    ["receipt_number", "paid_at", "tax_declaration_number", "due_date", "owner_name", "amount", "currency", "channel"],
    rows.map((r) => [r.receiptNumber, r.paidAt.toISOString(), r.taxDeclarationNumber, r.dueDate, r.ownerName, toMajorUnits(r.amountMinor, r.currency), r.currency, t(`channels.${r.channel}`)]),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${lgu.slug}-property-tax-payments.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
