/**
 * Fixed-window rate limits kept in Postgres (so they hold across processes and restarts): per IP
 * and per account for sign-in, sign-up and password reset.
 */
import { sql } from "drizzle-orm";
import { asService } from "~/db/client.server";

export interface Limit {
  /** e.g. `sign-in:ip` */
  name: string;
  max: number;
  windowSeconds: number;
}

// Per IP is generous (many people share one address: a dormitory, an office, a mobile carrier);
// per account is tight, because guessing one person's password is the attack that matters.
export const limits = {
  signInPerIp: { name: "sign-in:ip", max: 100, windowSeconds: 15 * 60 },
  signInPerAccount: { name: "sign-in:account", max: 8, windowSeconds: 15 * 60 },
  signUpPerIp: { name: "sign-up:ip", max: 20, windowSeconds: 60 * 60 },
  resetPerIp: { name: "reset:ip", max: 10, windowSeconds: 60 * 60 },
  resetPerAccount: { name: "reset:account", max: 3, windowSeconds: 60 * 60 },
} satisfies Record<string, Limit>;

/** Counts one attempt; false when the limit for this subject is already used up in this window. */
export async function hit(limit: Limit, subject: string): Promise<boolean> {
  const key = `${limit.name}:${subject.toLowerCase()}`;
  const rows = await asService((tx) =>
    tx.execute<{ hits: number }>(sql`
      insert into public.rate_limits as r (key, window_started_at, hits) values (${key}, now(), 1)
      on conflict (key) do update set
        hits = case when r.window_started_at < now() - make_interval(secs => ${limit.windowSeconds}) then 1 else r.hits + 1 end,
        window_started_at = case when r.window_started_at < now() - make_interval(secs => ${limit.windowSeconds}) then now() else r.window_started_at end
      returning hits`),
  );
  return Number(rows[0]?.hits ?? 0) <= limit.max;
}

/** Counts the attempt against every limit given (all are counted, so none can be dodged). */
export async function allowed(checks: [Limit, string | null | undefined][]): Promise<boolean> {
  let ok = true;
  for (const [limit, subject] of checks) {
    if (!subject) continue;
    if (!(await hit(limit, subject))) ok = false;
  }
  return ok;
}
