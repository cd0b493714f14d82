import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { requireUser } from "~/modules/auth/session.server";
import { readableReceipt, receiptPdf } from "~/modules/contributions/receipts.server";

/** A receipt as PDF, for its donor and the LGU's admins and treasurers (RLS decides); 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const receipt = await readableReceipt(session.claims, params.number ?? "");
  if (!receipt) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  const pdf = await receiptPdf(receipt, await getLanguage(request), siteUrl(request));
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${receipt.number}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
