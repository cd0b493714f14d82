/**
 * Writes the skills taxonomy (data/skills/*.tsv) out for the code that needs it:
 *   npx tsx scripts/skills-taxonomy-sql.ts            the SQL of a data migration, on stdout
 *   npx tsx scripts/skills-taxonomy-sql.ts --codes    app/modules/skills/taxonomy-codes.ts (every code,
 *                                                     for forms that check a code in the browser too)
 * After changing the data: `npx drizzle-kit generate --custom --name skills_taxonomy_update`, then
 * `npx tsx scripts/skills-taxonomy-sql.ts > supabase/migrations/<that file>.sql` and the --codes run.
 * tests/integration/skills.test.ts and tests/unit/skills-taxonomy.test.ts fail while either disagrees.
 */
import { writeFileSync } from "node:fs";
import { codesModule, loadTaxonomy, taxonomySql } from "../app/modules/skills/taxonomy-data.server";

if (process.argv.includes("--codes")) {
  writeFileSync(new URL("../app/modules/skills/taxonomy-codes.ts", import.meta.url), codesModule(loadTaxonomy()));
} else {
  process.stdout.write(taxonomySql(loadTaxonomy()));
}
