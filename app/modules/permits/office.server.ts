/**
 * The permits office's side: the queue of an LGU's applications (counts by status, age since
 * submission), acting on one (request information, assess the fee, approve, reject, record a fee
 * paid at the treasury, issue), the time figures, and the permit PDF. Reads run under the caller's
 * RLS (officers see only their LGU's applications); every action is a database function that checks
 * the role and the status itself and writes history and audit.
 */
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { lgus, permitApplications, permits, permitTypes, type LocalizedText } from "~/db/schema";
import { localized } from "~/i18n/localized";
import { parseMajorUnits } from "~/modules/money/major-units";
import { FormProblem } from "~/modules/organisations/errors.server";
import { languageOrFallback } from "~/i18n/config";
import { currencyMinorDigits, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { permitProblem } from "./applications.server";
import { permitPdf } from "./permit-pdf.server";

export const QUEUE_PAGE_SIZE = 25;
import type { QueueFilter } from "./vocabulary";

const STATUSES = ["submitted", "info_requested", "assessed", "approved", "paid", "issued", "rejected"] as const;

/** The LGU's applications (drafts are the applicants' own business), newest submission first within a filter. */
export async function officerQueue(claims: JwtClaims, lguId: string, filter: QueueFilter, page: number, language: string) {
  return withRls(claims, async (tx) => {
    const counts = await tx
      .select({ status: permitApplications.status, n: count() })
      .from(permitApplications)
      .where(and(eq(permitApplications.lguId, lguId), inArray(permitApplications.status, [...STATUSES])))
      .groupBy(permitApplications.status);
    const statuses = filter === "all" ? [...STATUSES] : filter === "waiting" ? (["submitted"] as const) : ([filter] as const);
    const where = and(eq(permitApplications.lguId, lguId), inArray(permitApplications.status, [...statuses]));
    const total = counts.filter((c) => (statuses as readonly string[]).includes(c.status)).reduce((sum, c) => sum + c.n, 0);
    const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE));
    const current = Math.min(Math.max(1, page), pages);
    const rows = await tx
      .select({
        id: permitApplications.id,
        reference: permitApplications.reference,
        status: permitApplications.status,
        businessName: permitApplications.businessName,
        typeName: permitTypes.name,
        submittedAt: permitApplications.submittedAt,
        updatedAt: permitApplications.updatedAt,
        ageDays: sql<number>`floor(extract(epoch from (now() - ${permitApplications.submittedAt})) / 86400)::integer`.mapWith(Number),
      })
      .from(permitApplications)
      .innerJoin(permitTypes, eq(permitTypes.id, permitApplications.permitTypeId))
      .where(where)
      // The longest-waiting first, where waiting matters; the newest first otherwise.
      .orderBy(...(filter === "issued" || filter === "rejected" || filter === "all" ? [desc(permitApplications.updatedAt)] : [asc(permitApplications.submittedAt)]), asc(permitApplications.id))
      .limit(QUEUE_PAGE_SIZE)
      .offset((current - 1) * QUEUE_PAGE_SIZE);
    return {
      counts: Object.fromEntries(STATUSES.map((s) => [s, counts.find((c) => c.status === s)?.n ?? 0])) as Record<(typeof STATUSES)[number], number>,
      rows: rows.map((r) => ({ ...r, typeName: localized(r.typeName as LocalizedText, language) })),
      total,
      page: current,
      pages,
    };
  });
}

/** Median days from submission to issue, by permit type (officers only). */
export async function processingTimes(claims: JwtClaims, lguId: string, language: string) {
  return withRls(claims, async (tx) => {
    const rows = await tx.execute<{ permit_type_id: string; issued: number; median_days: string }>(sql`select * from public.permit_processing_times(${lguId}::uuid)`);
    const names = await tx.select({ id: permitTypes.id, name: permitTypes.name }).from(permitTypes).where(eq(permitTypes.lguId, lguId));
    return rows.map((r) => ({ type: localized(names.find((n) => n.id === r.permit_type_id)?.name as LocalizedText, language), issued: Number(r.issued), medianDays: Number(r.median_days) }));
  }).catch(permitProblem);
}

export type OfficerAction =
  | { intent: "requestInfo"; note: string }
  | { intent: "assess"; fee: string }
  | { intent: "approve" }
  | { intent: "reject"; note: string }
  | { intent: "recordPayment"; key: string; amount: string }
  | { intent: "issue"; validFrom: string };

