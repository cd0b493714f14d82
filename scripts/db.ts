/** `npm run db:migrate` / `npm run db:seed`: the same start-up as the server, without the web part. */
import { parseEnv, EnvError } from "../app/config/env.server";
import { prepareDatabase } from "../app/db/prepare.server";
import { seedDemo } from "../app/db/seed.server";
import { DatabaseStartError } from "../app/db/embedded-postgres.server";

const command = process.argv[2];
if (command !== "migrate" && command !== "seed") {
  console.error("usage: tsx scripts/db.ts migrate|seed");
  process.exit(2);
}

try {
  const env = parseEnv(process.env);
  const db = await prepareDatabase({ ...env, SEED_DEMO: false }, (m, extra) => console.log(m, extra ?? ""));
  if (command === "seed") console.log("seeded", await seedDemo(db.url));
  await db.stop();
} catch (error) {
  if (error instanceof EnvError || error instanceof DatabaseStartError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
