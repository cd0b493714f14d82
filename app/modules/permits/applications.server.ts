/**
 * Business permit applications as applicants and the public meet them: the permit types an LGU
 * offers, starting and editing an application, uploading its documents, submitting it, and the
 * two public checks (status by reference plus a second factor, a permit by its QR token).
 *
 * Every read and write runs under the caller's RLS; status changes go through the database's
 * functions (supabase/migrations/*permits_rules.sql), whose refusals come back here as FormProblems
 * with translated messages.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getStoragePort } from "~/adapters/index.server";
import type { StoragePort } from "~/adapters/storage/port";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { lgus, permitApplications, permitDocuments, permitEvents, permitRequirements, permits, permitTypes, type LocalizedText } from "~/db/schema";
import { localized } from "~/i18n/localized";
import { allowed, type Limit } from "~/modules/auth/rate-limit.server";
import { sandboxEnabled } from "~/modules/contributions/giving.server";
import { databaseFailure, FormProblem, throwHinted, type HintedProblems } from "~/modules/organisations/errors.server";
import { checkPermitDocument, DEFAULT_MAX_DOCUMENT_BYTES } from "./documents.server";
import { computeFee, validateFeeSchedule } from "./fees";
import type { ApplicationInput } from "./schema";

export const lookupLimits = {
  perIp: { name: "permit-lookup:ip", max: 30, windowSeconds: 15 * 60 },
  perReference: { name: "permit-lookup:reference", max: 10, windowSeconds: 15 * 60 },
} satisfies Record<string, Limit>;

const HINTS: HintedProblems = {
  documents_missing: ["", "permits:errors.documentsMissing", 400],
  wrong_status: ["", "permits:errors.wrongStatus", 409],
  type_inactive: ["", "permits:errors.typeInactive", 409],
  not_applicant: ["", "permits:errors.notYours", 403],
  note_required: ["note", "permits:errors.noteRequired", 400],
  fee_invalid: ["fee", "permits:errors.feeInvalid", 400],
  amount_not_fee: ["amount", "permits:errors.amountNotFee", 400],
  valid_from_invalid: ["validFrom", "permits:errors.validFromInvalid", 400],
  not_officer: ["", "permits:errors.notOfficer", 403],
  not_treasurer: ["", "permits:errors.notTreasurer", 403],
};

/** A database refusal as the message the person sees; anything else is rethrown. */
export function permitProblem(error: unknown): never {
  throwHinted(error, HINTS, "not_applicant");
}

/** The active permit types of a (verified, so public) LGU, with their requirements, in `language`. */
export async function offeredPermitTypes(claims: JwtClaims | null, lguId: string, language: string) {
  return withRls(claims, async (tx) => {
    const types = await tx
      .select()
      .from(permitTypes)
      .where(and(eq(permitTypes.lguId, lguId), eq(permitTypes.active, true)))
      .orderBy(asc(permitTypes.slug));
    const requirements = types.length
      ? await tx
          .select()
          .from(permitRequirements)
          .where(sql`${permitRequirements.permitTypeId} in (select unnest(${`{${types.map((t) => t.id).join(",")}}`}::uuid[]))`)
          .orderBy(asc(permitRequirements.position))
      : [];
    return types.map((type) => {
      const schedule = validateFeeSchedule(type.feeSchedule);
      return {
        id: type.id,
        slug: type.slug,
        name: localized(type.name, language),
        description: localized(type.description, language),
        currency: type.currency,
        processingDays: type.processingDays,
        validityMonths: type.validityMonths,
        schedule: schedule.ok ? schedule.schedule : null,
        requirements: requirements
          .filter((r) => r.permitTypeId === type.id)
          .map((r) => ({ id: r.id, label: localized(r.label, language), mandatory: r.mandatory })),
      };
    });
  });
}

/** Starts a draft for the signed-in person; returns its id. */
export async function startApplication(claims: JwtClaims, lguId: string, typeId: string, input: ApplicationInput, renewalOf: string | null = null): Promise<string> {
  return withRls(claims, async (tx) => {
    const [type] = await tx.select({ currency: permitTypes.currency }).from(permitTypes).where(and(eq(permitTypes.id, typeId), eq(permitTypes.lguId, lguId), eq(permitTypes.active, true)));
    if (!type) throw new FormProblem("", "permits:errors.typeInactive", 404);
    // Only the columns applicants may write are named (column grants; drizzle's insert names them all).
    const [row] = await tx.execute<{ id: string }>(sql`
      insert into public.permit_applications (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, declared_minor, currency, renewal_of)
      values (${lguId}, ${typeId}, ${claims.sub}, ${input.businessName}, ${input.lineOfBusiness}, ${input.address}, ${input.ownerName}, ${input.ownerPhone}, ${input.declaredMinor}, ${type.currency}, ${renewalOf}::uuid)
      returning id`);
    return row!.id;
  }).catch(permitProblem);
}

