/**
 * What an uploaded document really is, from its first bytes: PDF, PNG or JPEG. A file name or a
 * browser-declared MIME type proves nothing (anyone can rename `invoice.exe` to `invoice.pdf`), so
 * every upload path (verification evidence, spending receipts, permit requirements) asks this.
 */
export interface DocumentType {
  contentType: "application/pdf" | "image/png" | "image/jpeg";
  extension: "pdf" | "png" | "jpg";
}

const SIGNATURES: { bytes: number[]; type: DocumentType }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: { contentType: "application/pdf", extension: "pdf" } }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: { contentType: "image/png", extension: "png" } },
  { bytes: [0xff, 0xd8, 0xff], type: { contentType: "image/jpeg", extension: "jpg" } },
];

/** The document's real type from its magic bytes, or null when it is none of the accepted ones. */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  for (const signature of SIGNATURES) {
    if (bytes.length >= signature.bytes.length && signature.bytes.every((b, i) => bytes[i] === b)) return signature.type;
  }
  return null;
}

/**
 * A file name for the storage key: ASCII letters, digits, dot, dash and underscore only, starting
 * with a letter or digit, with the extension of the type the bytes showed (never the one given).
 */
export function safeDocumentFilename(original: string, type: DocumentType, fallback = "document"): string {
  const base = (original.split(/[\\/]/).pop() ?? "")
    .replace(/\.[^.]*$/, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 80);
  return `${base || fallback}.${type.extension}`;
}
