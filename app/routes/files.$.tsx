import type { LoaderFunctionArgs } from "@remix-run/node";
import { getStoragePort } from "~/adapters/index.server";
import { verifyFileLink } from "~/adapters/storage/local.server";
import { getEnv } from "~/config/env.server";

const gone = () =>
  new Response("Not found", {
    status: 404,
    headers: { "Cache-Control": "private, no-store", "Content-Type": "text/plain; charset=utf-8" },
  });

/**
 * Files of the local storage adapter, reached only through the signed, expiring links it hands out
 * (the HMAC is the access check, made when the link was created). Any other request is a 404, so
 * keys cannot be probed. Always a download, never rendered by the browser as a page.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const storage = getStoragePort();
  if (storage.name !== "local") return gone();
  const key = params["*"] ?? "";
  const url = new URL(request.url);
  if (!verifyFileLink(getEnv().SESSION_SECRET, key, url.searchParams.get("expires"), url.searchParams.get("signature"))) return gone();
  const file = await storage.get(key);
  if (!file) return gone();
  const filename = key.split("/").pop() ?? "file";
  return new Response(new Uint8Array(file.body), {
    status: 200,
    headers: {
      "Content-Type": file.contentType.trim() || "application/octet-stream",
      "Content-Length": String(file.body.byteLength),
      // Keys hold only [A-Za-z0-9._-], so the name needs no escaping.
      "Content-Disposition": `attachment; filename="${filename}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
