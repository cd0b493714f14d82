CREATE TABLE "project_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"update_id" uuid,
	"storage_key" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"alt" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_photos_size" CHECK ("project_photos"."width" between 1 and 10000 and "project_photos"."height" between 1 and 10000),
	CONSTRAINT "project_photos_storage_key" CHECK ("project_photos"."storage_key" = 'projects/' || "project_photos"."project_id" || '/photos/' || "project_photos"."id"),
	CONSTRAINT "project_photos_alt_present" CHECK (jsonb_typeof("project_photos"."alt") = 'object' and "project_photos"."alt" <> '{}'::jsonb)
);
--> statement-breakpoint
ALTER TABLE "project_photos" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD COLUMN "evidence_filename" text;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD COLUMN "evidence_content_type" text;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD COLUMN "evidence_size" integer;--> statement-breakpoint
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_update_id_project_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."project_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_photos" ADD CONSTRAINT "project_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_photos_project_idx" ON "project_photos" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "project_photos_update_idx" ON "project_photos" USING btree ("update_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_photos_storage_key_unique" ON "project_photos" USING btree ("storage_key");--> statement-breakpoint
ALTER TABLE "project_updates" DROP COLUMN "photo_paths";--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "cover_photo_path";--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_evidence_whole" CHECK (("spending_reports"."evidence_path" is null) = ("spending_reports"."evidence_filename" is null) and ("spending_reports"."evidence_path" is null) = ("spending_reports"."evidence_content_type" is null)
        and ("spending_reports"."evidence_path" is null) = ("spending_reports"."evidence_size" is null) and ("spending_reports"."evidence_size" is null or "spending_reports"."evidence_size" > 0));--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_evidence_key" CHECK ("spending_reports"."evidence_path" is null
        or "spending_reports"."evidence_path" ~ ('^projects/' || "spending_reports"."project_id" || '/spending/[0-9a-f-]{36}/[A-Za-z0-9][A-Za-z0-9_-]*[.](pdf|png|jpg)$'));--> statement-breakpoint
CREATE POLICY "visible with the project" ON "project_photos" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("project_photos"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors add" ON "project_photos" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.project_editable("project_photos"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors change" ON "project_photos" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.project_editable("project_photos"."project_id")) WITH CHECK (app_private.project_editable("project_photos"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors remove" ON "project_photos" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.project_editable("project_photos"."project_id"));