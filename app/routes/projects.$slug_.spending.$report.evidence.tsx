import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getClaims } from "~/modules/auth/session.server";
import { evidenceLink } from "~/modules/projects/ledger.server";

/**
 * The evidence document of a spending report, published with it: the report is read under the
 * caller's RLS (visible with its project), then the browser is sent to a link that works for two
 * minutes, so the stable address on the page can be shared but the storage link cannot.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const link = await evidenceLink(await getClaims(request), params.slug ?? "", params.report ?? "");
  if (!link) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  return redirect(link, { headers: { "Cache-Control": "no-store" } });
}
