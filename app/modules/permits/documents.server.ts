/**
 * Checking a document an applicant uploads for a permit requirement, before it is stored: it must
 * be PDF, JPEG or PNG by its first bytes (files/sniff — the name and the browser's declared type
 * prove nothing), not empty, not over the size cap (default 10 MB, configurable per call), and pass
 * the virus scan.
 *
 * Virus-scan hook: a DocumentScanner receives the bytes and answers clean or not (with the
 * signature's name). The default, acceptAllScanner, accepts everything: this portal ships no
 * antivirus engine. A deployment that has one (ClamAV's clamd over its socket, a cloud scanning
 * API) passes its own scanner to checkPermitDocument — an adapter under app/adapters/ chosen by
 * configuration, like the other ports. A scanner that throws or times out refuses the file
 * (`documents.scan_failed`): failing closed, never storing what was not scanned. eicarTestScanner
 * flags the EICAR antivirus test string, for tests of the refusal path.
 *
 * Checks run cheapest first (size, type, then the scan), and each failure is a stable code, a key
 * of the `services` namespace (`services:documents.too_large`).
 */
import { safeDocumentFilename, sniffDocumentType, type DocumentType } from "~/modules/files/sniff";

export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type ScanResult = { clean: true } | { clean: false; signature: string };

export interface DocumentScanner {
  scan(bytes: Uint8Array): Promise<ScanResult>;
}

/** The default hook: no engine, every file is clean. */
export const acceptAllScanner: DocumentScanner = {
  scan: async () => ({ clean: true }),
};

// Built from parts so this source file is not itself flagged by a virus scanner.
const EICAR = new TextEncoder().encode(["X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"].join(""));

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first!); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first!, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** For tests: flags any file containing the EICAR test string, as a real engine would. */
export const eicarTestScanner: DocumentScanner = {
  scan: async (bytes) => (contains(bytes, EICAR) ? { clean: false, signature: "EICAR-Test-File" } : { clean: true }),
};

export const DOCUMENT_CODES = ["documents.empty", "documents.too_large", "documents.type_not_allowed", "documents.infected", "documents.scan_failed"] as const;
export type DocumentCode = (typeof DOCUMENT_CODES)[number];

export interface UploadedDocument {
  /** The name the browser sent: only used to make a tidy storage file name. */
  name: string;
  bytes: Uint8Array;
}

export type DocumentCheck =
  | { ok: true; type: DocumentType; filename: string; size: number }
  | { ok: false; code: Exclude<DocumentCode, "documents.infected"> }
  | { ok: false; code: "documents.infected"; signature: string };

export interface DocumentCheckOptions {
  maxBytes?: number;
  scanner?: DocumentScanner;
}

/** Whether the upload may be stored; if so, its sniffed type and a storage-safe file name. */
export async function checkPermitDocument(file: UploadedDocument, options: DocumentCheckOptions = {}): Promise<DocumentCheck> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const scanner = options.scanner ?? acceptAllScanner;
  const size = file.bytes.byteLength;
  if (size === 0) return { ok: false, code: "documents.empty" };
  if (size > maxBytes) return { ok: false, code: "documents.too_large" };
  const type = sniffDocumentType(file.bytes);
  if (!type) return { ok: false, code: "documents.type_not_allowed" };
  let result: ScanResult;
  try {
    result = await scanner.scan(file.bytes);
  } catch {
    return { ok: false, code: "documents.scan_failed" };
  }
  if (!result || typeof result !== "object") return { ok: false, code: "documents.scan_failed" };
  if (result.clean !== true) return { ok: false, code: "documents.infected", signature: "signature" in result ? String(result.signature) : "unknown" };
  return { ok: true, type, filename: safeDocumentFilename(file.name, type), size };
}
