import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAccount } from "~/modules/auth/account.server";
import { requireUser } from "~/modules/auth/session.server";

/** GET /me/export: everything the portal holds about the signed-in person, as a JSON download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const data = await exportAccount(session);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="tulay-export-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
