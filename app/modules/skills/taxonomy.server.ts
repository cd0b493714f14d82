/**
 * Reading the skills taxonomy: ranked search over every language's labels (public.search_skills),
 * labels in the reader's language, and the links between entries. Anyone may read it.
 */
import { inArray, sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { skills, type SkillLabels } from "~/db/schema";
import { supportedLanguages } from "~/i18n/config";

export type SkillKind = "occupation" | "skill";

export interface SkillHit {
  code: string;
  kind: SkillKind;
  label: string;
  /** The group it belongs to (occupations), in the reader's language. */
  parentLabel: string | null;
  /** ISCO-08 code for occupations. */
  iscoCode: string | null;
}

export interface SkillSearchResult {
  hits: SkillHit[];
  total: number;
  page: number;
  pageSize: number;
}

const labelIn = (labels: SkillLabels, language: string) => labels[language as keyof SkillLabels] ?? labels.en;

const readerLanguage = (language: string) => ((supportedLanguages as readonly string[]).includes(language) ? language : "en");

/** One page of entries matching `query` (all entries when empty), best first. */
export async function searchSkills(
  claims: JwtClaims | null,
  options: { query: string; language: string; page?: number; pageSize?: number; kind?: SkillKind | null },
): Promise<SkillSearchResult> {
  const pageSize = Math.min(Math.max(options.pageSize ?? 20, 1), 100);
  const page = Math.max(options.page ?? 1, 1);
  const language = readerLanguage(options.language);
  const rows = await withRls(claims, (tx) =>
    tx.execute<{ code: string; kind: SkillKind; labels: SkillLabels; iscoCode: string | null; parentLabels: SkillLabels | null; total: string }>(sql`
      select s.code, s.kind, s.labels, s.isco_code as "iscoCode", p.labels as "parentLabels", m.total
      from public.search_skills(${options.query}, ${options.kind ?? null}::public.skill_kind, ${language}, ${pageSize}, ${(page - 1) * pageSize}) with ordinality as m(code, rank, total, n)
      join public.skills s on s.code = m.code
      left join public.skills p on p.code = s.parent_code
      order by m.n`),
  );
  return {
    hits: rows.map((r) => ({
      code: r.code,
      kind: r.kind,
      label: labelIn(r.labels, language),
      parentLabel: r.parentLabels ? labelIn(r.parentLabels, language) : null,
      iscoCode: r.iscoCode,
    })),
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize,
  };
}

/** Labels of the given codes in the reader's language (unknown codes are left out). */
export async function skillLabels(claims: JwtClaims | null, codes: readonly string[], language: string): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await withRls(claims, (tx) => tx.select({ code: skills.code, labels: skills.labels }).from(skills).where(inArray(skills.code, unique)));
  const lang = readerLanguage(language);
  return new Map(rows.map((r) => [r.code, labelIn(r.labels, lang)]));
}

/** One entry with its label, or null when the code is not in the taxonomy. */
export async function findSkill(claims: JwtClaims | null, code: string, language: string): Promise<{ code: string; kind: SkillKind; label: string } | null> {
  const rows = await withRls(claims, (tx) => tx.select({ code: skills.code, kind: skills.kind, labels: skills.labels }).from(skills).where(inArray(skills.code, [code])));
  const row = rows[0];
  return row ? { code: row.code, kind: row.kind, label: labelIn(row.labels, readerLanguage(language)) } : null;
}

export interface SkillChoiceGroup {
  label: string;
  options: { value: string; label: string }[];
}

/**
 * The whole taxonomy as groups of choices for a plain <select> (works without JavaScript): the
 * common skills by label, then each ISCO-08 major group with its sub-major and minor groups in
 * code order. The first group's label is left to the page (a translated "Common skills").
 */
// The taxonomy is reference data that only migrations change, so a process keeps its choice lists
// once per language instead of reading and sorting some 300 entries on every page that shows them.
const choiceGroupsByLanguage = new Map<string, Promise<SkillChoiceGroup[]>>();

export function skillChoiceGroups(claims: JwtClaims | null, language: string): Promise<SkillChoiceGroup[]> {
  const lang = readerLanguage(language);
  let groups = choiceGroupsByLanguage.get(lang);
  if (!groups) {
    groups = buildChoiceGroups(claims, lang);
    choiceGroupsByLanguage.set(lang, groups);
    // A failed read is not kept: the next page asks again.
    groups.catch(() => choiceGroupsByLanguage.delete(lang));
  }
  return groups;
}

async function buildChoiceGroups(claims: JwtClaims | null, lang: ReturnType<typeof readerLanguage>): Promise<SkillChoiceGroup[]> {
  const rows = await withRls(claims, (tx) =>
    tx.select({ code: skills.code, kind: skills.kind, iscoCode: skills.iscoCode, labels: skills.labels }).from(skills),
  );
  const collator = new Intl.Collator(lang === "fil" ? "fil" : lang);
  const common = rows
    .filter((r) => r.kind === "skill")
    .map((r) => ({ value: r.code, label: labelIn(r.labels, lang) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const occupations = rows.filter((r) => r.kind === "occupation").sort((a, b) => (a.iscoCode! < b.iscoCode! ? -1 : 1));
  const groups: SkillChoiceGroup[] = [{ label: "", options: common }];
  for (const major of occupations.filter((o) => o.iscoCode!.length === 1)) {
    groups.push({
      label: `${major.iscoCode} ${labelIn(major.labels, lang)}`,
      options: occupations
        .filter((o) => o.iscoCode!.length > 1 && o.iscoCode!.startsWith(major.iscoCode!))
        .map((o) => ({ value: o.code, label: `${o.iscoCode} ${labelIn(o.labels, lang)}` })),
    });
  }
  return groups;
}
