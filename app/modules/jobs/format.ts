/** Words and numbers of a job as pages show them (server-side, in the reader's language). */
import { formatMoney } from "~/i18n/format";

/** "₱18,000 – ₱25,000", "from ₱18,000", "up to ₱25,000", or null when no salary is given. */
export function salaryRange(min: number | null, max: number | null, currency: string | null, language: string, words: { from: string; upTo: string }) {
  if (!currency || (min === null && max === null)) return null;
  if (min !== null && max !== null) return min === max ? formatMoney(min, currency, language) : `${formatMoney(min, currency, language)} – ${formatMoney(max, currency, language)}`;
  if (min !== null) return `${words.from} ${formatMoney(min, currency, language)}`;
  return `${words.upTo} ${formatMoney(max!, currency, language)}`;
}
