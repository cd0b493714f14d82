/**
 * An LGU's investment guide: the steps to register a business there, in order, each optionally
 * linked to one of the LGU's permit types (the public page links the type while it is offered
 * online). Public for verified LGUs; written by the LGU's investment staff (RLS).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { investmentGuideSteps, permitTypes, type LocalizedText } from "~/db/schema";
import { localized } from "~/i18n/localized";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";

/** The guide's steps in `language`, each with its permit type when that type is offered (active, visible to the caller). */
export async function guideSteps(claims: JwtClaims | null, lguId: string, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: investmentGuideSteps.id,
        position: investmentGuideSteps.position,
        title: investmentGuideSteps.title,
        body: investmentGuideSteps.body,
        permitTypeId: investmentGuideSteps.permitTypeId,
        permitSlug: permitTypes.slug,
        permitName: permitTypes.name,
        permitActive: permitTypes.active,
        updatedAt: investmentGuideSteps.updatedAt,
      })
      .from(investmentGuideSteps)
      .leftJoin(permitTypes, eq(permitTypes.id, investmentGuideSteps.permitTypeId))
      .where(eq(investmentGuideSteps.lguId, lguId))
      .orderBy(asc(investmentGuideSteps.position), asc(investmentGuideSteps.id)),
  );
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    titleRaw: r.title,
    bodyRaw: r.body,
    title: localized(r.title, language),
    body: localized(r.body, language),
    permitTypeId: r.permitTypeId,
    permit: r.permitSlug && r.permitActive ? { slug: r.permitSlug, name: localized(r.permitName as LocalizedText, language) } : null,
    updatedAt: r.updatedAt,
  }));
}

const refused = (error: unknown): never => {
  if (error instanceof FormProblem) throw error;
  const failure = databaseFailure(error);
  if (failure?.code === "42501") throw new FormProblem("", "invest:errors.notStaff", 403);
  throw error;
};

/** Adds a step at the end of the guide, its text in `textLanguage`. */
export async function addGuideStep(claims: JwtClaims, lguId: string, input: { textLanguage: string; title: string; body: string | null; permitType?: string }) {
  await withRls(claims, async (tx) => {
    const [{ next } = { next: 0 }] = await tx.execute<{ next: number }>(
      sql`select coalesce(max(position) + 1, 0)::int as next from public.investment_guide_steps where lgu_id = ${lguId}::uuid`,
    );
    await tx.insert(investmentGuideSteps).values({
      lguId,
      position: Number(next),
      title: { [input.textLanguage]: input.title },
      body: input.body ? { [input.textLanguage]: input.body } : {},
      permitTypeId: input.permitType ?? null,
    });
  }).catch(refused);
}

/** Changes a step's text in one language (the others are kept) and its permit type. */
export async function updateGuideStep(claims: JwtClaims, lguId: string, id: string, input: { textLanguage: string; title: string; body: string | null; permitType?: string }) {
  await withRls(claims, async (tx) => {
    const [current] = await tx.select().from(investmentGuideSteps).where(and(eq(investmentGuideSteps.id, id), eq(investmentGuideSteps.lguId, lguId)));
    if (!current) throw new FormProblem("", "invest:errors.notStaff", 403);
    const body = { ...current.body };
    if (input.body) body[input.textLanguage] = input.body;
    else delete body[input.textLanguage];
    const changed = await tx
      .update(investmentGuideSteps)
      .set({ title: { ...current.title, [input.textLanguage]: input.title }, body, permitTypeId: input.permitType ?? null })
      .where(eq(investmentGuideSteps.id, id))
      .returning({ id: investmentGuideSteps.id });
    if (changed.length === 0) throw new FormProblem("", "invest:errors.notStaff", 403);
  }).catch(refused);
}

/** Removes a step. */
export async function removeGuideStep(claims: JwtClaims, lguId: string, id: string) {
  const removed = await withRls(claims, (tx) =>
    tx.delete(investmentGuideSteps).where(and(eq(investmentGuideSteps.id, id), eq(investmentGuideSteps.lguId, lguId))).returning({ id: investmentGuideSteps.id }),
  ).catch(refused);
  if (removed.length === 0) throw new FormProblem("", "invest:errors.notStaff", 403);
}
