/** Test data for jobs: a job inserted as the database owner (the triggers still run), and an application made as the applicant. */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { DbClient, JwtClaims } from "../../app/db/client.server";
import { createPlace } from "./factories";

export interface JobOverrides {
  lguId?: string;
  organisationId?: string;
  postedBy?: string;
  status?: "open" | "closed";
  placeId?: string;
  title?: string;
  description?: string;
  occupationCode?: string;
  sector?: string;
  skillsRequired?: string[];
  skillsPreferred?: string[];
  languages?: string[];
  remote?: boolean;
  employmentType?: string;
  salary?: { min: number | null; max: number | null; currency: string };
  closesOn?: string;
}

export async function createJob(url: string, overrides: JobOverrides): Promise<string> {
  const placeId = overrides.placeId ?? (overrides.remote ? null : await createPlace(url));
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [job] = await client<{ id: string }[]>`
      insert into jobs (lgu_id, organisation_id, title, description, sector, occupation_code, skills_required, skills_preferred, languages,
                        place_id, remote, employment_type, salary_min_minor, salary_max_minor, salary_currency, closes_on, posted_by)
      values (${overrides.lguId ?? null}, ${overrides.organisationId ?? null}, ${client.json({ en: overrides.title ?? "Motor mechanic" })},
              ${client.json({ en: overrides.description ?? "Services and repairs cars and light trucks." })}, ${overrides.sector ?? "G"},
              ${overrides.occupationCode ?? "72"}, ${overrides.skillsRequired ?? ["engineering"]}, ${overrides.skillsPreferred ?? []},
              ${overrides.languages ?? []}, ${placeId}, ${overrides.remote ?? false}, ${overrides.employmentType ?? "full_time"},
              ${overrides.salary?.min ?? null}, ${overrides.salary?.max ?? null}, ${overrides.salary?.currency ?? null},
              ${overrides.closesOn ?? new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}, ${overrides.postedBy ?? null})
      returning id`;
    if (overrides.status === "closed") await client`update jobs set status = 'closed' where id = ${job!.id}`;
    return job!.id;
  } finally {
    await client.end();
  }
}

/** Applies as the person (under RLS), with a CV key in their folder; returns the application's id. */
export async function applyAs(client: DbClient, claims: JwtClaims, jobId: string, extra: { coverNote?: string; recognised?: boolean } = {}) {
  const rows = await client.withRls(claims, (tx) =>
    tx.execute<{ id: string }>(sql`
      insert into job_applications (job_id, applicant_id, applicant_name, cover_note, has_recognised_certificate, cv_storage_key, cv_file_name, cv_content_type, cv_size_bytes)
      values (${jobId}, ${claims.sub}, 'Applicant', ${extra.coverNote ?? ""}, ${extra.recognised ?? false},
              ${`job-applications/${claims.sub}/${jobId}.pdf`}, 'cv.pdf', 'application/pdf', 1000)
      returning id`),
  );
  return rows[0]!.id;
}
