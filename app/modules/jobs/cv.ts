/**
 * What a CV upload really is, from its bytes: a PDF (`%PDF-`) or a Word document (DOCX: a ZIP
 * archive that holds `word/document.xml` and `[Content_Types].xml`). The name and the browser's
 * declared type prove nothing. Empty, too large or anything else is refused with a stable code
 * (jobs:cv.<code>). Shared by server and tests (no server-only imports).
 */
import { safeDocumentFilename } from "~/modules/files/sniff";
import { MAX_CV_BYTES } from "./vocabulary";

export const PDF = "application/pdf";
export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export type CvCheck =
  | { ok: true; contentType: typeof PDF | typeof DOCX; filename: string; size: number }
  | { ok: false; code: "empty" | "tooLarge" | "wrongType" };

const ascii = (text: string) => new TextEncoder().encode(text);
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];

function includes(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0]!;
  outer: for (let i = haystack.indexOf(first); i !== -1 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

export function checkCv(file: { name: string; bytes: Uint8Array }, maxBytes = MAX_CV_BYTES): CvCheck {
  const size = file.bytes.byteLength;
  if (size === 0) return { ok: false, code: "empty" };
  if (size > maxBytes) return { ok: false, code: "tooLarge" };
  if (size >= 5 && ascii("%PDF-").every((b, i) => file.bytes[i] === b)) {
    return { ok: true, contentType: PDF, filename: safeDocumentFilename(file.name, { contentType: PDF, extension: "pdf" }, "cv"), size };
  }
  // The entry names of a ZIP are stored uncompressed in its headers, so they can be looked for as bytes.
  if (ZIP_LOCAL_HEADER.every((b, i) => file.bytes[i] === b) && includes(file.bytes, ascii("word/document.xml")) && includes(file.bytes, ascii("[Content_Types].xml"))) {
    const base = safeDocumentFilename(file.name, { contentType: PDF, extension: "pdf" }, "cv").replace(/\.pdf$/, ".docx");
    return { ok: true, contentType: DOCX, filename: base, size };
  }
  return { ok: false, code: "wrongType" };
}
