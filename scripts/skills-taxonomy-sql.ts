/**
 * Prints the skills taxonomy (data/skills/*.tsv) as the SQL of a data migration. After changing the
 * data: `npx drizzle-kit generate --custom --name skills_taxonomy_update`, then
 * `npx tsx scripts/skills-taxonomy-sql.ts > supabase/migrations/<that file>.sql`. The integration
 * test tests/integration/skills-taxonomy.test.ts fails while the database and the files disagree.
 */
import { loadTaxonomy, taxonomySql } from "../app/modules/skills/taxonomy-data.server";

process.stdout.write(taxonomySql(loadTaxonomy()));
