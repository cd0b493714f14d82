/**
 * `npm run db:migrate` / `npm run db:seed` / `npm run db:grant-admin -- <email>`: the same start-up
 * as the server, without the web part. Granting platform admin is an operator's act, never a
 * portal feature: it is written to the audit log like every role change.
 */
import postgres from "postgres";
import { parseEnv, EnvError } from "../app/config/env.server";
import { prepareDatabase } from "../app/db/prepare.server";
import { seedDemo } from "../app/db/seed.server";
import { DatabaseStartError } from "../app/db/embedded-postgres.server";

const [command, argument] = process.argv.slice(2);
if (command !== "migrate" && command !== "seed" && command !== "grant-admin") {
  console.error("usage: tsx scripts/db.ts migrate | seed | grant-admin <email>");
  process.exit(2);
}

try {
  const env = parseEnv(process.env);
  const db = await prepareDatabase({ ...env, SEED_DEMO: false }, (m, extra) => console.log(m, extra ?? ""));
  try {
    if (command === "seed") console.log("seeded", await seedDemo(db.url, { accounts: db.embedded }));
    if (command === "grant-admin") {
      const sql = postgres(db.url, { max: 1, onnotice: () => {} });
      try {
        const rows = await sql`
          insert into public.platform_admins (user_id)
          select id from auth.users where lower(email) = lower(${argument ?? ""})
          on conflict do nothing returning user_id`;
        const [known] = await sql`select 1 from auth.users where lower(email) = lower(${argument ?? ""})`;
        if (!known) {
          console.error(`no account with the email ${JSON.stringify(argument ?? "")}: the person must sign up first`);
          process.exitCode = 1;
        } else {
          console.log(rows.length ? `${argument} is now a platform admin` : `${argument} was already a platform admin`);
        }
      } finally {
        await sql.end();
      }
    }
  } finally {
    await db.stop();
  }
} catch (error) {
  if (error instanceof EnvError || error instanceof DatabaseStartError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
