CREATE TYPE "public"."cofunder_kind" AS ENUM('national_agency', 'province', 'municipality', 'company', 'other');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('planned', 'in_progress', 'done');--> statement-breakpoint
CREATE TYPE "public"."need_kind" AS ENUM('money', 'skill', 'in_kind');--> statement-breakpoint
CREATE TYPE "public"."project_sector" AS ENUM('education', 'health', 'water', 'roads', 'livelihood', 'agriculture', 'disaster', 'culture', 'environment', 'tourism', 'technology');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('draft', 'review', 'fundraising', 'funded', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TABLE "project_budget_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"label" jsonb NOT NULL,
	"amount_minor" bigint NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "project_budget_lines_amount" CHECK ("project_budget_lines"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "project_budget_lines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_cofunders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" "cofunder_kind" NOT NULL,
	"name" text NOT NULL,
	"ratio_matched" smallint NOT NULL,
	"ratio_given" smallint DEFAULT 1 NOT NULL,
	"cap_minor" bigint NOT NULL,
	"committed_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "project_cofunders_ratio" CHECK ("project_cofunders"."ratio_matched" between 1 and 10 and "project_cofunders"."ratio_given" between 1 and 10),
	CONSTRAINT "project_cofunders_cap" CHECK ("project_cofunders"."cap_minor" > 0 and "project_cofunders"."committed_minor" between 0 and "project_cofunders"."cap_minor")
);
--> statement-breakpoint
ALTER TABLE "project_cofunders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_followers" (
	"project_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_followers_project_id_user_id_pk" PRIMARY KEY("project_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "project_followers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"target_date" date NOT NULL,
	"status" "milestone_status" DEFAULT 'planned' NOT NULL,
	"completed_on" date,
	CONSTRAINT "project_milestones_done_has_date" CHECK (("project_milestones"."status" = 'done') = ("project_milestones"."completed_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "project_milestones" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" "need_kind" NOT NULL,
	"description" jsonb NOT NULL,
	"amount_minor" bigint,
	"skill" text,
	"quantity" integer,
	"fulfilled" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "project_needs_shape" CHECK (("project_needs"."kind" = 'money') = ("project_needs"."amount_minor" is not null)
      and ("project_needs"."kind" = 'skill') = ("project_needs"."skill" is not null)
      and ("project_needs"."amount_minor" is null or "project_needs"."amount_minor" > 0) and ("project_needs"."quantity" is null or "project_needs"."quantity" > 0))
);
--> statement-breakpoint
ALTER TABLE "project_needs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"body" jsonb NOT NULL,
	"photo_paths" text[] DEFAULT '{}'::text[] NOT NULL,
	"author_id" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "project_updates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sector" "project_sector" NOT NULL,
	"sdg_goals" smallint[] DEFAULT '{}'::smallint[] NOT NULL,
	"place_id" uuid,
	"latitude" numeric(8, 5),
	"longitude" numeric(8, 5),
	"goal_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"plan_reference" text,
	"implementing_partner" text,
	"status" "project_status" DEFAULT 'draft' NOT NULL,
	"cancel_reason" text,
	"cover_photo_path" text,
	"created_by" uuid,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"search" "tsvector",
	"search_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_slug_format" CHECK ("projects"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "projects_goal_positive" CHECK ("projects"."goal_minor" > 0),
	CONSTRAINT "projects_currency_iso" CHECK ("projects"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "projects_dates_in_order" CHECK ("projects"."ends_on" is null or "projects"."starts_on" is null or "projects"."ends_on" >= "projects"."starts_on"),
	CONSTRAINT "projects_sdg_goals_range" CHECK ("projects"."sdg_goals" <@ array[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]::smallint[]),
	CONSTRAINT "projects_cancel_has_reason" CHECK ("projects"."status" <> 'cancelled' or char_length(coalesce("projects"."cancel_reason", '')) >= 3),
	CONSTRAINT "projects_title_present" CHECK (jsonb_typeof("projects"."title") = 'object' and "projects"."title" <> '{}'::jsonb),
	CONSTRAINT "projects_coordinates" CHECK (("projects"."latitude" is null) = ("projects"."longitude" is null)
      and ("projects"."latitude" is null or ("projects"."latitude" between -90 and 90 and "projects"."longitude" between -180 and 180)))
);
--> statement-breakpoint
ALTER TABLE "projects" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "spending_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"budget_line_id" uuid,
	"amount_minor" bigint NOT NULL,
	"spent_on" date NOT NULL,
	"payee" text NOT NULL,
	"category" text NOT NULL,
	"evidence_path" text,
	"reported_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spending_reports_amount" CHECK ("spending_reports"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "spending_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "project_budget_lines" ADD CONSTRAINT "project_budget_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_cofunders" ADD CONSTRAINT "project_cofunders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_followers" ADD CONSTRAINT "project_followers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_followers" ADD CONSTRAINT "project_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_updates" ADD CONSTRAINT "project_updates_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_budget_line_id_project_budget_lines_id_fk" FOREIGN KEY ("budget_line_id") REFERENCES "public"."project_budget_lines"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_budget_lines_project_idx" ON "project_budget_lines" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_cofunders_project_idx" ON "project_cofunders" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_followers_user_idx" ON "project_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "project_milestones_project_idx" ON "project_milestones" USING btree ("project_id","target_date");--> statement-breakpoint
CREATE INDEX "project_needs_project_idx" ON "project_needs" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_updates_project_idx" ON "project_updates" USING btree ("project_id","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_slug_unique" ON "projects" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "projects_lgu_idx" ON "projects" USING btree ("lgu_id","status");--> statement-breakpoint
CREATE INDEX "projects_public_idx" ON "projects" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "projects" USING gin ("search");--> statement-breakpoint
CREATE INDEX "projects_search_trgm_idx" ON "projects" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "spending_reports_project_idx" ON "spending_reports" USING btree ("project_id","spent_on");--> statement-breakpoint
CREATE POLICY "visible with the project" ON "project_budget_lines" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("project_budget_lines"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors add" ON "project_budget_lines" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.project_editable("project_budget_lines"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors change" ON "project_budget_lines" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.project_editable("project_budget_lines"."project_id")) WITH CHECK (app_private.project_editable("project_budget_lines"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors remove" ON "project_budget_lines" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.project_editable("project_budget_lines"."project_id"));--> statement-breakpoint
CREATE POLICY "visible with the project" ON "project_cofunders" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("project_cofunders"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors add" ON "project_cofunders" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.project_editable("project_cofunders"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors change" ON "project_cofunders" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.project_editable("project_cofunders"."project_id")) WITH CHECK (app_private.project_editable("project_cofunders"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors remove" ON "project_cofunders" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.project_editable("project_cofunders"."project_id"));--> statement-breakpoint
CREATE POLICY "followers see their own follows" ON "project_followers" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("project_followers"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members follow visible projects" ON "project_followers" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("project_followers"."user_id" = (select auth.uid()) and app_private.project_visible("project_followers"."project_id"));--> statement-breakpoint
CREATE POLICY "members unfollow" ON "project_followers" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("project_followers"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "visible with the project" ON "project_milestones" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("project_milestones"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors add" ON "project_milestones" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.project_editable("project_milestones"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors change" ON "project_milestones" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.project_editable("project_milestones"."project_id")) WITH CHECK (app_private.project_editable("project_milestones"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors remove" ON "project_milestones" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.project_editable("project_milestones"."project_id"));--> statement-breakpoint
CREATE POLICY "visible with the project" ON "project_needs" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("project_needs"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors add" ON "project_needs" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.project_editable("project_needs"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors change" ON "project_needs" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.project_editable("project_needs"."project_id")) WITH CHECK (app_private.project_editable("project_needs"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors remove" ON "project_needs" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.project_editable("project_needs"."project_id"));--> statement-breakpoint
CREATE POLICY "visible with the project" ON "project_updates" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("project_updates"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors add" ON "project_updates" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.project_editable("project_updates"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors change" ON "project_updates" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.project_editable("project_updates"."project_id")) WITH CHECK (app_private.project_editable("project_updates"."project_id"));--> statement-breakpoint
CREATE POLICY "project editors remove" ON "project_updates" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.project_editable("project_updates"."project_id"));--> statement-breakpoint
CREATE POLICY "published projects of verified lgus are public, staff see their own" ON "projects" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (("projects"."published_at" is not null and "projects"."status" not in ('draft', 'review') and app_private.lgu_may_raise_funds("projects"."lgu_id"))
        or app_private.has_lgu_role("projects"."lgu_id") or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "lgu editors create drafts" ON "projects" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("projects"."status" = 'draft' and "projects"."created_by" = (select auth.uid())
        and app_private.has_lgu_role("projects"."lgu_id", array['admin', 'editor']));--> statement-breakpoint
CREATE POLICY "lgu editors edit their projects" ON "projects" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("projects"."lgu_id", array['admin', 'editor'])) WITH CHECK (app_private.has_lgu_role("projects"."lgu_id", array['admin', 'editor']));--> statement-breakpoint
CREATE POLICY "lgu editors delete drafts" ON "projects" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("projects"."status" = 'draft' and app_private.has_lgu_role("projects"."lgu_id", array['admin', 'editor']));--> statement-breakpoint
CREATE POLICY "visible with the project" ON "spending_reports" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("spending_reports"."project_id"));--> statement-breakpoint
CREATE POLICY "treasurers report spending" ON "spending_reports" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.project_lgu_role("spending_reports"."project_id", array['admin', 'treasurer']) and "spending_reports"."reported_by" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "treasurers correct spending" ON "spending_reports" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.project_lgu_role("spending_reports"."project_id", array['admin', 'treasurer'])) WITH CHECK (app_private.project_lgu_role("spending_reports"."project_id", array['admin', 'treasurer']));