import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { statementPdf, yearlyStatement } from "~/modules/contributions/statements.server";
import { getOwnProfile } from "~/modules/people/profile.server";

const notFound = () => new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** The signed-in person's statement of gifts for a calendar year, as PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const year = Number(params.year);
  const now = new Date();
  if (!/^\d{4}$/.test(params.year ?? "") || year < 2000 || year > now.getUTCFullYear()) return notFound();
  const own = await getOwnProfile(session);
  const statement = await yearlyStatement(session.claims, year, { name: own.profile?.displayName ?? null, email: session.user.email });
  const pdf = await statementPdf(statement, await getLanguage(request), now);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="tulay-statement-${year}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
