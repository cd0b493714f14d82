/**
 * "Jobs for you": the open jobs that fit a person's job-seeking profile, each with its score and
 * the reasons, from PostgreSQL (app_private.jobs_for_me) with the weights of weights.ts (JOB_MATCH_WEIGHTS). This
 * module is the whole interface: a later matching engine for projects, jobs, opportunities and
 * needs can take it over by keeping `jobsForMe`'s answer (ids, score, reasons as codes).
 */
import { sql } from "drizzle-orm";
import type { Tx } from "~/db/client.server";
import { cardFromRow, localizeCards, rankedWithCards, type JobCard, type JobCardRow } from "~/modules/jobs/search.server";
import { jobTaxonomy } from "~/modules/jobs/taxonomy.server";
import type { Reason } from "./engine.server";
import { JOB_MATCH_MIN_SCORE, JOB_MATCH_WEIGHTS, type JobMatchWeights } from "./weights";

export interface JobMatch {
  jobId: string;
  score: number;
  /** The occupation level that matched, if any. */
  occupation: "sub_major" | "major" | null;
  /** The person's skills the job asks for (required or preferred), as codes. */
  skillsMatched: string[];
  place: "area" | "nearby" | "remote" | null;
  languagesOk: boolean;
}

/** The caller's best-fitting open jobs, best first (run inside withRls as the person). */
export async function jobsForMe(tx: Tx, limit = 20, weights: JobMatchWeights = JOB_MATCH_WEIGHTS, minScore = JOB_MATCH_MIN_SCORE): Promise<JobMatch[]> {
  const rows = await tx.execute<MatchRow>(sql`select * from ${ranking(weights, minScore, limit)}`);
  return rows.map(matchFromRow);
}

/** The ranking (app_private.jobs_for_me), in SQL to select from. */
const ranking = (weights: JobMatchWeights, minScore: number, limit: number) =>
  sql`app_private.jobs_for_me(${JSON.stringify(weights)}::jsonb, ${minScore}, ${limit})`;

type MatchRow = {
  job_id: string;
  score: number;
  occupation: JobMatch["occupation"];
  skills_matched: string[];
  place: JobMatch["place"];
  languages_ok: boolean;
};

const matchFromRow = (r: MatchRow): JobMatch => ({
  jobId: r.job_id,
  score: r.score,
  occupation: r.occupation,
  skillsMatched: r.skills_matched,
  place: r.place,
  languagesOk: r.languages_ok,
});

/** The reasons of a job match in the engine's words (labels in the reader's language). */
function jobReasons(m: JobMatch, card: JobCard, taxonomy: Awaited<ReturnType<typeof jobTaxonomy>>): Reason[] {
  const reasons: Reason[] = [];
  if (m.occupation === "sub_major") reasons.push({ code: "job_occupation", occupation: taxonomy.occupation(card.occupationCode) });
  if (m.occupation === "major") reasons.push({ code: "job_occupation_major", group: taxonomy.occupation(card.occupationCode.slice(0, 1)) });
  if (m.skillsMatched.length) reasons.push({ code: "job_skills", skills: m.skillsMatched.map((s) => taxonomy.skill(s)).join(", ") });
  if (m.place === "area") reasons.push({ code: "job_place", place: card.placeName ?? "" });
  if (m.place === "nearby") reasons.push({ code: "job_nearby", place: card.placeName ?? "" });
  if (m.place === "remote") reasons.push({ code: "job_remote" });
  if (m.languagesOk) reasons.push({ code: "job_languages" });
  return reasons;
}

/** The caller's best-fitting open jobs with their cards and reasons, best first (inside withRls as the person). */
export async function jobsForPerson(tx: Tx, language: string, limit: number) {
  // The ranking and the cards of the jobs it returns, in one statement (their columns do not clash).
  const [rows, taxonomy] = await Promise.all([
    tx.execute<MatchRow & Partial<JobCardRow>>(
      rankedWithCards(sql`
        select r.* from ${ranking(JOB_MATCH_WEIGHTS, JOB_MATCH_MIN_SCORE, limit)}
          with ordinality as r(job_id, score, occupation, skills_matched, place, languages_ok, n)`),
    ),
    jobTaxonomy(language),
  ]);
  const listed = rows.filter((row) => row.id);
  const cards = localizeCards(listed.map((row) => cardFromRow(row as JobCardRow)), language);
  return listed.map((row, i) => {
    const match = matchFromRow(row);
    return { match, card: cards[i]!, reasons: jobReasons(match, cards[i]!, taxonomy) };
  });
}
