/**
 * A member's skills registry: their own list (read and written as them, under RLS: only the owner
 * reads the table), what others may see (public_member_skills: people whose engagement group is
 * public) and what a hometown LGU's staff may count (lgu_diaspora_skills: aggregates, never under 5).
 */
import { sql } from "drizzle-orm";
import type { AuthSession } from "~/adapters/auth/port";
import { withRls, type JwtClaims } from "~/db/client.server";
import type { SkillLabels } from "~/db/schema";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import type { MemberSkillInput } from "./schema";
import type { SkillLevel } from "./vocabulary";

export interface MemberSkillRow {
  code: string;
  kind: "occupation" | "skill";
  label: string;
  level: SkillLevel;
  years: number;
  note: string | null;
}

const labelIn = (labels: SkillLabels, language: string) => labels[language as keyof SkillLabels] ?? labels.en;

/** The signed-in person's skills, labelled in their language, most experienced first. */
export async function listOwnSkills(session: AuthSession, language: string): Promise<MemberSkillRow[]> {
  const rows = await withRls(session.claims, (tx) =>
    tx.execute<{ code: string; kind: "occupation" | "skill"; labels: SkillLabels; level: SkillLevel; years: number; note: string | null }>(sql`
      select m.skill_code as code, s.kind, s.labels, m.level, m.years, m.note
      from public.member_skills m join public.skills s on s.code = m.skill_code
      where m.profile_id = ${session.user.id}::uuid
      order by array_position(array['expert','advanced','intermediate','basic']::public.skill_level[], m.level), m.years desc, m.skill_code`),
  );
  return rows.map((r) => ({ code: r.code, kind: r.kind, label: labelIn(r.labels, language), level: r.level, years: Number(r.years), note: r.note }));
}

/** The database's refusals as the person's messages beside the field they are about. */
function refusal(error: unknown): never {
  const failure = databaseFailure(error);
  if (failure?.code === "23503" && failure.constraint === "member_skills_skill_code_skills_code_fk") {
    throw new FormProblem("skill", "skills:validation.skillUnknown", 400, "unknown skill");
  }
  if (failure?.code === "23514" && failure.constraint === "member_skills_years_range") throw new FormProblem("years", "skills:validation.years", 400);
  if (failure?.code === "23514" && failure.constraint === "member_skills_note_length") throw new FormProblem("note", "skills:validation.noteTooLong", 400);
  if (failure?.code === "22P02") throw new FormProblem("level", "skills:validation.level", 400);
  throw error;
}

/**
 * Adds a skill, or changes its level, years and note when the person has it already. Returns
 * whether it was new. Unknown codes are refused by the foreign key, nothing changed.
 */
export async function saveOwnSkill(session: AuthSession, input: MemberSkillInput): Promise<{ added: boolean }> {
  const note = input.note ? input.note : null;
  // Raw SQL: member_skills has column grants, and drizzle's insert names every column.
  const rows = await withRls(session.claims, (tx) =>
    tx.execute<{ added: boolean }>(sql`
      insert into public.member_skills (profile_id, skill_code, level, years, note)
      values (${session.user.id}::uuid, ${input.skill}, ${input.level}::public.skill_level, ${input.years}, ${note})
      on conflict (profile_id, skill_code) do update set level = excluded.level, years = excluded.years, note = excluded.note
      returning (xmax = 0) as added`),
  ).catch(refusal);
  return { added: Boolean(rows[0]?.added) };
}

/** Removes one of the person's skills; false when they did not have it. */
export async function removeOwnSkill(session: AuthSession, code: string): Promise<boolean> {
  const rows = await withRls(session.claims, (tx) =>
    tx.execute(sql`delete from public.member_skills where profile_id = ${session.user.id}::uuid and skill_code = ${code} returning skill_code`),
  );
  return rows.length > 0;
}


/** What anyone may see of a person's skills: nothing unless their engagement group is public. */
export async function visibleSkillsOf(claims: JwtClaims | null, profileId: string, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx.execute<{ code: string; labels: SkillLabels; level: SkillLevel; years: number }>(sql`
      select v.skill_code as code, s.labels, v.level, v.years
      from public.public_member_skills v join public.skills s on s.code = v.skill_code
      where v.profile_id = ${profileId}::uuid order by v.skill_code`),
  );
  return rows.map((r) => ({ code: r.code, label: labelIn(r.labels, language), level: r.level, years: Number(r.years) }));
}

/** Skills of an LGU's diaspora, for its staff: counts of at least 5 people who share them as aggregates. */
export async function diasporaSkills(session: AuthSession, lguId: string, language: string) {
  const rows = await withRls(session.claims, (tx) =>
    tx.execute<{ code: string; labels: SkillLabels; members: number }>(sql`
      select d.skill_code as code, s.labels, d.members
      from public.lgu_diaspora_skills(${lguId}::uuid) d join public.skills s on s.code = d.skill_code
      order by d.members desc, d.skill_code`),
  );
  return rows.map((r) => ({ code: r.code, label: labelIn(r.labels, language), members: Number(r.members) }));
}
