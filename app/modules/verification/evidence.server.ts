/**
 * Evidence documents for verification: reading the upload without ever holding more than the limit
 * in memory, recognising PDF, PNG and JPEG by their first bytes (a name or a browser-declared type
 * proves nothing), and a storage-safe file name.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

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

export type EvidenceUpload =
  | { ok: true; fields: FormData; file: { name: string; bytes: Uint8Array } | null }
  | { ok: false; problem: "tooLarge" | "unreadable" };

/**
 * Reads a multipart form with one file field named `evidence`. A part over the limit stops the
 * read at once and comes back as `tooLarge` (a 400 for the form), not as a server error.
 */
export async function readEvidenceUpload(request: Request): Promise<EvidenceUpload> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_EVIDENCE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, problem: "tooLarge" };
    // Not multipart at all, or a malformed body: the form is simply unusable.
    if (error instanceof TypeError || (error instanceof Error && /multipart|boundary|content-type/i.test(error.message))) {
      return { ok: false, problem: "unreadable" };
    }
    throw error;
  }
  const evidence = form.get("evidence");
  form.delete("evidence");
  if (!evidence || typeof evidence === "string" || evidence.size === 0) return { ok: true, fields: form, file: null };
  return { ok: true, fields: form, file: { name: evidence.name, bytes: new Uint8Array(await evidence.arrayBuffer()) } };
}