/** The person's applications, newest first. */
export async function myApplications(claims: JwtClaims, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: permitApplications.id,
        reference: permitApplications.reference,
        status: permitApplications.status,
        businessName: permitApplications.businessName,
        typeName: permitTypes.name,
        lguName: lgus.name,
        updatedAt: permitApplications.updatedAt,
      })
      .from(permitApplications)
      .innerJoin(permitTypes, eq(permitTypes.id, permitApplications.permitTypeId))
      .innerJoin(lgus, eq(lgus.id, permitApplications.lguId))
      .where(eq(permitApplications.applicantId, claims.sub))
      .orderBy(desc(permitApplications.updatedAt))
      .limit(100),
  );
  return rows.map((r) => ({ ...r, typeName: localized(r.typeName as LocalizedText, language) }));
}

/** One application as its applicant (or the LGU's staff) sees it, with requirements, current documents and history; null if not visible. */
export async function applicationView(claims: JwtClaims, id: string, language: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return withRls(claims, async (tx) => {
    const [application] = await tx
      .select({ application: permitApplications, typeName: permitTypes.name, schedule: permitTypes.feeSchedule, lguName: lgus.name, lguSlug: lgus.slug })
      .from(permitApplications)
      .innerJoin(permitTypes, eq(permitTypes.id, permitApplications.permitTypeId))
      .innerJoin(lgus, eq(lgus.id, permitApplications.lguId))
      .where(eq(permitApplications.id, id));
    if (!application) return null;
    const [requirements, documents, history, issued] = await Promise.all([
      tx.select().from(permitRequirements).where(eq(permitRequirements.permitTypeId, application.application.permitTypeId)).orderBy(asc(permitRequirements.position)),
      tx
        .select({ id: permitDocuments.id, requirementId: permitDocuments.requirementId, fileName: permitDocuments.fileName, sizeBytes: permitDocuments.sizeBytes, uploadedAt: permitDocuments.uploadedAt })
        .from(permitDocuments)
        .where(and(eq(permitDocuments.applicationId, id), isNull(permitDocuments.replacedAt))),
      tx.select().from(permitEvents).where(eq(permitEvents.applicationId, id)).orderBy(asc(permitEvents.occurredAt), asc(permitEvents.id)),
      tx.select({ number: permits.number, validFrom: permits.validFrom, validUntil: permits.validUntil, token: permits.verificationToken }).from(permits).where(eq(permits.applicationId, id)),
    ]);
    const schedule = validateFeeSchedule(application.schedule);
    let estimatedFeeMinor: number | null = null;
    if (schedule.ok) {
      try {
        estimatedFeeMinor = computeFee(schedule.schedule, application.application.declaredMinor);
      } catch {
        estimatedFeeMinor = null;
      }
    }
    return {
      ...application.application,
      typeName: localized(application.typeName as LocalizedText, language),
      lguName: application.lguName,
      lguSlug: application.lguSlug,
      estimatedFeeMinor,
      requirements: requirements.map((r) => ({
        id: r.id,
        label: localized(r.label, language),
        mandatory: r.mandatory,
        document: documents.find((d) => d.requirementId === r.id) ?? null,
      })),
      history,
      permit: issued[0] ?? null,
    };
  });
}

/** Saves the applicant's details while the application waits for them (RLS refuses otherwise: nothing changes). */
export async function updateApplication(claims: JwtClaims, id: string, input: ApplicationInput) {
  const updated = await withRls(claims, (tx) =>
    tx.update(permitApplications).set({ ...input, updatedAt: new Date() }).where(eq(permitApplications.id, id)).returning({ id: permitApplications.id }),
  ).catch(permitProblem);
  if (updated.length === 0) throw new FormProblem("", "permits:errors.wrongStatus", 409);
}

/**
 * Checks one uploaded document (type sniffed from its bytes, size, the scanner hook), stores it
 * under the application's own path and records it as the applicant; a refused file stores nothing.
 */
export async function uploadDocument(
  claims: JwtClaims,
  applicationId: string,
  requirementId: string,
  file: { name: string; bytes: Uint8Array },
  storage: StoragePort = getStoragePort(),
) {
  const checked = await checkPermitDocument(file, { maxBytes: DEFAULT_MAX_DOCUMENT_BYTES });
  if (!checked.ok) throw new FormProblem(`document-${requirementId}`, `services:${checked.code}`);
  const key = `permits/${applicationId}/${crypto.randomUUID()}/${checked.filename}`;
  await storage.put(key, file.bytes, checked.type.contentType);
  try {
    await withRls(claims, (tx) =>
      tx.execute(sql`
        insert into public.permit_documents (application_id, requirement_id, storage_key, content_type, size_bytes, file_name, uploaded_by)
        values (${applicationId}, ${requirementId}, ${key}, ${checked.type.contentType}, ${checked.size}, ${checked.filename}, ${claims.sub})`),
    );
  } catch (error) {
    await storage.remove(key).catch(() => undefined);
    if (databaseFailure(error)?.code === "42501") throw new FormProblem("", "permits:errors.wrongStatus", 409);
    throw error;
  }
}

/** Submits (or resubmits); returns the reference. */
export async function submitApplication(claims: JwtClaims, id: string): Promise<string> {
  const [row] = await withRls(claims, (tx) => tx.execute<{ reference: string }>(sql`select public.submit_permit_application(${id}::uuid) as reference`)).catch(permitProblem);
  return row!.reference;
}

