import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/session.server";
import { cvFile } from "~/modules/jobs/applications.server";

/**
 * An application's CV, for whoever may see the application (RLS: the applicant and the posting
 * LGU or organisation), as a download: its checked type, never rendered inline, never cached.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const file = await cvFile(session.claims, params.id ?? "");
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
