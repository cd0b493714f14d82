/**
 * LGUs from their staff's side: registering one (unverified; the database makes the registrant its
 * first admin) and reading the LGU a staff page is about, with the caller's roles there. The public
 * side of LGUs lives in app/modules/lgus.
 */
import { and, eq } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { lguMemberships, lgus, type LguRole } from "~/db/schema";
import { placePath } from "~/modules/lgus/queries.server";
import { FormProblem } from "./errors.server";
import { placeExists } from "./organisations.server";
import type { LguRegistrationInput } from "./schema";
import { insertWithUniqueSlug, slugify } from "./slug.server";

export async function registerLgu(claims: JwtClaims, input: LguRegistrationInput) {
  return withRls(claims, async (tx) => {
    if (!(await placeExists(tx, input.placeId))) throw new FormProblem("placeId", "organisations:validation.placeRequired");
    return insertWithUniqueSlug(tx, slugify(input.name, "lgu"), "lgus_slug_unique", async (savepoint, slug) => {
      const [row] = await savepoint
        .insert(lgus)
        .values({
          placeId: input.placeId,
          name: input.name,
          slug,
          contactEmail: input.contactEmail,
          contactPhone: input.contactPhone || null,
          website: input.website || null,
          createdBy: claims.sub,
        })
        .returning({ id: lgus.id, slug: lgus.slug });
      return row!;
    });
  });
}

/**
 * The LGU behind /manage/:lgu as the caller sees it (their own, whatever its status), with the
 * roles they hold there; null when it does not exist for them. Routes still call requireLguRole.
 */
export async function getManagedLgu(claims: JwtClaims, slug: string) {
  return withRls(claims, async (tx) => {
    const [lgu] = await tx.select().from(lgus).where(eq(lgus.slug, slug)).limit(1);
    if (!lgu) return null;
    const roles = await tx
      .select({ role: lguMemberships.role })
      .from(lguMemberships)
      .where(and(eq(lguMemberships.lguId, lgu.id), eq(lguMemberships.userId, claims.sub)));
    return { lgu, roles: roles.map((r) => r.role) as LguRole[], place: await placePath(tx, lgu.placeId) };
  });
}
