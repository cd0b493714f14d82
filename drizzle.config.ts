import { defineConfig } from "drizzle-kit";

// drizzle-kit writes SQL into supabase/migrations with Supabase's timestamp prefix, so the same
// files deploy with `supabase db push` and with our own migrator (docs/decisions/0004-drizzle.md).
export default defineConfig({
  dialect: "postgresql",
  schema: "./app/db/schema/index.ts",
  out: "./supabase/migrations",
  migrations: { prefix: "supabase" },
  entities: { roles: { provider: "supabase" } },
  schemaFilter: ["public"],
  strict: true,
  verbose: true,
});
