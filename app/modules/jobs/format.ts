/** Words and numbers of a job as pages show them (server-side, in the reader's language). */
import { countryName, formatDate, formatMoney } from "~/i18n/format";

/** "₱18,000 – ₱25,000", "from ₱18,000", "up to ₱25,000", or null when no salary is given. */
export function salaryRange(min: number | null, max: number | null, currency: string | null, language: string, words: { from: string; upTo: string }) {
  if (!currency || (min === null && max === null)) return null;
  if (min !== null && max !== null) return min === max ? formatMoney(min, currency, language) : `${formatMoney(min, currency, language)} – ${formatMoney(max, currency, language)}`;
  if (min !== null) return `${words.from} ${formatMoney(min, currency, language)}`;
  return `${words.upTo} ${formatMoney(max!, currency, language)}`;
}

/** The fields of a job card a list page sends to the browser (components/job-card.tsx's JobCardView). */
export function jobCardView(
  j: {
    id: string;
    title: { text: string; lang: string } | null;
    posterName: string | null;
    placeName: string | null;
    countryCode: string | null;
    remote: boolean;
    employmentType: string;
    salaryMinMinor: number | null;
    salaryMaxMinor: number | null;
    salaryCurrency: string | null;
    closesOn: string;
  },
  language: string,
  words: { from: string; upTo: string },
) {
  return {
    id: j.id,
    title: j.title,
    posterName: j.posterName,
    place: j.placeName ? `${j.placeName}, ${countryName(j.countryCode!, language)}` : null,
    remote: j.remote,
    employmentType: j.employmentType,
    salary: salaryRange(j.salaryMinMinor, j.salaryMaxMinor, j.salaryCurrency, language, words),
    closes: formatDate(j.closesOn, language),
  };
}
