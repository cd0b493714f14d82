ALTER TABLE "spending_reports" DROP CONSTRAINT "spending_reports_project_id_projects_id_fk";
--> statement-breakpoint
ALTER TABLE "spending_reports" ADD CONSTRAINT "spending_reports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER POLICY "followers see their own follows" ON "project_followers" TO authenticated USING ("project_followers"."user_id" = (select auth.uid()) and app_private.project_visible("project_followers"."project_id"));