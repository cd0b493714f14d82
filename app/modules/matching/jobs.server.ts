/**
 * "Jobs for you": the open jobs that fit a person's job-seeking profile, each with its score and
 * the reasons, from PostgreSQL (app_private.jobs_for_me) with the weights of weights.ts (JOB_MATCH_WEIGHTS). This
 * module is the whole interface: a later matching engine for projects, jobs, opportunities and
 * needs can take it over by keeping `jobsForMe`'s answer (ids, score, reasons as codes).
 */
import { sql } from "drizzle-orm";
import type { Tx } from "~/db/client.server";
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
  const rows = await tx.execute<{ job_id: string; score: number; occupation: JobMatch["occupation"]; skills_matched: string[]; place: JobMatch["place"]; languages_ok: boolean }>(
    sql`select * from app_private.jobs_for_me(${JSON.stringify(weights)}::jsonb, ${minScore}, ${limit})`,
  );
  return rows.map((r) => ({
    jobId: r.job_id,
    score: r.score,
    occupation: r.occupation,
    skillsMatched: r.skills_matched,
    place: r.place,
    languagesOk: r.languages_ok,
  }));
}
