/**
 * A CV made from what the applicant shares of their profile (never more: it is what the employer
 * reads), in the house style of the portal's PDFs (files/pdf.server), in the applicant's language.
 */
import { countryName, languageName } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { MUTED, pdfWriter } from "~/modules/files/pdf.server";
import type { SharedProfile } from "./applications.server";
import { jobTaxonomy } from "./taxonomy.server";

export async function cvPdf(name: string, shared: SharedProfile, language: string): Promise<Uint8Array> {
  const t = await i18nServer.getFixedT(language, "jobs");
  const taxonomy = await jobTaxonomy(language);
  const { line, field, rule, finish } = pdfWriter(language, { Title: `${t("cv.title")} — ${name}`, Author: name });
  line(name, { size: 20, bold: true });
  line(t("cv.generated"), { size: 9, color: MUTED, gap: 1 });
  if (shared.city || shared.countryOfResidence) {
    field(t("cv.location"), [shared.city, shared.countryOfResidence ? countryName(shared.countryOfResidence, language) : null].filter(Boolean).join(", "));
  }
  if (shared.occupationCode) field(t("cv.occupation"), taxonomy.occupation(shared.occupationCode));
  if (shared.skills?.length) field(t("cv.skills"), shared.skills.map((s) => taxonomy.skill(s)).join(", "));
  if (shared.languages?.length) field(t("cv.languages"), shared.languages.map((l) => languageName(l, language)).join(", "));
  if (shared.yearsAbroad !== undefined && shared.yearsAbroad !== null) field(t("cv.yearsAbroad"), String(shared.yearsAbroad));
  if (shared.countriesWorked?.length) field(t("cv.countriesWorked"), shared.countriesWorked.map((c) => countryName(c, language)).join(", "));
  if (shared.experience) {
    rule();
    line(t("cv.experience"), { size: 12, bold: true });
    for (const paragraph of shared.experience.split(/\n+/)) line(paragraph, { size: 10 });
  }
  if (shared.certificates?.length) {
    rule();
    line(t("cv.certificates"), { size: 12, bold: true });
    for (const c of shared.certificates) {
      const where = [c.issuer, c.countryCode ? countryName(c.countryCode, language) : null, c.year ? String(c.year) : null].filter(Boolean).join(", ");
      line(where ? `${c.title} (${where})` : c.title, { size: 10, bold: true });
      line(`${t(`recognition.${c.recognition}`)}${c.localEquivalent ? ` — ${c.localEquivalent}` : ""}`, { size: 9, color: MUTED });
    }
  }
  return new Uint8Array(await finish());
}
