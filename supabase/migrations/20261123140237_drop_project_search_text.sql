DROP INDEX "projects_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "search_text";