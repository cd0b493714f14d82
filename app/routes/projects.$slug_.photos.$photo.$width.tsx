import type { LoaderFunctionArgs } from "@remix-run/node";
import { getClaims } from "~/modules/auth/session.server";
import { isPhotoWidth, readPhoto } from "~/modules/projects/photos.server";

const notFound = () =>
  new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" } });

/**
 * One resized variant of a project photo. The row is read under the caller's RLS, so a draft's
 * photos reach only its LGU's staff and a public project's reach everyone. Anonymous requests can
 * only ever see public photos, so theirs may be cached by browsers and proxies; staff's stay private.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isPhotoWidth(params.width)) return notFound();
  const claims = await getClaims(request);
  const photo = await readPhoto(claims, params.slug ?? "", params.photo ?? "", Number(params.width) as 480 | 1280);
  if (!photo) return notFound();
  return new Response(new Uint8Array(photo.body), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(photo.body.byteLength),
      "X-Content-Type-Options": "nosniff",
      // The bytes of a photo id never change (a trigger keeps them), so a day is safe; removal
      // and a project going private take effect for the public within that day.
      "Cache-Control": claims ? "private, max-age=300" : "public, max-age=86400",
      Vary: "Cookie",
    },
  });
}
