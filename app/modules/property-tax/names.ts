/**
 * The owner's last name as the lookup compares it: folded (lower case, accents and marks dropped,
 * letters only), so "Dela Cruz", "dela cruz" and "DELA-CRUZ" are one name, and "Peña" is "pena".
 * The import stores the key; the lookup folds what the visitor typed the same way.
 *
 * Which part of an owner's name is the last name: before the comma when there is one ("Dela
 * Cruz, Juan" → "delacruz", the way assessment rolls usually write it), else the last word ("Juan
 * Cruz" → "cruz"). A visitor who types two words for a name written without a comma ("Juan Dela
 * Cruz", typed "Dela Cruz") is matched by the last word they typed as well (see lookupKeys).
 */

/** Lower case, without accents or marks, letters only (any script). */
export function foldName(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}]+/gu, "");
}

/** The stored key of an owner's name (see the module comment). */
export function lastNameKey(ownerName: string): string {
  const comma = ownerName.indexOf(",");
  const last = comma > 0 ? ownerName.slice(0, comma) : (ownerName.trim().split(/\s+/).at(-1) ?? "");
  return foldName(last) || foldName(ownerName);
}

/** The keys a typed last name may match: all of it folded, and its last word folded. */
export function lookupKeys(typed: string): string[] {
  const whole = foldName(typed);
  const lastWord = foldName(typed.trim().split(/\s+/).at(-1) ?? "");
  return [...new Set([whole, lastWord].filter((k) => k.length >= 2))];
}
