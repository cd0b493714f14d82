import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { requireUser } from "~/modules/auth/session.server";
import { permitPdfFor } from "~/modules/permits/office.server";

/** An issued permit as PDF (with its verification QR code), for its holder and the LGU's staff (RLS decides); 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const number = params.number ?? "";
  const pdf = await permitPdfFor(session.claims, number, await getLanguage(request), siteUrl(request));
  if (!pdf) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${number}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
