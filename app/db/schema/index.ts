/**
 * The database schema, one file per area. drizzle-kit reads this file to write SQL migrations into
 * supabase/migrations/, including the row-level security policies declared beside each table
 * (docs/decisions/0003-rls-through-withrls.md).
 */
export * from "./core";
export * from "./people";
export * from "./organisations";
export * from "./system";
export * from "./projects";
export * from "./contributions";
export * from "./services";
export * from "./property-tax";
export * from "./investments";
export * from "./volunteering";
export * from "./return-guide";
export * from "./skills";
export * from "./digest";
export * from "./jobs";
