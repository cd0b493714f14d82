import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getClaims } from "~/modules/auth/session.server";
import { propertyFormLink } from "~/modules/property-tax/forms.server";
import { requirePublicLgu } from "~/modules/property-tax/lgu.server";
import { notFound } from "~/utils/errors";

/** Downloads a published property form (or any of the LGU's, for its treasurers): a short-lived signed link. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lgu = await requirePublicLgu(params.slug);
  const link = await propertyFormLink(await getClaims(request), lgu.id, params.id ?? "");
  if (!link) throw notFound("no such form");
  return redirect(link, { headers: { "Cache-Control": "private, no-store" } });
}
