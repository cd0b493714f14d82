import type { LoaderFunctionArgs } from "@remix-run/node";
import { caseDocumentFile } from "~/modules/investments/pipeline.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";

/** A document of an investor's case, for the LGU's investment staff (RLS), as a download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const file = await caseDocumentFile(session.claims, lgu.id, params.id ?? "");
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
