/**
 * Evidence documents (verification requests, spending receipts): recognising PDF, PNG and JPEG by
 * their first bytes (a name or a browser-declared type proves nothing), a storage-safe file name,
 * and reading the upload within the size limit.
 */
import { readUpload } from "./upload.server";

export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

export interface EvidenceType {
  contentType: "application/pdf" | "image/png" | "image/jpeg";
  extension: "pdf" | "png" | "jpg";
}

const SIGNATURES: { bytes: number[]; type: EvidenceType }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { contentType: "application/pdf", extension: "pdf" } }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { contentType: "image/png", extension: "png" } },
  { bytes: [0xff, 0xd8, 0xff], type: { contentType: "image/jpeg", extension: "jpg" } },
];

/** The document's real type from its magic bytes, or null when it is none of the accepted ones. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  for (const signature of SIGNATURES) {
    if (bytes.length >= signature.bytes.length && signature.bytes.every((b, i) => bytes[i] === b)) return signature.type;
  }
  return null;
}

/**
 * A file name for the storage key: ASCII letters, digits, dot, dash and underscore only, starting
 * with a letter or digit, with the extension of the type the bytes showed (never the one given).
 */
export function safeEvidenceFilename(original: string, type: EvidenceType): string {
  const base = (original.split(/[\\/]/).pop() ?? "")
    .replace(/\.[^.]*$/, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 80);
  return `${base || "evidence"}.${type.extension}`;
}

/** Reads a multipart form with one evidence document in the field named `evidence`. */
export async function readEvidenceUpload(request: Request) {
  const upload = await readUpload(request, { evidence: MAX_EVIDENCE_BYTES });
  if (!upload.ok) return upload;
  return { ok: true as const, fields: upload.fields, file: upload.files.get("evidence") ?? null };
}
