/**
 * Jobs close by themselves after their closing date: the daily job calls the database's
 * close_expired_jobs(), which closes them (with the audit trail every change of a job gets). The
 * search and the job page already stop offering a job the day after it closes, whether or not
 * this has run yet.
 */
import { sql } from "drizzle-orm";
import { asService } from "~/db/client.server";

export async function closeExpiredJobs(): Promise<number> {
  const [row] = await asService((tx) => tx.execute<{ closed: number }>(sql`select app_private.close_expired_jobs() as closed`));
  return Number(row?.closed ?? 0);
}