/** One action on an application; refusals come back as FormProblems with translated messages. */
export async function actOnApplication(claims: JwtClaims, id: string, currency: string, action: OfficerAction) {
  const money = (text: string, field: string) => {
    const parsed = parseMajorUnits(text, currencyMinorDigits(currency));
    if (!parsed.ok) throw new FormProblem(field, `services:${parsed.code}`);
    return parsed.minor;
  };
  const query = (() => {
    switch (action.intent) {
      case "requestInfo":
        return sql`select public.request_permit_information(${id}::uuid, ${action.note})`;
      case "assess":
        return sql`select public.assess_permit_fee(${id}::uuid, ${money(action.fee, "fee")}::bigint)`;
      case "approve":
        return sql`select public.approve_permit_application(${id}::uuid)`;
      case "reject":
        return sql`select public.reject_permit_application(${id}::uuid, ${action.note})`;
      case "recordPayment":
        if (!/^[0-9a-f-]{36}$/i.test(action.key)) throw new FormProblem("", "permits:errors.unreadable");
        return sql`select public.record_permit_fee_payment(${id}::uuid, ${money(action.amount, "amount")}::bigint, 'cash', 'treasurer', ${`counter-${action.key}`})`;
      case "issue":
        if (!/^\d{4}-\d{2}-\d{2}$/.test(action.validFrom)) throw new FormProblem("validFrom", "permits:errors.validFromInvalid");
        return sql`select public.issue_permit(${id}::uuid, ${action.validFrom}::date)`;
    }
  })();
  await withRls(claims, (tx) => tx.execute(query)).catch((error: unknown) => {
    const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string };
    // A bad date the database could not even read.
    if (cause.code === "22008" || cause.code === "22007") throw new FormProblem("validFrom", "permits:errors.validFromInvalid");
    permitProblem(error);
  });
}

/** The permit as PDF for its holder or the LGU's staff (RLS), or null. */
export async function permitPdfFor(claims: JwtClaims, number: string, language: string, siteUrl: string) {
  if (!/^[A-Z0-9-]{6,80}$/.test(number)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({
        number: permits.number,
        token: permits.verificationToken,
        validFrom: permits.validFrom,
        validUntil: permits.validUntil,
        issuedAt: permits.issuedAt,
        businessName: permitApplications.businessName,
        lineOfBusiness: permitApplications.lineOfBusiness,
        address: permitApplications.address,
        ownerName: permitApplications.ownerName,
        lguName: lgus.name,
      })
      .from(permits)
      .innerJoin(permitApplications, eq(permitApplications.id, permits.applicationId))
      .innerJoin(lgus, eq(lgus.id, permits.lguId))
      .where(eq(permits.number, number)),
  );
  if (!row) return null;
  return permitPdf(
    {
      lguName: row.lguName,
      permitNumber: row.number,
      businessName: row.businessName,
      lineOfBusiness: row.lineOfBusiness,
      address: row.address,
      ownerName: row.ownerName,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      issuedOn: row.issuedAt,
      verificationUrl: `${siteUrl}/permits/verify/${row.token}`,
    },
    language,
  );
}

const NOTIFIED = new Set(["requestInfo", "reject", "approve", "issue"]);

/**
 * Tells the applicant by email, in their language, that the office acted: more information is
 * needed (with the officer's words), the application was refused (why), approved (pay the fee), or
 * the permit was issued. Read as the server after the action succeeded under the officer's RLS.
 */
export async function notifyApplicant(applicationId: string, intent: OfficerAction["intent"], siteUrl: string): Promise<boolean> {
  if (!NOTIFIED.has(intent)) return false;
  const [row] = await asService((tx) =>
    tx.execute<{ email: string | null; locale: string | null; reference: string | null; business_name: string; officer_note: string | null; lgu_name: string; fee_minor: string | null; currency: string }>(sql`
      select u.email, p.preferred_locale as locale, a.reference, a.business_name, a.officer_note, l.name as lgu_name, a.fee_minor, a.currency
      from public.permit_applications a
      join public.lgus l on l.id = a.lgu_id
      left join auth.users u on u.id = a.applicant_id
      left join public.profiles p on p.id = a.applicant_id
      where a.id = ${applicationId}::uuid`),
  );
  if (!row?.email) return false;
  const locale = languageOrFallback(row.locale);
  const t = await i18nServer.getFixedT(locale, "permits");
  const values = {
    reference: row.reference ?? "",
    business: row.business_name,
    lgu: row.lgu_name,
    note: row.officer_note ?? "",
    fee: row.fee_minor === null ? "" : formatMoney(Number(row.fee_minor), row.currency, locale),
    link: `${siteUrl}/me/permits/${applicationId}`,
  };
  await getEmailPort().send({
    to: row.email,
    subject: t(`emails.${intent}.subject`, values),
    text: [t(`emails.${intent}.body`, values), "", t("emails.signature")].join("\n"),
    template: `permit-${intent}`,
  });
  return true;
}

