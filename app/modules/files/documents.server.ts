/**
 * Evidence documents (verification requests, spending receipts): the size limit and reading the
 * upload. Recognising PDF, PNG and JPEG by their first bytes lives in ./sniff (shared with permit
 * documents).
 */
import { safeDocumentFilename, sniffDocumentType, type DocumentType } from "./sniff";
import { readUpload } from "./upload.server";

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export type EvidenceType = DocumentType;

/** The document's real type from its magic bytes, or null when it is none of the accepted ones. */
export const sniffEvidenceType = sniffDocumentType;

/** A storage-safe file name with the extension of the sniffed type ("evidence.pdf" when nothing is left). */
export function safeEvidenceFilename(original: string, type: EvidenceType): string {
  return safeDocumentFilename(original, type, "evidence");
}

/** Reads a multipart form with one evidence document in the field named `evidence`. */
export async function readEvidenceUpload(request: Request) {
  const upload = await readUpload(request, { evidence: MAX_EVIDENCE_BYTES });
  if (!upload.ok) return upload;
  return { ok: true as const, fields: upload.fields, file: upload.files.get("evidence") ?? null };
}
