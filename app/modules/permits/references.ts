/**
 * Human-friendly references for permit applications, issued permits and property tax payments:
 * `NAGA-CITY-BP-2026-000123` — the LGU's slug upper-cased, a kind code, the year, a sequence of at
 * least six digits. Unique per LGU, kind and year; the database issues the sequence in the same
 * transaction as the row, from a counter row locked for the update (the receipts pattern in
 * supabase/migrations/*receipts*.sql), so numbers never repeat or skip:
 *
 *   upper(slug) || '-BP-' || year || '-' || lpad(seq::text, greatest(6, length(seq::text)), '0')
 *
 * (plain lpad(seq, 6, '0') would cut a seven-digit sequence to six digits: never use it here).
 *
 * parseReference serves the public status lookup, so it is strict and cheap: a length cap first,
 * then a split on "-", no backtracking regex; it accepts only the canonical form that
 * formatReference writes (leading zeros beyond six digits, lower case or spaces are refused).
 * normalizeReferenceInput is the one lenient step, for what people type or paste.
 * References are guessable by design (sequential), so a lookup must also ask a second factor.
 */

export const referenceKinds = ["BP", "PERMIT", "RPT"] as const;
/** BP: a business permit application · PERMIT: an issued permit · RPT: a real property tax payment. */
export type ReferenceKind = (typeof referenceKinds)[number];

export interface Reference {
  /** The LGU's slug as stored (lower case). */
  lguSlug: string;
  kind: ReferenceKind;
  year: number;
  sequence: number;
}

export const MIN_REFERENCE_YEAR = 2000;
export const MAX_REFERENCE_YEAR = 2199;
export const MAX_REFERENCE_SEQUENCE = 999_999_999;
const MAX_SLUG_LENGTH = 60;
/** The longest a reference can be: slug, kind, year, sequence and three dashes. */
export const MAX_REFERENCE_LENGTH = MAX_SLUG_LENGTH + 1 + 6 + 1 + 4 + 1 + 9;

const SLUG_PART = /^[a-z0-9]+$/;
const UPPER_SLUG_PART = /^[A-Z0-9]+$/;
const kinds = new Set<string>(referenceKinds);

function validSlug(slug: string): boolean {
  return slug.length >= 1 && slug.length <= MAX_SLUG_LENGTH && slug.split("-").every((part) => SLUG_PART.test(part));
}

/** The reference's text. Throws RangeError on a slug, kind, year or sequence that cannot be one. */
export function formatReference({ lguSlug, kind, year, sequence }: Reference): string {
  if (!validSlug(lguSlug)) throw new RangeError(`formatReference: not an LGU slug: ${JSON.stringify(lguSlug)}`);
  if (!kinds.has(kind)) throw new RangeError(`formatReference: unknown kind ${JSON.stringify(kind)}`);
  if (!Number.isInteger(year) || year < MIN_REFERENCE_YEAR || year > MAX_REFERENCE_YEAR) throw new RangeError(`formatReference: year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_REFERENCE_SEQUENCE) throw new RangeError(`formatReference: sequence ${sequence}`);
  return `${lguSlug.toUpperCase()}-${kind}-${year}-${String(sequence).padStart(6, "0")}`;
}

/** The parts of a canonical reference, or null for anything else. Never throws. */
export function parseReference(input: unknown): Reference | null {
  if (typeof input !== "string" || input.length < 15 || input.length > MAX_REFERENCE_LENGTH) return null;
  const parts = input.split("-");
  if (parts.length < 4) return null;
  const digits = parts.pop()!;
  const yearText = parts.pop()!;
  const kind = parts.pop()!;
  if (!kinds.has(kind)) return null;
  if (!/^\d{4}$/.test(yearText) || !/^\d{6,9}$/.test(digits)) return null;
  // Canonical only: more than six digits means no zero padding.
  if (digits.length > 6 && digits.startsWith("0")) return null;
  const year = Number(yearText);
  const sequence = Number(digits);
  if (year < MIN_REFERENCE_YEAR || year > MAX_REFERENCE_YEAR || sequence < 1) return null;
  if (parts.length === 0 || !parts.every((part) => UPPER_SLUG_PART.test(part))) return null;
  const lguSlug = parts.join("-").toLowerCase();
  if (lguSlug.length > MAX_SLUG_LENGTH) return null;
  return { lguSlug, kind: kind as ReferenceKind, year, sequence };
}

/**
 * What someone typed or pasted → the canonical spelling to parse: upper case, spaces removed,
 * typographic dashes made "-". Input far longer than any reference comes back empty (so it parses
 * to null) without being scanned.
 */
export function normalizeReferenceInput(raw: string): string {
  if (raw.length > MAX_REFERENCE_LENGTH * 2) return "";
  return raw.replace(/[\s\u00a0]+/g, "").replace(/[\u2010-\u2015\u2212]/g, "-").toUpperCase();
}
