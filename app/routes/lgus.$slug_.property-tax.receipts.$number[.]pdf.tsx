import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { requirePublicLgu } from "~/modules/property-tax/lgu.server";
import { taxReceipt } from "~/modules/property-tax/payments.server";
import { taxReceiptPdf } from "~/modules/property-tax/receipt-pdf.server";

/** A property tax receipt as PDF, for its payer and the LGU's staff (RLS decides); 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lgu = await requirePublicLgu(params.slug);
  const session = await requireUser(request);
  const receipt = await taxReceipt(session.claims, params.number ?? "");
  if (!receipt || receipt.payment.lguId !== lgu.id) {
    return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const pdf = await taxReceiptPdf(receipt, lgu, await getLanguage(request));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${receipt.payment.receiptNumber}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
