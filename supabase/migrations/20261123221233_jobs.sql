CREATE TYPE "public"."certificate_recognition" AS ENUM('recognised', 'in_progress', 'not_recognised', 'not_assessed');--> statement-breakpoint
CREATE TYPE "public"."employment_type" AS ENUM('full_time', 'part_time', 'contract', 'temporary', 'seasonal', 'apprenticeship');--> statement-breakpoint
CREATE TYPE "public"."job_application_status" AS ENUM('new', 'shortlisted', 'interview', 'offer', 'hired', 'not_selected');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TABLE "job_application_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_application_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"lgu_id" uuid,
	"organisation_id" uuid,
	"from_status" "job_application_status",
	"to_status" "job_application_status" NOT NULL,
	"actor_id" uuid,
	"note" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "job_application_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "job_application_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"lgu_id" uuid,
	"organisation_id" uuid,
	"sender_id" uuid,
	"body" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_application_messages_body" CHECK (char_length("job_application_messages"."body") between 2 and 5000)
);
--> statement-breakpoint
ALTER TABLE "job_application_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "job_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"lgu_id" uuid,
	"organisation_id" uuid,
	"applicant_name" text NOT NULL,
	"cover_note" text DEFAULT '' NOT NULL,
	"shared" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"has_recognised_certificate" boolean DEFAULT false NOT NULL,
	"cv_storage_key" text NOT NULL,
	"cv_file_name" text NOT NULL,
	"cv_content_type" text NOT NULL,
	"cv_size_bytes" integer NOT NULL,
	"cv_generated" boolean DEFAULT false NOT NULL,
	"status" "job_application_status" DEFAULT 'new' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_applications_cover_note" CHECK (char_length("job_applications"."cover_note") <= 5000),
	CONSTRAINT "job_applications_name" CHECK (char_length("job_applications"."applicant_name") between 1 and 120),
	CONSTRAINT "job_applications_cv_type" CHECK ("job_applications"."cv_content_type" in ('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')),
	CONSTRAINT "job_applications_cv_size" CHECK ("job_applications"."cv_size_bytes" between 1 and 5242880),
	CONSTRAINT "job_applications_cv_key_format" CHECK ("job_applications"."cv_storage_key" like 'job-applications/' || "job_applications"."applicant_id"::text || '/%')
);
--> statement-breakpoint
ALTER TABLE "job_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "job_saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"alerts" boolean DEFAULT true NOT NULL,
	"alerted_until" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_saved_searches_name" CHECK (char_length("job_saved_searches"."name") between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "job_saved_searches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid,
	"organisation_id" uuid,
	"title" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"sector" text NOT NULL,
	"occupation_code" varchar(2) NOT NULL,
	"skills_required" text[] DEFAULT '{}'::text[] NOT NULL,
	"skills_preferred" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"place_id" uuid,
	"place_path" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"remote" boolean DEFAULT false NOT NULL,
	"employment_type" "employment_type" NOT NULL,
	"salary_min_minor" bigint,
	"salary_max_minor" bigint,
	"salary_currency" varchar(3),
	"openings" integer DEFAULT 1 NOT NULL,
	"closes_on" date NOT NULL,
	"status" "job_status" DEFAULT 'open' NOT NULL,
	"posted_by" uuid,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobs_one_poster" CHECK (("jobs"."lgu_id" is null) <> ("jobs"."organisation_id" is null)),
	CONSTRAINT "jobs_occupation_code" CHECK ("jobs"."occupation_code" ~ '^[0-9]{2}$'),
	CONSTRAINT "jobs_sector_code" CHECK ("jobs"."sector" ~ '^[A-U]$'),
	CONSTRAINT "jobs_place_or_remote" CHECK ("jobs"."place_id" is not null or "jobs"."remote"),
	CONSTRAINT "jobs_openings" CHECK ("jobs"."openings" between 1 and 10000),
	CONSTRAINT "jobs_salary_positive" CHECK (coalesce("jobs"."salary_min_minor", 0) >= 0 and coalesce("jobs"."salary_max_minor", 0) >= 0),
	CONSTRAINT "jobs_salary_range" CHECK ("jobs"."salary_min_minor" is null or "jobs"."salary_max_minor" is null or "jobs"."salary_min_minor" <= "jobs"."salary_max_minor"),
	CONSTRAINT "jobs_salary_currency" CHECK (("jobs"."salary_currency" is null) = ("jobs"."salary_min_minor" is null and "jobs"."salary_max_minor" is null) and ("jobs"."salary_currency" is null or "jobs"."salary_currency" ~ '^[A-Z]{3}$')),
	CONSTRAINT "jobs_skill_counts" CHECK (cardinality("jobs"."skills_required") <= 20 and cardinality("jobs"."skills_preferred") <= 20 and cardinality("jobs"."languages") <= 15),
	CONSTRAINT "jobs_closed_has_date" CHECK (("jobs"."status" = 'closed') = ("jobs"."closed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "jobseeker_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"profile_id" uuid NOT NULL,
	"title" text NOT NULL,
	"issuer" text DEFAULT '' NOT NULL,
	"country_code" varchar(2),
	"year" smallint,
	"recognition" "certificate_recognition" DEFAULT 'not_assessed' NOT NULL,
	"local_equivalent" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobseeker_certificates_title" CHECK (char_length("jobseeker_certificates"."title") between 2 and 200),
	CONSTRAINT "jobseeker_certificates_texts" CHECK (char_length("jobseeker_certificates"."issuer") <= 200 and char_length("jobseeker_certificates"."local_equivalent") <= 200),
	CONSTRAINT "jobseeker_certificates_country" CHECK ("jobseeker_certificates"."country_code" is null or "jobseeker_certificates"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "jobseeker_certificates_year" CHECK ("jobseeker_certificates"."year" is null or "jobseeker_certificates"."year" between 1950 and 2100)
);
--> statement-breakpoint
ALTER TABLE "jobseeker_certificates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "jobseeker_profiles" (
	"profile_id" uuid PRIMARY KEY NOT NULL,
	"occupation_code" varchar(2),
	"preferred_place_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"open_to_remote" boolean DEFAULT false NOT NULL,
	"experience" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "jobseeker_profiles_occupation" CHECK ("jobseeker_profiles"."occupation_code" is null or "jobseeker_profiles"."occupation_code" ~ '^[0-9]{2}$'),
	CONSTRAINT "jobseeker_profiles_counts" CHECK (cardinality("jobseeker_profiles"."preferred_place_ids") <= 10),
	CONSTRAINT "jobseeker_profiles_experience" CHECK (char_length("jobseeker_profiles"."experience") <= 5000)
);
--> statement-breakpoint
ALTER TABLE "jobseeker_profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "job_application_events" ADD CONSTRAINT "job_application_events_application_id_job_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."job_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_application_events" ADD CONSTRAINT "job_application_events_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_application_events" ADD CONSTRAINT "job_application_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_application_events" ADD CONSTRAINT "job_application_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_application_messages" ADD CONSTRAINT "job_application_messages_application_id_job_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."job_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_application_messages" ADD CONSTRAINT "job_application_messages_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_application_messages" ADD CONSTRAINT "job_application_messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_application_messages" ADD CONSTRAINT "job_application_messages_sender_id_users_id_fk" FOREIGN KEY ("sender_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_applications" ADD CONSTRAINT "job_applications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_saved_searches" ADD CONSTRAINT "job_saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_posted_by_users_id_fk" FOREIGN KEY ("posted_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobseeker_certificates" ADD CONSTRAINT "jobseeker_certificates_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobseeker_profiles" ADD CONSTRAINT "jobseeker_profiles_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "job_application_events_application_idx" ON "job_application_events" USING btree ("application_id","occurred_at");--> statement-breakpoint
CREATE INDEX "job_application_messages_application_idx" ON "job_application_messages" USING btree ("application_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_applications_once" ON "job_applications" USING btree ("job_id","applicant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "job_applications_cv_key" ON "job_applications" USING btree ("cv_storage_key");--> statement-breakpoint
CREATE INDEX "job_applications_job_idx" ON "job_applications" USING btree ("job_id","status","created_at");--> statement-breakpoint
CREATE INDEX "job_applications_applicant_idx" ON "job_applications" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE INDEX "job_saved_searches_user_idx" ON "job_saved_searches" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "job_saved_searches_alerts_idx" ON "job_saved_searches" USING btree ("alerted_until") WHERE "job_saved_searches"."alerts";--> statement-breakpoint
CREATE INDEX "jobs_lgu_idx" ON "jobs" USING btree ("lgu_id","published_at");--> statement-breakpoint
CREATE INDEX "jobs_organisation_idx" ON "jobs" USING btree ("organisation_id","published_at");--> statement-breakpoint
CREATE INDEX "jobs_closing_idx" ON "jobs" USING btree ("closes_on") WHERE "jobs"."status" = 'open';--> statement-breakpoint
CREATE INDEX "jobseeker_certificates_profile_idx" ON "jobseeker_certificates" USING btree ("profile_id","created_at");--> statement-breakpoint
CREATE POLICY "the posting lgu or organisation sees the history" ON "job_application_events" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.is_job_staff("job_application_events"."lgu_id", "job_application_events"."organisation_id"));--> statement-breakpoint
CREATE POLICY "the applicant and the posting lgu or organisation read messages" ON "job_application_messages" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.job_applications a where a.id = "job_application_messages"."application_id" and a.applicant_id = (select auth.uid()))
        or app_private.is_job_staff("job_application_messages"."lgu_id", "job_application_messages"."organisation_id"));--> statement-breakpoint
