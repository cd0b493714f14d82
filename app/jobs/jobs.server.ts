/**
 * Background jobs on the same PostgreSQL (pg-boss, in its own `pgboss` schema): scheduled work that
 * no request waits for: pledge reminders (hourly), receipts by email (every minute), property tax imports (as treasurers queue them)
 * and reminders of overdue investment leads (hourly; each lead at most once a day)
 * and reminders to review the returnee guide (daily), and the weekly digest (Mondays; batched and
 * resumable, app/modules/digest/run.server.ts), saved job search alerts (hourly, each person at most
 * once a day) and closing jobs past their closing date (daily). Each job is safe to run twice
 * (see the module it calls), since pg-boss retries work that failed or whose worker died.
 */
import PgBoss from "pg-boss";
import { closeExpiredJobs } from "~/modules/jobs/closing.server";
import { sendJobAlerts } from "~/modules/jobs/saved-searches.server";
import { sendReceiptEmails } from "~/modules/contributions/receipt-emails.server";
import { sendPledgeReminders } from "~/modules/contributions/reminders.server";
import { runWeeklyDigest } from "~/modules/digest/run.server";
import { sendLeadReminders } from "~/modules/investments/reminders.server";
import { runTaxImport, setImportDispatcher } from "~/modules/property-tax/imports.server";
import { sendReviewReminders } from "~/modules/return-guide/review-reminders.server";
import { getEnv } from "~/config/env.server";

export const PLEDGE_REMINDERS = "pledge-reminders";
export const RECEIPT_EMAILS = "receipt-emails";
export const RPT_IMPORT = "rpt-import";
export const LEAD_REMINDERS = "investment-lead-reminders";
export const RETURN_GUIDE_REVIEW = "return-guide-review";
export const WEEKLY_DIGEST = "weekly-digest";
export const JOB_ALERTS = "job-alerts";
export const CLOSE_JOBS = "close-jobs";

interface Logger {
  info(message: string): void;
  error(details: object, message: string): void;
}

export interface Jobs {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startJobs(databaseUrl: string, options: { siteUrl: () => string; logger: Logger; pollingIntervalSeconds?: number }): Promise<Jobs> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: "pgboss", max: 2 });
  boss.on("error", (error) => options.logger.error({ err: error }, "background jobs: pg-boss reported an error"));
  await boss.start();
  await boss.createQueue(PLEDGE_REMINDERS);
  await boss.schedule(PLEDGE_REMINDERS, "0 * * * *");
  await boss.work(PLEDGE_REMINDERS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const sent = await sendPledgeReminders(options.siteUrl());
    if (sent) options.logger.info(`pledge reminders: ${sent} sent`);
  });
  await boss.createQueue(RECEIPT_EMAILS);
  await boss.schedule(RECEIPT_EMAILS, "* * * * *");
  await boss.work(RECEIPT_EMAILS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const sent = await sendReceiptEmails(options.siteUrl());
    if (sent) options.logger.info(`receipts: ${sent} emailed`);
  });
  await boss.createQueue(LEAD_REMINDERS);
  await boss.schedule(LEAD_REMINDERS, "15 * * * *");
  await boss.work(LEAD_REMINDERS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const sent = await sendLeadReminders(options.siteUrl());
    if (sent) options.logger.info(`investment leads: ${sent} overdue reminders sent`);
  });
  await boss.createQueue(RETURN_GUIDE_REVIEW);
  await boss.schedule(RETURN_GUIDE_REVIEW, "0 6 * * *");
  await boss.work(RETURN_GUIDE_REVIEW, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const sent = await sendReviewReminders(options.siteUrl(), getEnv().RETURN_GUIDE_REVIEW_DAYS);
    if (sent) options.logger.info(`returnee guide: ${sent} review reminders sent`);
  });
  // The weekly digest, Monday 05:00 UTC. A run over a million members takes a while: pg-boss may
  // keep it for four hours before it counts the worker as dead and retries, and a retry resumes
  // the run from its cursor (nobody is emailed twice in a run).
  await boss.createQueue(WEEKLY_DIGEST, { name: WEEKLY_DIGEST, expireInSeconds: 4 * 3600, retryLimit: 3, retryDelay: 300 });
  await boss.schedule(WEEKLY_DIGEST, "0 5 * * 1");
  await boss.work(WEEKLY_DIGEST, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const sent = await runWeeklyDigest({ siteUrl: options.siteUrl() });
    if (sent) options.logger.info(`weekly digest: ${sent} emails sent`);
  });
  await boss.createQueue(JOB_ALERTS);
  await boss.schedule(JOB_ALERTS, "15 * * * *");
  await boss.work(JOB_ALERTS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const sent = await sendJobAlerts(options.siteUrl());
    if (sent) options.logger.info(`job alerts: ${sent} emailed`);
  });
  await boss.createQueue(CLOSE_JOBS);
  await boss.schedule(CLOSE_JOBS, "5 0 * * *");
  await boss.work(CLOSE_JOBS, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 30 }, async () => {
    const closed = await closeExpiredJobs();
    if (closed) options.logger.info(`jobs: ${closed} closed after their closing date`);
  });
  // Property tax imports a treasurer queued: started within a second, retried if the worker dies
  // (a run commits all or nothing, so running one again is safe).
  await boss.createQueue(RPT_IMPORT);
  await boss.work<{ importId: string }>(RPT_IMPORT, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await runTaxImport(job.data.importId);
  });
  setImportDispatcher((importId) => boss.send(RPT_IMPORT, { importId }, { retryLimit: 2, retryDelay: 5, singletonKey: importId }));
  return {
    boss,
    stop: () => {
      setImportDispatcher(null);
      return boss.stop({ graceful: true, timeout: 5_000 });
    },
  };
}
