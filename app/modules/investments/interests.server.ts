/**
 * Expressions of interest as members meet them: expressing interest in an open opportunity (the
 * database function checks it is open, the range is in order and it is the first time), the list of
 * one's own expressions with the LGU's replies and the case's phase, writing back, and the ticket
 * size the member could invest (for "Opportunities for you"). Under the member's RLS throughout.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { investmentCases, investmentInterests, investmentMessages, investmentOpportunities, investmentPreferences, lgus, permitApplications } from "~/db/schema";
import { localized } from "~/i18n/localized";
import { investmentProblem } from "./errors.server";
import type { InterestFormInput } from "./schema";

/** Records the member's interest; returns its id. Refusals come back as FormProblems. */
export async function expressInterest(claims: JwtClaims, opportunityId: string, input: InterestFormInput): Promise<string> {
  const [row] = await withRls(claims, (tx) =>
    tx.execute<{ id: string }>(sql`select public.express_investment_interest(${opportunityId}::uuid, ${input.amountMinMinor}::bigint, ${input.amountMaxMinor}::bigint,
      ${input.timeline}, ${input.role}, ${input.message}, ${input.consent}, ${input.consent ? (input.phone ?? null) : null}) as id`),
  ).catch(investmentProblem);
  return row!.id;
}

/** The member's expressions of interest, newest first, with the opportunity, stage and the count of replies. */
export async function myInterests(claims: JwtClaims, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: investmentInterests.id,
        stage: investmentInterests.stage,
        createdAt: investmentInterests.createdAt,
        title: investmentOpportunities.title,
        slug: investmentOpportunities.slug,
        lguName: lgus.name,
        replies: sql<number>`(select count(*) from public.investment_messages m where m.interest_id = public.investment_interests.id and m.from_staff)::integer`.mapWith(Number),
      })
      .from(investmentInterests)
      .innerJoin(investmentOpportunities, eq(investmentOpportunities.id, investmentInterests.opportunityId))
      .innerJoin(lgus, eq(lgus.id, investmentInterests.lguId))
      .where(eq(investmentInterests.memberId, claims.sub))
      .orderBy(desc(investmentInterests.createdAt)),
  );
  return rows.map((r) => ({ ...r, title: localized(r.title, language) }));
}

/** One of the member's expressions with the messages, the case's phase and (when it is theirs) the linked permit application. */
export async function myInterest(claims: JwtClaims, id: string, language: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return withRls(claims, async (tx) => {
    const [row] = await tx
      .select({ interest: investmentInterests, title: investmentOpportunities.title, slug: investmentOpportunities.slug, lguName: lgus.name })
      .from(investmentInterests)
      .innerJoin(investmentOpportunities, eq(investmentOpportunities.id, investmentInterests.opportunityId))
      .innerJoin(lgus, eq(lgus.id, investmentInterests.lguId))
      .where(and(eq(investmentInterests.id, id), eq(investmentInterests.memberId, claims.sub)));
    if (!row) return null;
    const messages = await tx
      .select({ id: investmentMessages.id, fromStaff: investmentMessages.fromStaff, body: investmentMessages.body, createdAt: investmentMessages.createdAt })
      .from(investmentMessages)
      .where(eq(investmentMessages.interestId, id))
      .orderBy(asc(investmentMessages.createdAt));
    const [found] = await tx
      .select({ phase: investmentCases.phase, applicationId: permitApplications.id, reference: permitApplications.reference, applicationStatus: permitApplications.status })
      .from(investmentCases)
      // The application shows only when the member may see it: their own (permit_applications' RLS).
      .leftJoin(permitApplications, eq(permitApplications.id, investmentCases.permitApplicationId))
      .where(eq(investmentCases.interestId, id));
    return {
      ...row.interest,
      title: localized(row.title, language),
      slug: row.slug,
      lguName: row.lguName,
      messages,
      case: found ?? null,
    };
  });
}

/** A message from the member (or the LGU's staff) on an expression of interest. */
export async function writeMessage(claims: JwtClaims, interestId: string, body: string) {
  await withRls(claims, (tx) => tx.execute(sql`select public.write_investment_message(${interestId}::uuid, ${body})`)).catch(investmentProblem);
}

export async function myPreferences(claims: JwtClaims) {
  const [row] = await withRls(claims, (tx) => tx.select().from(investmentPreferences).where(eq(investmentPreferences.memberId, claims.sub)));
  return row ?? null;
}

export async function savePreferences(claims: JwtClaims, input: { currency: string; ticketMinMinor: number; ticketMaxMinor: number }) {
  const values = { ...input, updatedAt: new Date() };
  await withRls(claims, (tx) =>
    tx
      .insert(investmentPreferences)
      .values({ memberId: claims.sub, ...values })
      .onConflictDoUpdate({ target: investmentPreferences.memberId, set: values }),
  );
}
