/**
 * Associations, employers, cooperatives and NGOs: creating one (its creator becomes its first
 * officer, by trigger), the public page of a verified one, and the lists a member sees of their own.
 * Everything runs as the caller through withRls: the database decides who sees an unverified one.
 */
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { lguMemberships, lgus, organisationMemberships, organisations, places, type OrganisationRole } from "~/db/schema";
import { placePath } from "~/modules/lgus/queries.server";
import { FormProblem } from "./errors.server";
import type { OrganisationInput } from "./schema";
import { insertWithUniqueSlug, slugify } from "./slug.server";

export interface PlaceGroup {
  countryCode: string;
  places: { id: string; name: string; parentName: string | null; kind: string }[];
}

/** Every place below country level, grouped by country, for the place selects. */
export async function placeGroups(tx: Tx): Promise<PlaceGroup[]> {
  const rows = await tx.execute<{ id: string; name: string; kind: string; country_code: string; parent_name: string | null }>(sql`
    select p.id, p.name, p.kind::text as kind, p.country_code, parent.name as parent_name
    from places p left join places parent on parent.id = p.parent_id
    where p.kind <> 'country'
    order by p.country_code, p.name`);
  const groups = new Map<string, PlaceGroup>();
  for (const row of rows) {
    const group = groups.get(row.country_code) ?? { countryCode: row.country_code, places: [] };
    group.places.push({ id: row.id, name: row.name, parentName: row.parent_name, kind: row.kind });
    groups.set(row.country_code, group);
  }
  return [...groups.values()];
}

export async function placeExists(tx: Tx, placeId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.id, placeId), ne(places.kind, "country")));
  return rows.length > 0;
}

export async function createOrganisation(claims: JwtClaims, input: OrganisationInput, locale: string) {
  return withRls(claims, async (tx) => {
    if (input.homePlaceId && !(await placeExists(tx, input.homePlaceId))) {
      throw new FormProblem("homePlaceId", "organisations:validation.placeRequired");
    }
    const base = slugify(input.name, "organisation");
    return insertWithUniqueSlug(tx, base, "organisations_slug_unique", async (savepoint, slug) => {
      const [row] = await savepoint
        .insert(organisations)
        .values({
          kind: input.kind,
          name: input.name,
          slug,
          associationLevel: input.kind === "association" ? input.associationLevel ?? null : null,
          homePlaceId: input.homePlaceId ?? null,
          cityAbroad: input.cityAbroad || null,
          countryAbroad: input.countryAbroad || null,
          contactEmail: input.contactEmail || null,
          website: input.website || null,
          description: input.description ? { [locale]: input.description } : {},
          createdBy: claims.sub,
        })
        .returning({ id: organisations.id, slug: organisations.slug });
      return row!;
    });
  });
}

/**
 * An organisation as the caller may see it: any verified one, or an unverified one they belong to
 * (RLS decides; unknown and hidden look the same, null). With the caller's role, if any.
 */
export async function getOrganisation(claims: JwtClaims | null, slug: string) {
  return withRls(claims, async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
    if (!organisation) return null;
    let role: OrganisationRole | null = null;
    if (claims) {
      const [membership] = await tx
        .select({ role: organisationMemberships.role })
        .from(organisationMemberships)
        .where(and(eq(organisationMemberships.organisationId, organisation.id), eq(organisationMemberships.userId, claims.sub)));
      role = membership?.role ?? null;
    }
    const homePlace = organisation.homePlaceId ? await placePath(tx, organisation.homePlaceId) : [];
    return { organisation, role, homePlace };
  });
}

/** The caller's organisations and LGUs, with their roles, for /me/organisations. */
export async function listMine(claims: JwtClaims) {
  return withRls(claims, async (tx) => {
    const myOrganisations = await tx
      .select({
        slug: organisations.slug,
        name: organisations.name,
        kind: organisations.kind,
        verificationStatus: organisations.verificationStatus,
        role: organisationMemberships.role,
      })
      .from(organisationMemberships)
      .innerJoin(organisations, eq(organisations.id, organisationMemberships.organisationId))
      .where(eq(organisationMemberships.userId, claims.sub))
      .orderBy(asc(organisations.name));
    const lguRows = await tx
      .select({ slug: lgus.slug, name: lgus.name, verificationStatus: lgus.verificationStatus, role: lguMemberships.role })
      .from(lguMemberships)
      .innerJoin(lgus, eq(lgus.id, lguMemberships.lguId))
      .where(eq(lguMemberships.userId, claims.sub))
      .orderBy(asc(lgus.name), asc(lguMemberships.role));
    const myLgus = new Map<string, { slug: string; name: string; verificationStatus: string; roles: string[] }>();
    for (const row of lguRows) {
      const entry = myLgus.get(row.slug) ?? { slug: row.slug, name: row.name, verificationStatus: row.verificationStatus, roles: [] };
      entry.roles.push(row.role);
      myLgus.set(row.slug, entry);
    }
    return { organisations: myOrganisations, lgus: [...myLgus.values()] };
  });
}
