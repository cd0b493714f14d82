/**
 * The parts of the skills taxonomy (the `skills` table, loaded from data/skills) that the jobs
 * pages show: ISCO-08 major and sub-major groups and the skills, with labels in the reader's
 * language. Read once per process and kept: it is reference data that only a migration changes
 * (a deployment restarts the server).
 */
import { sql } from "drizzle-orm";
import { withRls } from "~/db/client.server";
import type { SkillLabels } from "~/db/schema";

type Entry = {
  code: string;
  kind: "occupation" | "skill";
  iscoCode: string | null;
  labels: SkillLabels;
};

let loading: Promise<Entry[]> | null = null;
const views = new Map<string, JobTaxonomy>();

function load(): Promise<Entry[]> {
  loading ??= withRls(null, (tx) =>
    tx.execute<Entry>(sql`
      select code, kind::text as kind, isco_code as "iscoCode", labels from public.skills
      where kind = 'skill' or (kind = 'occupation' and length(isco_code) <= 2)`),
  )
    .then((rows) => [...rows])
    .catch((error) => {
      loading = null;
      throw error;
    });
  return loading;
}

export interface JobTaxonomy {
  /** Major groups, each with its sub-major groups, for grouped selects (codes without the isco08_ prefix). */
  occupationTree: { code: string; label: string; groups: { code: string; label: string }[] }[];
  /** Every skill, by label. */
  skillOptions: { value: string; label: string }[];
  /** An ISCO-08 group's title ("72" or "7"), or the code when unknown. */
  occupation(code: string): string;
  /** A skill's label, or the code when unknown. */
  skill(code: string): string;
}

export async function jobTaxonomy(language: string): Promise<JobTaxonomy> {
  const cached = views.get(language);
  if (cached) return cached;
  const entries = await load();
  const label = (e: Entry) => e.labels[language as keyof SkillLabels] ?? e.labels.en;
  const occupations = new Map(entries.filter((e) => e.kind === "occupation").map((e) => [e.iscoCode!, label(e)]));
  const skills = new Map(entries.filter((e) => e.kind === "skill").map((e) => [e.code, label(e)]));
  const majors = [...occupations.keys()].filter((c) => c.length === 1).sort((a, b) => (a === "0" ? 1 : b === "0" ? -1 : a.localeCompare(b)));
  const view: JobTaxonomy = {
    occupationTree: majors.map((major) => ({
      code: major,
      label: occupations.get(major)!,
      groups: [...occupations.keys()]
        .filter((c) => c.length === 2 && c[0] === major)
        .sort()
        .map((code) => ({ code, label: occupations.get(code)! })),
    })),
    skillOptions: [...skills.entries()].map(([value, l]) => ({ value, label: l })).sort((a, b) => a.label.localeCompare(b.label, language)),
    occupation: (code) => occupations.get(code) ?? code,
    skill: (code) => skills.get(code) ?? code,
  };
  views.set(language, view);
  return view;
}