/** A document's bytes for someone who may see it (RLS), or null. */
export async function documentFile(claims: JwtClaims, applicationId: string, documentId: string, storage: StoragePort = getStoragePort()) {
  if (!/^[0-9a-f-]{36}$/i.test(documentId) || !/^[0-9a-f-]{36}$/i.test(applicationId)) return null;
  const [doc] = await withRls(claims, (tx) =>
    tx
      .select({ key: permitDocuments.storageKey, type: permitDocuments.contentType, name: permitDocuments.fileName })
      .from(permitDocuments)
      .where(and(eq(permitDocuments.id, documentId), eq(permitDocuments.applicationId, applicationId))),
  );
  if (!doc) return null;
  const stored = await storage.get(doc.key);
  return stored ? { bytes: stored.body, type: doc.type, name: doc.name } : null;
}

/**
 * The public status lookup: the reference and a second factor (the business name, or the last four
 * digits of the applicant's phone). Rate-limited per address and per reference, so references
 * cannot be guessed in bulk; a wrong reference and a wrong second factor get the same answer.
 */
export async function lookupStatus(reference: string, secondFactor: string, ip: string | null) {
  const ok = await allowed([
    [lookupLimits.perIp, ip],
    [lookupLimits.perReference, reference.toUpperCase()],
  ]);
  if (!ok) return { limited: true as const };
  const [row] = await withRls(null, (tx) =>
    tx.execute<{ reference: string; status: string; submitted_at: string | null; updated_at: string }>(
      sql`select reference, status, submitted_at, updated_at from public.permit_status_lookup(${reference}, ${secondFactor})`,
    ),
  );
  return { limited: false as const, found: row ? { reference: row.reference, status: row.status, submittedAt: row.submitted_at, updatedAt: row.updated_at } : null };
}

/** A permit by the token in its QR code, or null. */
export async function verifyPermit(token: string) {
  if (!/^[0-9a-f]{64}$/.test(token)) return null;
  const [row] = await withRls(null, (tx) =>
    tx.execute<{ number: string; business_name: string; line_of_business: string; address: string; lgu_name: string; lgu_slug: string; valid_from: string; valid_until: string; state: string }>(
      sql`select * from public.verify_permit(${token})`,
    ),
  );
  return row ?? null;
}

/**
 * Renews an issued permit: a new draft of the same type (or the LGU's "renewal" type when it offers
 * one), with the business's details copied and the declared figure left for this year's. Only the
 * holder may (RLS and app_private.own_permit); returns the new draft's id.
 */
export async function renewPermit(claims: JwtClaims, applicationId: string): Promise<string> {
  const [previous] = await withRls(claims, (tx) =>
    tx
      .select({ application: permitApplications, permitId: permits.id })
      .from(permitApplications)
      .innerJoin(permits, eq(permits.applicationId, permitApplications.id))
      .where(and(eq(permitApplications.id, applicationId), eq(permitApplications.applicantId, claims.sub))),
  );
  if (!previous) throw new FormProblem("", "permits:errors.notRenewable", 409);
  const a = previous.application;
  const [renewalType] = await withRls(claims, (tx) =>
    tx.select({ id: permitTypes.id }).from(permitTypes).where(and(eq(permitTypes.lguId, a.lguId), eq(permitTypes.slug, "renewal"), eq(permitTypes.active, true))),
  );
  const input = { businessName: a.businessName, lineOfBusiness: a.lineOfBusiness, address: a.address, ownerName: a.ownerName, ownerPhone: a.ownerPhone, declaredMinor: 0 };
  return startApplication(claims, a.lguId, renewalType?.id ?? a.permitTypeId, input, previous.permitId);
}

/**
 * Pays an approved application's fee through the demo sandbox (only where the sandbox is on: the
 * embedded default, or DEMO_SANDBOX=allow), by the same database function a treasurer's or the
 * payment provider's record goes through, once per application. Returns the official receipt number.
 */
export async function payFeeInSandbox(claims: JwtClaims, applicationId: string): Promise<string> {
  if (!sandboxEnabled()) throw new FormProblem("", "permits:errors.sandboxOff", 404);
  const [mine] = await withRls(claims, (tx) =>
    tx
      .select({ status: permitApplications.status, feeMinor: permitApplications.feeMinor })
      .from(permitApplications)
      .where(and(eq(permitApplications.id, applicationId), eq(permitApplications.applicantId, claims.sub))),
  );
  if (!mine) throw new FormProblem("", "permits:errors.notYours", 403);
  if (mine.status !== "approved" || mine.feeMinor === null) throw new FormProblem("", "permits:errors.wrongStatus", 409);
  const [row] = await asService((tx) =>
    tx.execute<{ receipt: string }>(
      sql`select public.record_permit_fee_payment(${applicationId}::uuid, ${mine.feeMinor}::bigint, 'sandbox', 'sandbox', ${`sandbox-${applicationId}`}) as receipt`,
    ),
  ).catch(permitProblem);
  return row!.receipt;
}
