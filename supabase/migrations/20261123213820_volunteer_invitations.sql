CREATE TABLE "volunteer_invitations" (
	"need_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_invitations_need_id_profile_id_pk" PRIMARY KEY("need_id","profile_id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_invitations" ADD CONSTRAINT "volunteer_invitations_need_id_project_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."project_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_invitations" ADD CONSTRAINT "volunteer_invitations_profile_id_users_id_fk" FOREIGN KEY ("profile_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_invitations" ADD CONSTRAINT "volunteer_invitations_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_invitations" ADD CONSTRAINT "volunteer_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_invitations_lgu_idx" ON "volunteer_invitations" USING btree ("lgu_id","created_at");--> statement-breakpoint
CREATE POLICY "the invited person and the lgu's editors see it" ON "volunteer_invitations" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("volunteer_invitations"."profile_id" = (select auth.uid()) or app_private.has_lgu_role("volunteer_invitations"."lgu_id", array['admin', 'editor']) or (select app_private.is_platform_admin()));