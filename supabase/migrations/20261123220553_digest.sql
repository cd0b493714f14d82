CREATE TYPE "public"."digest_run_status" AS ENUM('running', 'done');--> statement-breakpoint
CREATE TYPE "public"."digest_topic" AS ENUM('followed_updates', 'skill_needs', 'jobs', 'opportunities');--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"run_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"items" integer NOT NULL,
	"topics" text[] NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_deliveries_run_id_profile_id_pk" PRIMARY KEY("run_id","profile_id")
);
--> statement-breakpoint
ALTER TABLE "digest_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "digest_link_keys" (
	"profile_id" uuid PRIMARY KEY NOT NULL,
	"key" text DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "digest_link_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "digest_opt_outs" (
	"profile_id" uuid NOT NULL,
	"topic" "digest_topic" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_opt_outs_profile_id_topic_pk" PRIMARY KEY("profile_id","topic")
);
--> statement-breakpoint
ALTER TABLE "digest_opt_outs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "digest_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"cursor" uuid,
	"status" "digest_run_status" DEFAULT 'running' NOT NULL,
	"batches" integer DEFAULT 0 NOT NULL,
	"members_seen" integer DEFAULT 0 NOT NULL,
	"emails_sent" integer DEFAULT 0 NOT NULL,
	"items_sent" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "digest_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "headers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "project_needs" ADD COLUMN "opened_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_run_id_digest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."digest_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_deliveries" ADD CONSTRAINT "digest_deliveries_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_link_keys" ADD CONSTRAINT "digest_link_keys_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_opt_outs" ADD CONSTRAINT "digest_opt_outs_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "digest_deliveries_profile_idx" ON "digest_deliveries" USING btree ("profile_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_runs_period_unique" ON "digest_runs" USING btree ("period");--> statement-breakpoint
CREATE INDEX "digest_runs_status_idx" ON "digest_runs" USING btree ("status","window_end");--> statement-breakpoint
CREATE POLICY "server only" ON "digest_deliveries" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "server only" ON "digest_link_keys" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "members read their own digest choices" ON "digest_opt_outs" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("digest_opt_outs"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members opt out for themselves" ON "digest_opt_outs" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("digest_opt_outs"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members opt back in" ON "digest_opt_outs" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("digest_opt_outs"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "server only" ON "digest_runs" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);