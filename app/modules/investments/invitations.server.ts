/**
 * Invitations to investment opportunities: an LGU's investment staff invite a member the matching
 * engine found for one of its opportunities (peopleForOpportunity), and the portal emails the member
 * in their language; the member sees their invitations on /me/invest. Only members who allowed
 * investment invitations on their profile can be invited, once per opportunity; the database
 * function public.invite_investor checks the role, the opportunity and the consent, and the audit
 * trigger records it. The address is read by the server only, never returned to the LGU.
 */
import { desc, eq, sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { investmentInvitations, investmentOpportunities, lgus, profiles, type LocalizedText } from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { FormProblem } from "~/modules/organisations/errors.server";
import { investmentProblem } from "./errors.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Invites a member to an opportunity and emails them. The email is sent inside the invitation's
 * transaction: if it cannot be sent, the invitation is not recorded and may be tried again.
 */
export async function inviteInvestor(claims: JwtClaims, opportunityId: string, profileId: string, siteUrl: string) {
  if (!UUID.test(opportunityId)) throw new FormProblem("", "invest:errors.opportunityNotFound", 404);
  if (!UUID.test(profileId)) throw new FormProblem("", "invest:errors.notInvitable", 409);
  await withRls(claims, async (tx) => {
    await tx.execute(sql`select public.invite_investor(${opportunityId}::uuid, ${profileId}::uuid)`);
    const [row] = await asService((service) =>
      service.execute<{ email: string | null; locale: string | null; lgu_name: string; title: LocalizedText; slug: string }>(sql`
        select u.email, pr.preferred_locale as locale, l.name as lgu_name, o.title, o.slug
        from public.investment_opportunities o
        join public.lgus l on l.id = o.lgu_id
        join auth.users u on u.id = ${profileId}::uuid
        left join public.profiles pr on pr.id = u.id
        where o.id = ${opportunityId}::uuid`),
    );
    if (!row?.email) return;
    const locale = languageOrFallback(row.locale);
    const t = await i18nServer.getFixedT(locale, "invest");
    const values = { lgu: row.lgu_name, title: localized(row.title, locale)?.text ?? "" };
    await getEmailPort().send({
      to: row.email,
      subject: t("emails.invited.subject", values),
      text: [t("emails.invited.body", values), `${siteUrl}/invest/${row.slug}`, "", t("emails.invited.why"), `${siteUrl}/me/profile#investment-invitations`].join("\n"),
      template: "investment-invited",
    });
  }).catch(investmentProblem);
}

/** The member's invitations, newest first, with the opportunity (title in their language) and whether it still takes interest. */
export async function myInvitations(claims: JwtClaims, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        slug: investmentOpportunities.slug,
        title: investmentOpportunities.title,
        status: investmentOpportunities.status,
        lguName: lgus.name,
        invitedAt: investmentInvitations.createdAt,
      })
      .from(investmentInvitations)
      .innerJoin(investmentOpportunities, eq(investmentOpportunities.id, investmentInvitations.opportunityId))
      .innerJoin(lgus, eq(lgus.id, investmentInvitations.lguId))
      .where(eq(investmentInvitations.profileId, claims.sub))
      .orderBy(desc(investmentInvitations.createdAt))
      .limit(50),
  );
  return rows.map((r) => ({ ...r, title: localized(r.title, language) }));
}

/** Whether the member allows LGUs to invite them to investment opportunities, and since when. */
export async function invitationsAllowedSince(claims: JwtClaims): Promise<Date | null> {
  const [row] = await withRls(claims, (tx) => tx.select({ since: profiles.investmentInvitationsSince }).from(profiles).where(eq(profiles.id, claims.sub)));
  return row?.since ?? null;
}
