/** The public LGU a property tax page is for: verified (RLS hides the others), by its slug. */
import { withRls } from "~/db/client.server";
import { getLguBySlug } from "~/modules/lgus/queries.server";
import { notFound } from "~/utils/errors";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export async function requirePublicLgu(slug: string | undefined) {
  const lgu = slug && SLUG.test(slug) && slug.length <= 100 ? await withRls(null, (tx) => getLguBySlug(tx, slug)) : null;
  if (!lgu) throw notFound(`no public lgu ${slug}`);
  return { id: lgu.id, slug: lgu.slug, name: lgu.name };
}