/** The LGU's permit types as its officers manage them (active or not), with what their edit forms show. */
export async function officePermitTypes(claims: JwtClaims, lguId: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: permitTypes.id,
        slug: permitTypes.slug,
        name: permitTypes.name,
        description: permitTypes.description,
        feeSchedule: permitTypes.feeSchedule,
        validityMonths: permitTypes.validityMonths,
        requirementList: sql<{ id: string; label: LocalizedText; mandatory: boolean; used: boolean }[]>`coalesce((select json_agg(json_build_object('id', r.id, 'label', r.label, 'mandatory', r.mandatory,
          'used', exists (select 1 from public.permit_documents d where d.requirement_id = r.id)) order by r.position) from public.permit_requirements r where r.permit_type_id = public.permit_types.id), '[]')`,
        active: permitTypes.active,
        currency: permitTypes.currency,
        processingDays: permitTypes.processingDays,
        requirements: sql<number>`(select count(*) from public.permit_requirements r where r.permit_type_id = public.permit_types.id)::integer`.mapWith(Number),
        applications: sql<number>`(select count(*) from public.permit_applications a where a.permit_type_id = public.permit_types.id)::integer`.mapWith(Number),
      })
      .from(permitTypes)
      .where(eq(permitTypes.lguId, lguId))
      .orderBy(asc(permitTypes.slug)),
  );
  return rows;
}

/**
 * Changes a type's names, description, fee schedule, processing time and validity, adds documents
 * and drops the ones no upload uses; slug and currency stay. Applications already assessed keep
 * their fee. As the officer (RLS), in one transaction.
 */
export async function updatePermitType(
  claims: JwtClaims,
  lguId: string,
  typeId: string,
  input: { name: LocalizedText; description: LocalizedText; schedule: unknown; processingDays: number; validityMonths: number; add: { label: string; mandatory: boolean }[]; remove: string[] },
) {
  await withRls(claims, async (tx) => {
    const changed = await tx
      .update(permitTypes)
      .set({ name: input.name, description: input.description, feeSchedule: input.schedule, processingDays: input.processingDays, validityMonths: input.validityMonths, updatedAt: new Date() })
      .where(and(eq(permitTypes.id, typeId), eq(permitTypes.lguId, lguId)))
      .returning({ id: permitTypes.id });
    if (changed.length === 0) throw new FormProblem("", "permits:errors.notOfficer", 403);
    for (const id of input.remove) {
      const used = await tx.execute(sql`select 1 from public.permit_documents where requirement_id = ${id}::uuid limit 1`);
      if (used.length > 0) throw new FormProblem("remove", "permits:types.validation.requirementUsed", 409);
      await tx.execute(sql`delete from public.permit_requirements where id = ${id}::uuid and permit_type_id = ${typeId}::uuid`);
    }
    const [{ next } = { next: 0 }] = await tx.execute<{ next: number }>(sql`select coalesce(max(position) + 1, 0)::int as next from public.permit_requirements where permit_type_id = ${typeId}::uuid`);
    for (const [offset, requirement] of input.add.entries()) {
      await tx.execute(sql`insert into public.permit_requirements (permit_type_id, label, mandatory, position)
        values (${typeId}::uuid, ${JSON.stringify({ en: requirement.label })}::jsonb, ${requirement.mandatory}, ${Number(next) + offset})`);
    }
  }).catch((error: unknown) => {
    if (error instanceof FormProblem) throw error;
    const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string };
    if (cause.code === "42501") throw new FormProblem("", "permits:errors.notOfficer", 403);
    throw error;
  });
}

/** A new permit type with its requirements, in one transaction, as the officer (RLS checks the role). */
export async function createPermitType(
  claims: JwtClaims,
  lguId: string,
  input: { slug: string; name: LocalizedText; description: LocalizedText; schedule: unknown; currency: string; processingDays: number; validityMonths: number; requirements: { label: string; mandatory: boolean }[] },
) {
  await withRls(claims, async (tx) => {
    const [type] = await tx
      .insert(permitTypes)
      .values({ lguId, slug: input.slug, name: input.name, description: input.description, feeSchedule: input.schedule, currency: input.currency, processingDays: input.processingDays, validityMonths: input.validityMonths })
      .returning({ id: permitTypes.id });
    for (const [position, requirement] of input.requirements.entries()) {
      await tx.execute(sql`insert into public.permit_requirements (permit_type_id, label, mandatory, position)
        values (${type!.id}, ${JSON.stringify({ en: requirement.label })}::jsonb, ${requirement.mandatory}, ${position})`);
    }
  }).catch((error: unknown) => {
    const cause = ((error as { cause?: unknown }).cause ?? error) as { code?: string; constraint_name?: string };
    if (cause.code === "23505") throw new FormProblem("slug", "permits:types.validation.slugTaken", 409);
    if (cause.code === "42501") throw new FormProblem("", "permits:errors.notOfficer", 403);
    throw error;
  });
}

/** Offers a type online again, or stops offering it (applications already made go on). */
export async function setPermitTypeActive(claims: JwtClaims, lguId: string, typeId: string, active: boolean) {
  const changed = await withRls(claims, (tx) =>
    tx
      .update(permitTypes)
      .set({ active, updatedAt: new Date() })
      .where(and(eq(permitTypes.id, typeId), eq(permitTypes.lguId, lguId)))
      .returning({ id: permitTypes.id }),
  );
  if (changed.length === 0) throw new FormProblem("", "permits:errors.notOfficer", 403);
}