CREATE POLICY "the applicant and the posting lgu or organisation see it" ON "job_applications" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("job_applications"."applicant_id" = (select auth.uid()) or app_private.is_job_staff("job_applications"."lgu_id", "job_applications"."organisation_id"));--> statement-breakpoint
CREATE POLICY "a person applies for themself to an open job" ON "job_applications" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("job_applications"."applicant_id" = (select auth.uid()) and "job_applications"."status" = 'new');--> statement-breakpoint
CREATE POLICY "members read their saved searches" ON "job_saved_searches" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("job_saved_searches"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members save searches" ON "job_saved_searches" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("job_saved_searches"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members change their saved searches" ON "job_saved_searches" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("job_saved_searches"."user_id" = (select auth.uid())) WITH CHECK ("job_saved_searches"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members delete their saved searches" ON "job_saved_searches" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("job_saved_searches"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "open jobs of verified posters are public" ON "jobs" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("jobs"."status" = 'open' and "jobs"."closes_on" >= current_date
        and ("jobs"."lgu_id" in (select app_private.verified_lgu_ids()) or "jobs"."organisation_id" in (select app_private.verified_organisation_ids())));--> statement-breakpoint
CREATE POLICY "posters and applicants see their jobs" ON "jobs" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.is_job_staff("jobs"."lgu_id", "jobs"."organisation_id") or app_private.applied_to_job("jobs"."id"));--> statement-breakpoint
CREATE POLICY "job staff post jobs" ON "jobs" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("jobs"."posted_by" = (select auth.uid()) and app_private.is_job_staff("jobs"."lgu_id", "jobs"."organisation_id"));--> statement-breakpoint
CREATE POLICY "job staff change their jobs" ON "jobs" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.is_job_staff("jobs"."lgu_id", "jobs"."organisation_id")) WITH CHECK (app_private.is_job_staff("jobs"."lgu_id", "jobs"."organisation_id"));--> statement-breakpoint
CREATE POLICY "members read their own certificates" ON "jobseeker_certificates" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("jobseeker_certificates"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members add their own certificates" ON "jobseeker_certificates" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("jobseeker_certificates"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members change their own certificates" ON "jobseeker_certificates" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("jobseeker_certificates"."profile_id" = (select auth.uid())) WITH CHECK ("jobseeker_certificates"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members remove their own certificates" ON "jobseeker_certificates" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("jobseeker_certificates"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members read their own job profile" ON "jobseeker_profiles" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("jobseeker_profiles"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members create their own job profile" ON "jobseeker_profiles" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("jobseeker_profiles"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members update their own job profile" ON "jobseeker_profiles" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("jobseeker_profiles"."profile_id" = (select auth.uid())) WITH CHECK ("jobseeker_profiles"."profile_id" = (select auth.uid()));