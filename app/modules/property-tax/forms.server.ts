/**
 * The property forms an LGU publishes for owners (declarations, requests for a tax clearance):
 * PDFs only, checked by their first bytes and size-capped (permits/documents), stored through the
 * storage port; treasurers and admins add, publish, hide and remove them; the public lists and
 * downloads the published ones of verified LGUs (RLS on property_forms).
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { getStoragePort } from "~/adapters/index.server";
import { withRls, type JwtClaims } from "~/db/client.server";
import { propertyForms, type LocalizedText } from "~/db/schema";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import { checkPermitDocument } from "~/modules/permits/documents.server";

export const MAX_FORM_BYTES = 10 * 1024 * 1024;

export async function addPropertyForm(claims: JwtClaims, lguId: string, input: { title: LocalizedText; file: { name: string; bytes: Uint8Array } }) {
  const checked = await checkPermitDocument(input.file, { maxBytes: MAX_FORM_BYTES });
  if (!checked.ok) throw new FormProblem("file", `services:${checked.code}`);
  if (checked.type.contentType !== "application/pdf") throw new FormProblem("file", "tax:validation.pdfOnly");
  const key = `property-forms/${lguId}/${randomUUID()}/${checked.filename}`;
  const storage = getStoragePort();
  await storage.put(key, input.file.bytes, checked.type.contentType);
  try {
    // Plain SQL: drizzle names every column in an insert, and treasurers may write only these.
    await withRls(claims, (tx) =>
      tx.execute(sql`insert into public.property_forms (lgu_id, title, storage_key, content_type, size_bytes, file_name, uploaded_by)
        values (${lguId}, ${JSON.stringify(input.title)}::jsonb, ${key}, ${checked.type.contentType}, ${checked.size}, ${checked.filename}, ${claims.sub})`),
    );
  } catch (error) {
    await storage.remove(key).catch(() => {});
    if (databaseFailure(error)?.code === "42501") throw new FormProblem("", "tax:errors.notTreasurer", 403);
    throw error;
  }
}

export async function setFormPublished(claims: JwtClaims, lguId: string, formId: string, published: boolean) {
  const changed = await withRls(claims, (tx) =>
    tx
      .update(propertyForms)
      .set({ published })
      .where(and(eq(propertyForms.id, formId), eq(propertyForms.lguId, lguId)))
      .returning({ id: propertyForms.id }),
  );
  if (!changed.length) throw new FormProblem("", "tax:errors.formNotFound", 404);
}

export async function removePropertyForm(claims: JwtClaims, lguId: string, formId: string) {
  const removed = await withRls(claims, (tx) =>
    tx
      .delete(propertyForms)
      .where(and(eq(propertyForms.id, formId), eq(propertyForms.lguId, lguId)))
      .returning({ key: propertyForms.storageKey }),
  );
  if (!removed.length) throw new FormProblem("", "tax:errors.formNotFound", 404);
  await getStoragePort().remove(removed[0]!.key).catch(() => {});
}

/** The forms the caller may see (the public: published ones of a verified LGU; its treasurers: all). */
export function listPropertyForms(claims: JwtClaims | null, lguId: string, onlyPublished = true) {
  return withRls(claims, (tx) =>
    tx
      .select({
        id: propertyForms.id,
        title: propertyForms.title,
        sizeBytes: propertyForms.sizeBytes,
        fileName: propertyForms.fileName,
        published: propertyForms.published,
        createdAt: propertyForms.createdAt,
      })
      .from(propertyForms)
      .where(onlyPublished ? and(eq(propertyForms.lguId, lguId), eq(propertyForms.published, true)) : eq(propertyForms.lguId, lguId))
      .orderBy(onlyPublished ? asc(propertyForms.createdAt) : desc(propertyForms.createdAt)),
  );
}

/** A short-lived link to a form's file, if the caller may see it (else null). */
export async function propertyFormLink(claims: JwtClaims | null, lguId: string, formId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(formId)) return null;
  const [form] = await withRls(claims, (tx) =>
    tx
      .select({ key: propertyForms.storageKey })
      .from(propertyForms)
      .where(and(eq(propertyForms.id, formId), eq(propertyForms.lguId, lguId))),
  );
  return form ? getStoragePort().signedUrl(form.key, 300) : null;
}
