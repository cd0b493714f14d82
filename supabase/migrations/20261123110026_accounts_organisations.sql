CREATE TYPE "public"."association_level" AS ENUM('local', 'umbrella', 'federation');--> statement-breakpoint
CREATE TYPE "public"."invitation_status" AS ENUM('pending', 'accepted', 'declined', 'revoked');--> statement-breakpoint
CREATE TYPE "public"."lgu_role" AS ENUM('admin', 'editor', 'treasurer', 'permits_officer', 'investment_officer');--> statement-breakpoint
CREATE TYPE "public"."organisation_kind" AS ENUM('association', 'employer', 'cooperative', 'ngo');--> statement-breakpoint
CREATE TYPE "public"."organisation_role" AS ENUM('officer', 'member');--> statement-breakpoint
CREATE TYPE "public"."verification_request_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "platform_admins" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "platform_admins" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profile_hometowns" (
	"profile_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_hometowns_profile_id_place_id_pk" PRIMARY KEY("profile_id","place_id")
);
--> statement-breakpoint
ALTER TABLE "profile_hometowns" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profile_sensitive" (
	"profile_id" uuid PRIMARY KEY NOT NULL,
	"migration_status" text,
	"return_circumstances" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "profile_sensitive" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid,
	"lgu_role" "lgu_role",
	"organisation_id" uuid,
	"organisation_role" "organisation_role",
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" "invitation_status" DEFAULT 'pending' NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invitations_one_target" CHECK (("invitations"."lgu_id" is not null and "invitations"."lgu_role" is not null and "invitations"."organisation_id" is null and "invitations"."organisation_role" is null)
        or ("invitations"."organisation_id" is not null and "invitations"."organisation_role" is not null and "invitations"."lgu_id" is null and "invitations"."lgu_role" is null)),
	CONSTRAINT "invitations_email_lowercase" CHECK ("invitations"."email" = lower("invitations"."email") and "invitations"."email" like '%_@_%')
);
--> statement-breakpoint
ALTER TABLE "invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "lgu_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "lgu_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgu_memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "organisation_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "organisation_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisation_memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"association_level" "association_level",
	"home_place_id" uuid,
	"city_abroad" text,
	"country_abroad" varchar(2),
	"contact_email" text,
	"website" text,
	"verification_status" "verification_status" DEFAULT 'unverified' NOT NULL,
	"verified_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_format" CHECK ("organisations"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "organisations_name_length" CHECK (char_length("organisations"."name") between 2 and 160),
	CONSTRAINT "organisations_level_for_associations" CHECK (("organisations"."kind" = 'association') = ("organisations"."association_level" is not null)),
	CONSTRAINT "organisations_country_abroad_iso" CHECK ("organisations"."country_abroad" is null or "organisations"."country_abroad" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organisations_verified_has_date" CHECK (("organisations"."verification_status" = 'verified') = ("organisations"."verified_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "organisations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "verification_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid,
	"organisation_id" uuid,
	"submitted_by" uuid,
	"note" text,
	"evidence_path" text NOT NULL,
	"evidence_filename" text NOT NULL,
	"evidence_content_type" text NOT NULL,
	"evidence_size" integer NOT NULL,
	"status" "verification_request_status" DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verification_requests_one_target" CHECK (("verification_requests"."lgu_id" is null) <> ("verification_requests"."organisation_id" is null)),
	CONSTRAINT "verification_requests_evidence_size" CHECK ("verification_requests"."evidence_size" between 1 and 10485760),
	CONSTRAINT "verification_requests_rejection_has_reason" CHECK ("verification_requests"."status" <> 'rejected' or char_length(coalesce("verification_requests"."decision_reason", '')) >= 3),
	CONSTRAINT "verification_requests_decided" CHECK (("verification_requests"."status" = 'pending') = ("verification_requests"."decided_at" is null))
);
--> statement-breakpoint
ALTER TABLE "verification_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"lgu_id" uuid,
	"organisation_id" uuid,
	"subject_table" text NOT NULL,
	"subject_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"body_html" text,
	"template" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hits" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rate_limits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lgus" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "languages" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "sectors" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "willingness" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "years_abroad" smallint;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "countries_worked" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "occupation" text;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "certificates" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "basics_visibility" "profile_visibility" DEFAULT 'private' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "engagement_visibility" "profile_visibility" DEFAULT 'private' NOT NULL;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "returnee_visibility" "profile_visibility" DEFAULT 'private' NOT NULL;--> statement-breakpoint
ALTER TABLE "platform_admins" ADD CONSTRAINT "platform_admins_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_hometowns" ADD CONSTRAINT "profile_hometowns_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_hometowns" ADD CONSTRAINT "profile_hometowns_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profile_sensitive" ADD CONSTRAINT "profile_sensitive_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgu_memberships" ADD CONSTRAINT "lgu_memberships_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgu_memberships" ADD CONSTRAINT "lgu_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_memberships" ADD CONSTRAINT "organisation_memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_memberships" ADD CONSTRAINT "organisation_memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_home_place_id_places_id_fk" FOREIGN KEY ("home_place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_requests" ADD CONSTRAINT "verification_requests_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_requests" ADD CONSTRAINT "verification_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_requests" ADD CONSTRAINT "verification_requests_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_requests" ADD CONSTRAINT "verification_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "profile_hometowns_place_idx" ON "profile_hometowns" USING btree ("place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_token_hash_unique" ON "invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "invitations_email_idx" ON "invitations" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "lgu_memberships_unique" ON "lgu_memberships" USING btree ("lgu_id","user_id","role");--> statement-breakpoint
CREATE INDEX "lgu_memberships_user_idx" ON "lgu_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_memberships_unique" ON "organisation_memberships" USING btree ("organisation_id","user_id");--> statement-breakpoint
CREATE INDEX "organisation_memberships_user_idx" ON "organisation_memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_unique" ON "organisations" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "organisations_home_place_idx" ON "organisations" USING btree ("home_place_id");--> statement-breakpoint
CREATE INDEX "verification_requests_lgu_idx" ON "verification_requests" USING btree ("lgu_id");--> statement-breakpoint
CREATE INDEX "verification_requests_organisation_idx" ON "verification_requests" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "verification_requests_pending_idx" ON "verification_requests" USING btree ("created_at") WHERE "verification_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "verification_requests_one_pending_lgu" ON "verification_requests" USING btree ("lgu_id") WHERE "verification_requests"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "verification_requests_one_pending_organisation" ON "verification_requests" USING btree ("organisation_id") WHERE "verification_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "audit_log_lgu_idx" ON "audit_log" USING btree ("lgu_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_organisation_idx" ON "audit_log" USING btree ("organisation_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_occurred_idx" ON "audit_log" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "email_outbox_to_idx" ON "email_outbox" USING btree ("to_address","created_at");--> statement-breakpoint
ALTER TABLE "lgus" ADD CONSTRAINT "lgus_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_years_abroad_range" CHECK ("profiles"."years_abroad" is null or "profiles"."years_abroad" between 0 and 80);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_willingness_values" CHECK ("profiles"."willingness" <@ array['donate','invest','volunteer','mentor','return']::text[]);--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_countries_worked_iso" CHECK (array_to_string("profiles"."countries_worked", ',') ~ '^([A-Z]{2}(,[A-Z]{2})*)?$');--> statement-breakpoint
CREATE POLICY "staff and platform admins see their lgus" ON "lgus" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("lgus"."id") or app_private.is_platform_admin() or "lgus"."created_by" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members register lgus" ON "lgus" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("lgus"."created_by" = (select auth.uid()) and "lgus"."verification_status" = 'unverified');--> statement-breakpoint
CREATE POLICY "lgu admins update their lgu" ON "lgus" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("lgus"."id", array['admin'])) WITH CHECK (app_private.has_lgu_role("lgus"."id", array['admin']));--> statement-breakpoint
CREATE POLICY "admins and the person themself read platform admins" ON "platform_admins" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("platform_admins"."user_id" = (select auth.uid()) or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "members read their own hometowns" ON "profile_hometowns" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("profile_hometowns"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members add their own hometowns" ON "profile_hometowns" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("profile_hometowns"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members remove their own hometowns" ON "profile_hometowns" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("profile_hometowns"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members read their own sensitive details" ON "profile_sensitive" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("profile_sensitive"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members add their own sensitive details" ON "profile_sensitive" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("profile_sensitive"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members update their own sensitive details" ON "profile_sensitive" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("profile_sensitive"."profile_id" = (select auth.uid())) WITH CHECK ("profile_sensitive"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members delete their own sensitive details" ON "profile_sensitive" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("profile_sensitive"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "inviters and invitees see invitations" ON "invitations" AS PERMISSIVE FOR SELECT TO "authenticated" USING (("invitations"."lgu_id" is not null and app_private.has_lgu_role("invitations"."lgu_id", array['admin']))
        or ("invitations"."organisation_id" is not null and app_private.has_organisation_role("invitations"."organisation_id", array['officer']))
        or app_private.is_platform_admin()
        or "invitations"."email" = lower((select auth.jwt()) ->> 'email'));--> statement-breakpoint
CREATE POLICY "lgu admins and officers invite" ON "invitations" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("invitations"."invited_by" = (select auth.uid()) and "invitations"."status" = 'pending'
        and (("invitations"."lgu_id" is not null and app_private.has_lgu_role("invitations"."lgu_id", array['admin']))
          or ("invitations"."organisation_id" is not null and app_private.has_organisation_role("invitations"."organisation_id", array['officer']))));--> statement-breakpoint
CREATE POLICY "lgu admins and officers revoke" ON "invitations" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (("invitations"."lgu_id" is not null and app_private.has_lgu_role("invitations"."lgu_id", array['admin']))
        or ("invitations"."organisation_id" is not null and app_private.has_organisation_role("invitations"."organisation_id", array['officer']))) WITH CHECK ("invitations"."status" in ('pending', 'revoked')
        and (("invitations"."lgu_id" is not null and app_private.has_lgu_role("invitations"."lgu_id", array['admin']))
          or ("invitations"."organisation_id" is not null and app_private.has_organisation_role("invitations"."organisation_id", array['officer']))));--> statement-breakpoint
CREATE POLICY "staff see their colleagues, members see their own roles" ON "lgu_memberships" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("lgu_memberships"."user_id" = (select auth.uid()) or app_private.has_lgu_role("lgu_memberships"."lgu_id") or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "lgu admins grant roles" ON "lgu_memberships" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("lgu_memberships"."lgu_id", array['admin']) or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "lgu admins remove roles, staff leave" ON "lgu_memberships" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.has_lgu_role("lgu_memberships"."lgu_id", array['admin']) or app_private.is_platform_admin() or "lgu_memberships"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members see their organisation's members" ON "organisation_memberships" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("organisation_memberships"."user_id" = (select auth.uid()) or app_private.has_organisation_role("organisation_memberships"."organisation_id") or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "officers add members" ON "organisation_memberships" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_organisation_role("organisation_memberships"."organisation_id", array['officer']) or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "officers change roles" ON "organisation_memberships" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_organisation_role("organisation_memberships"."organisation_id", array['officer']) or app_private.is_platform_admin()) WITH CHECK (app_private.has_organisation_role("organisation_memberships"."organisation_id", array['officer']) or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "officers remove members, members leave" ON "organisation_memberships" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.has_organisation_role("organisation_memberships"."organisation_id", array['officer']) or app_private.is_platform_admin() or "organisation_memberships"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "verified organisations are public" ON "organisations" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("organisations"."verification_status" = 'verified');--> statement-breakpoint
CREATE POLICY "members and platform admins see their organisations" ON "organisations" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_organisation_role("organisations"."id") or app_private.is_platform_admin() or "organisations"."created_by" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members create organisations" ON "organisations" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("organisations"."created_by" = (select auth.uid()) and "organisations"."verification_status" = 'unverified');--> statement-breakpoint
CREATE POLICY "officers update their organisation" ON "organisations" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_organisation_role("organisations"."id", array['officer'])) WITH CHECK (app_private.has_organisation_role("organisations"."id", array['officer']));--> statement-breakpoint
CREATE POLICY "applicants and platform admins see requests" ON "verification_requests" AS PERMISSIVE FOR SELECT TO "authenticated" USING (("verification_requests"."lgu_id" is not null and app_private.has_lgu_role("verification_requests"."lgu_id", array['admin']))
        or ("verification_requests"."organisation_id" is not null and app_private.has_organisation_role("verification_requests"."organisation_id", array['officer']))
        or app_private.is_platform_admin());--> statement-breakpoint
CREATE POLICY "lgu admins and officers apply" ON "verification_requests" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("verification_requests"."submitted_by" = (select auth.uid()) and "verification_requests"."status" = 'pending' and "verification_requests"."decided_by" is null
        and (("verification_requests"."lgu_id" is not null and app_private.has_lgu_role("verification_requests"."lgu_id", array['admin']))
          or ("verification_requests"."organisation_id" is not null and app_private.has_organisation_role("verification_requests"."organisation_id", array['officer']))));--> statement-breakpoint
CREATE POLICY "platform admins decide" ON "verification_requests" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.is_platform_admin()) WITH CHECK (app_private.is_platform_admin() and "verification_requests"."decided_by" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "admins read the audit log" ON "audit_log" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.is_platform_admin()
        or ("audit_log"."lgu_id" is not null and app_private.has_lgu_role("audit_log"."lgu_id", array['admin']))
        or ("audit_log"."organisation_id" is not null and app_private.has_organisation_role("audit_log"."organisation_id", array['officer'])));--> statement-breakpoint
CREATE POLICY "server only" ON "email_outbox" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "server only" ON "rate_limits" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);