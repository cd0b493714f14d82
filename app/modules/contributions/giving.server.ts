/**
 * Giving to a project: the choices a donor has (card when a payment provider is configured, the
 * demo sandbox where it is enabled, and the offline pledges that always work), the checks before a
 * contribution is opened (a public project raising money, an amount within the maximum, an
 * association the donor belongs to), and where the donor goes next. The money itself only enters
 * the ledger later: from the provider's webhook, the sandbox's test payment or a treasurer.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getPaymentsPort } from "~/adapters/index.server";
import { getEnv } from "~/config/env.server";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { contributions, exchangeRates, lguPaymentAccounts, organisationMemberships, organisations, profiles, projects } from "~/db/schema";
import { FormProblem } from "~/modules/organisations/errors.server";
import { toMinorUnits } from "~/modules/projects/editing.server";
import { currencyOfCountry } from "./currency";
import { LedgerRefusal, openContribution, recordMovement } from "./ledger.server";
import { offlineChannels, type GiftChannel, type GiftInput } from "./schema";

/** The sandbox: on with the embedded database outside production, or where explicitly allowed. */
export function sandboxEnabled(env = getEnv()): boolean {
  if (env.DEMO_SANDBOX === "off") return false;
  if (env.DEMO_SANDBOX === "allow") return true;
  return !env.DATABASE_URL && env.NODE_ENV !== "production";
}

export function availableChannels(): GiftChannel[] {
  return [...(getPaymentsPort() ? (["card"] as const) : []), ...(sandboxEnabled() ? (["sandbox"] as const) : []), ...offlineChannels];
}

/** A public project that is raising money, as the public sees it. */
export async function givableProject(slug: string) {
  const [row] = await withRls(null, (tx) =>
    tx
      .select({ id: projects.id, slug: projects.slug, title: projects.title, currency: projects.currency, status: projects.status, lguId: projects.lguId })
      .from(projects)
      .where(eq(projects.slug, slug)),
  );
  return row ?? null;
}

/** The associations the person belongs to (they may give "as part of" one). */
export function myAssociations(claims: JwtClaims) {
  return withRls(claims, (tx) =>
    tx
      .select({ id: organisations.id, name: organisations.name })
      .from(organisationMemberships)
      .innerJoin(organisations, eq(organisations.id, organisationMemberships.organisationId))
      .where(and(eq(organisationMemberships.userId, claims.sub), eq(organisations.kind, "association")))
      .orderBy(asc(organisations.name)),
  );
}

const REFUSALS: Record<string, [string, string]> = {
  project_not_raising: ["", "giving:errors.notRaising"],
  contribution_wrong_currency: ["", "giving:errors.notRaising"],
  association_member_only: ["associationId", "giving:validation.association"],
};

/**
 * Opens the contribution and says where the donor goes: the provider's checkout, the sandbox's
 * test payment page, or their pledge's instructions.
 */
export async function startGift(
  claims: JwtClaims,
  slug: string,
  input: GiftInput,
  context: { siteUrl: string; email: string | null },
): Promise<{ redirect: string; reference: string }> {
  const project = await givableProject(slug);
  if (!project) throw new FormProblem("", "giving:errors.notFound", 404);
  if (project.status !== "fundraising") throw new FormProblem("", "giving:errors.notRaising", 409);
  if (!availableChannels().includes(input.channel)) throw new FormProblem("channel", "giving:validation.channel");
  const amountMinor = toMinorUnits(input.amount, project.currency, "amount");
  const maxMinor = toMinorUnits(String(getEnv().GIFT_MAX_MAJOR), project.currency, "amount");
  if (amountMinor > maxMinor) throw new FormProblem("amount", "giving:validation.tooLarge");
  let opened: { id: string; reference: string };
  try {
    opened = await openContribution({
      projectId: project.id,
      donorId: claims.sub,
      kind: input.channel === "card" ? (input.monthly ? "monthly" : "one_time") : input.channel === "sandbox" ? "one_time" : "pledge",
      channel: input.channel,
      amountMinor,
      currency: project.currency,
      anonymous: input.anonymous,
      associationId: input.associationId ?? null,
      dueOn: offlineChannels.includes(input.channel as (typeof offlineChannels)[number]) ? (input.dueOn ?? null) : null,
    });
  } catch (error) {
    if (error instanceof LedgerRefusal && REFUSALS[error.reason]) {
      const [field, key] = REFUSALS[error.reason]!;
      throw new FormProblem(field, key, 409);
    }
    throw error;
  }
  if (input.channel === "sandbox") return { redirect: `/sandbox/${opened.reference}`, reference: opened.reference };
  if (input.channel === "card") {
    const payments = getPaymentsPort()!;
    const [account] = await asService((tx) =>
      tx.select({ id: lguPaymentAccounts.stripeAccountId, ready: lguPaymentAccounts.chargesEnabled }).from(lguPaymentAccounts).where(eq(lguPaymentAccounts.lguId, project.lguId)),
    );
    const title = project.title.en ?? Object.values(project.title)[0] ?? project.slug;
    const checkout = await payments.createCheckout({
      contributionId: opened.id,
      reference: opened.reference,
      monthly: input.monthly,
      amountMinor,
      currency: project.currency,
      description: `${title} (${opened.reference})`,
      donorEmail: context.email,
      connectedAccountId: account?.ready ? account.id : null,
      successUrl: `${context.siteUrl}/me/gifts/${opened.reference}?from=checkout`,
      cancelUrl: `${context.siteUrl}/projects/${project.slug}/give?cancelled=1`,
    });
    await asService((tx) =>
      tx
        .update(contributions)
        .set({ stripeCheckoutSessionId: checkout.sessionId, stripeAccountId: account?.ready ? account.id : null })
        .where(eq(contributions.id, opened.id)),
    );
    return { redirect: checkout.url, reference: opened.reference };
  }
  return { redirect: `/me/gifts/${opened.reference}`, reference: opened.reference };
}

