import type { LoaderFunctionArgs } from "@remix-run/node";
import { getClaims } from "~/modules/auth/session.server";
import { opportunityDocumentFile } from "~/modules/investments/opportunities.server";

/**
 * A document of an opportunity, for whoever may see the opportunity (RLS: anyone once it is
 * published; the LGU's investment staff for drafts), as a download: its sniffed type, never inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = await opportunityDocumentFile(await getClaims(request), params.slug ?? "", params.id ?? "");
  if (!file) return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.type,
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
