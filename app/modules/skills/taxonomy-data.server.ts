/**
 * The skills taxonomy as shipped in data/skills (tab-separated, UTF-8): ISCO-08 occupation groups
 * (isco-08.tsv) and Tulay's common skills with their links (common-skills.tsv). Read by the script
 * that writes the data migration (scripts/skills-taxonomy-sql.ts) and by the tests that check the
 * files and that the database holds exactly what they say.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "~/db/paths.server";
import type { SkillLabels } from "~/db/schema/skills";

export const labelLanguages = ["en", "fil", "es", "fr", "ar"] as const;

export interface TaxonomyEntry {
  code: string;
  kind: "occupation" | "skill";
  iscoCode: string | null;
  parentCode: string | null;
  labels: SkillLabels;
}

export interface TaxonomyRelation {
  skillCode: string;
  relatedCode: string;
  kind: "related" | "occupation";
}

export interface Taxonomy {
  entries: TaxonomyEntry[];
  relations: TaxonomyRelation[];
}

export const occupationCode = (isco: string) => `isco08_${isco}`;

export function dataFolder(): string {
  return path.join(projectRoot(), "data", "skills");
}

/** Rows of a tab-separated file with a header line, as records keyed by the header's names. */
export function readTsv(text: string): Record<string, string>[] {
  const lines = text.replace(/\r\n/g, "\n").split("\n").filter((line) => line.trim() !== "");
  const header = (lines.shift() ?? "").split("\t");
  return lines.map((line, i) => {
    const cells = line.split("\t");
    if (cells.length !== header.length) throw new Error(`line ${i + 2}: ${cells.length} cells, the header has ${header.length}`);
    return Object.fromEntries(header.map((name, j) => [name, cells[j]!.trim()]));
  });
}

const labelsOf = (row: Record<string, string>): SkillLabels => ({ en: row.en!, fil: row.fil!, es: row.es!, fr: row.fr!, ar: row.ar! });

/** Parses the two files; structural problems (unknown links, bad shapes) are for the tests to find. */
export function parseTaxonomy(iscoText: string, skillsText: string): Taxonomy {
  const entries: TaxonomyEntry[] = readTsv(iscoText).map((row) => {
    const isco = row.code!;
    return {
      code: occupationCode(isco),
      kind: "occupation",
      iscoCode: isco,
      parentCode: isco.length > 1 ? occupationCode(isco.slice(0, -1)) : null,
      labels: labelsOf(row),
    };
  });
  const relations: TaxonomyRelation[] = [];
  for (const row of readTsv(skillsText)) {
    entries.push({ code: row.code!, kind: "skill", iscoCode: null, parentCode: null, labels: labelsOf(row) });
    for (const isco of (row.occupations ?? "").split(/\s+/).filter(Boolean)) {
      relations.push({ skillCode: row.code!, relatedCode: occupationCode(isco), kind: "occupation" });
    }
    for (const related of (row.related ?? "").split(/\s+/).filter(Boolean)) {
      relations.push({ skillCode: row.code!, relatedCode: related, kind: "related" });
    }
  }
  return { entries, relations: dedupeRelated(relations) };
}

/** "Related" is symmetric: a pair written from both sides is kept once (the first side written). */
function dedupeRelated(relations: TaxonomyRelation[]): TaxonomyRelation[] {
  const seen = new Set<string>();
  return relations.filter((r) => {
    const key = r.kind === "related" ? [r.skillCode, r.relatedCode].sort().join(" ") : `${r.skillCode} ${r.relatedCode}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function loadTaxonomy(folder = dataFolder()): Taxonomy {
  return parseTaxonomy(readFileSync(path.join(folder, "isco-08.tsv"), "utf8"), readFileSync(path.join(folder, "common-skills.tsv"), "utf8"));
}

const literal = (value: string | null) => (value === null ? "null" : `'${value.replace(/'/g, "''")}'`);

/**
 * The data as idempotent SQL (upserts), parents before children: the body of a data migration.
 * Codes are never deleted here: project needs and member skills refer to them.
 */
export function taxonomySql(taxonomy: Taxonomy): string {
  const entries = [...taxonomy.entries].sort((a, b) => (a.kind === b.kind ? (a.iscoCode?.length ?? 0) - (b.iscoCode?.length ?? 0) : a.kind === "occupation" ? -1 : 1));
  const values = entries.map((e) => `  (${literal(e.code)}, '${e.kind}', ${literal(e.iscoCode)}, ${literal(e.parentCode)}, ${literal(JSON.stringify(e.labels))}::jsonb)`);
  const relations = taxonomy.relations.map((r) => `  (${literal(r.skillCode)}, ${literal(r.relatedCode)}, '${r.kind}')`);
  return [
    "-- The skills taxonomy from data/skills (written by `npx tsx scripts/skills-taxonomy-sql.ts`; do not edit by hand).",
    "-- ISCO-08 occupation groups: International Labour Organization; common skills: Tulay (CC0). See data/skills/README.md.",
    "insert into public.skills (code, kind, isco_code, parent_code, labels) values",
    values.join(",\n"),
    "on conflict (code) do update set kind = excluded.kind, isco_code = excluded.isco_code, parent_code = excluded.parent_code, labels = excluded.labels;",
    "--> statement-breakpoint",
    "insert into public.skill_relations (skill_code, related_code, kind) values",
    relations.join(",\n"),
    "on conflict (skill_code, related_code) do update set kind = excluded.kind;",
    "",
  ].join("\n");
}

/** Every code of the taxonomy as a TypeScript module (app/modules/skills/taxonomy-codes.ts). */
export function codesModule(taxonomy: Taxonomy): string {
  const codes = taxonomy.entries.map((e) => e.code).sort();
  const lines: string[] = [];
  let line = "";
  for (const code of codes) {
    const item = `"${code}",`;
    if (line && line.length + item.length + 1 > 120) {
      lines.push(line);
      line = "";
    }
    line = line ? `${line} ${item}` : `  ${item}`;
  }
  if (line) lines.push(line);
  return [
    "// Every code of the skills taxonomy (data/skills), for checks that run in the browser as well as",
    "// on the server. Written by `npx tsx scripts/skills-taxonomy-sql.ts --codes`; do not edit by hand.",
    "export const taxonomyCodes: ReadonlySet<string> = new Set([",
    ...lines,
    "]);",
    "",
  ].join("\n");
}