/** What a contribution's pages show of it (with its project), for the donor and the treasurer alike. */
export const contributionColumns = {
  id: contributions.id,
  reference: contributions.reference,
  kind: contributions.kind,
  channel: contributions.channel,
  status: contributions.status,
  amountMinor: contributions.amountMinor,
  currency: contributions.currency,
  anonymous: contributions.anonymous,
  dueOn: contributions.dueOn,
  createdAt: contributions.createdAt,
  projectSlug: projects.slug,
  projectTitle: projects.title,
};

/** One of the person's own contributions, by reference (RLS: donors see their own). */
export async function myContribution(claims: JwtClaims, reference: string) {
  if (!/^TUL-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(reference)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ ...contributionColumns, donorId: contributions.donorId })
      .from(contributions)
      .innerJoin(projects, eq(projects.id, contributions.projectId))
      .where(and(eq(contributions.reference, reference), eq(contributions.donorId, claims.sub))),
  );
  return row ?? null;
}

/**
 * What an association's members gave as part of it, per public project, with the members who may
 * be named, and the collective total per currency (projects raise in their own currencies).
 */
export async function associationGiving(claims: JwtClaims | null, organisationId: string) {
  const rows = await withRls(claims, (tx) =>
    tx.execute<{ project_slug: string; project_title: Record<string, string>; currency: string; raised_minor: string; gifts: string; named_donors: string[] }>(
      sql`select project_slug, project_title, currency, raised_minor, gifts, named_donors from public.association_giving(${organisationId})`,
    ),
  );
  const projectsGiven = rows.map((r) => ({
    slug: r.project_slug,
    title: r.project_title,
    currency: r.currency,
    raisedMinor: Number(r.raised_minor),
    gifts: Number(r.gifts),
    namedDonors: r.named_donors,
  }));
  const totals = new Map<string, number>();
  for (const p of projectsGiven) totals.set(p.currency, (totals.get(p.currency) ?? 0) + p.raisedMinor);
  return { projects: projectsGiven, totals: [...totals].map(([currency, minor]) => ({ currency, minor })) };
}

/** The person's own contributions, newest first (RLS: donors see their own). */
export function myContributions(claims: JwtClaims, limit = 20) {
  return withRls(claims, (tx) =>
    tx
      .select({
        reference: contributions.reference,
        kind: contributions.kind,
        status: contributions.status,
        amountMinor: contributions.amountMinor,
        currency: contributions.currency,
        createdAt: contributions.createdAt,
        projectTitle: projects.title,
      })
      .from(contributions)
      .innerJoin(projects, eq(projects.id, contributions.projectId))
      .where(eq(contributions.donorId, claims.sub))
      .orderBy(desc(contributions.createdAt))
      .limit(limit),
  );
}

/**
 * The sandbox's test payment: the donor completes (or fails) their own pending sandbox gift, and
 * it goes through the same ledger path as a real one. Refused where the sandbox is off.
 */
export async function completeSandboxPayment(claims: JwtClaims, reference: string, outcome: "succeed" | "fail") {
  if (!sandboxEnabled()) throw new FormProblem("", "giving:errors.sandboxOff", 403);
  const gift = await myContribution(claims, reference);
  if (!gift || gift.channel !== "sandbox") throw new FormProblem("", "giving:errors.notFound", 404);
  if (gift.status !== "pending") return gift.status;
  if (outcome === "fail") {
    await asService((tx) => tx.update(contributions).set({ status: "failed", updatedAt: new Date() }).where(eq(contributions.id, gift.id)));
    return "failed" as const;
  }
  await recordMovement({ contributionId: gift.id, type: "received", amountMinor: gift.amountMinor, source: "sandbox", externalId: `sandbox-${gift.id}` });
  return "confirmed" as const;
}

/** The admins' rates (US dollars per unit), and when they were last changed. */
export async function exchangeRateTable() {
  const rows = await withRls(null, (tx) => tx.select().from(exchangeRates).orderBy(asc(exchangeRates.currency)));
  return {
    rates: new Map(rows.map((r) => [r.currency, Number(r.usdPerUnit)])),
    rows,
    updatedAt: rows.reduce<Date | null>((latest, r) => (!latest || r.updatedAt > latest ? r.updatedAt : latest), null),
  };
}

/** The currency the person lives with (from their profile's country), if any. */
export async function viewerCurrency(claims: JwtClaims | null): Promise<string | null> {
  if (!claims) return null;
  const [row] = await withRls(claims, (tx) => tx.select({ country: profiles.countryOfResidence }).from(profiles).where(eq(profiles.id, claims.sub)));
  return currencyOfCountry(row?.country);
}

/** Sets one currency's rate, as a platform admin (RLS and the audit trigger do the rest). */
export async function setExchangeRate(claims: JwtClaims, input: { currency: string; usdPerUnit: string }) {
  try {
    await withRls(claims, (tx) =>
      tx
        .insert(exchangeRates)
        .values({ currency: input.currency, usdPerUnit: input.usdPerUnit })
        .onConflictDoUpdate({ target: exchangeRates.currency, set: { usdPerUnit: input.usdPerUnit } }),
    );
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === "42501") throw new FormProblem("", "giving:errors.notAdmin", 403);
    throw error;
  }
}
