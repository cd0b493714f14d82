CREATE TYPE "public"."contribution_channel" AS ENUM('card', 'sandbox', 'bank_transfer', 'remittance', 'cash');--> statement-breakpoint
CREATE TYPE "public"."contribution_event_type" AS ENUM('received', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."contribution_kind" AS ENUM('one_time', 'monthly', 'pledge');--> statement-breakpoint
CREATE TYPE "public"."contribution_status" AS ENUM('pending', 'confirmed', 'failed', 'lapsed', 'refunded');--> statement-breakpoint
CREATE TABLE "contribution_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contribution_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contribution_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"type" "contribution_event_type" NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"recorded_by" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contribution_events_amount_positive" CHECK ("contribution_events"."amount_minor" > 0),
	CONSTRAINT "contribution_events_source" CHECK ("contribution_events"."source" in ('stripe', 'sandbox', 'treasurer'))
);
--> statement-breakpoint
ALTER TABLE "contribution_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"donor_id" uuid,
	"kind" "contribution_kind" NOT NULL,
	"channel" "contribution_channel" NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"reference" text NOT NULL,
	"status" "contribution_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contributions_amount_positive" CHECK ("contributions"."amount_minor" > 0),
	CONSTRAINT "contributions_currency_iso" CHECK ("contributions"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "contributions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "project_funding" (
	"project_id" uuid PRIMARY KEY NOT NULL,
	"received_minor" bigint DEFAULT 0 NOT NULL,
	"refunded_minor" bigint DEFAULT 0 NOT NULL,
	"raised_minor" bigint GENERATED ALWAYS AS (received_minor - refunded_minor) STORED NOT NULL,
	"gifts" integer DEFAULT 0 NOT NULL,
	"funded_basis_points" integer DEFAULT 0 NOT NULL,
	"fundraising" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_funding_amounts" CHECK ("project_funding"."received_minor" >= 0 and "project_funding"."refunded_minor" between 0 and "project_funding"."received_minor" and "project_funding"."gifts" >= 0)
);
--> statement-breakpoint
ALTER TABLE "project_funding" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contribution_events" ADD CONSTRAINT "contribution_events_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_events" ADD CONSTRAINT "contribution_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contribution_events" ADD CONSTRAINT "contribution_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_donor_id_users_id_fk" FOREIGN KEY ("donor_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_funding" ADD CONSTRAINT "project_funding_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contribution_events_external_unique" ON "contribution_events" USING btree ("source","external_id");--> statement-breakpoint
CREATE INDEX "contribution_events_contribution_idx" ON "contribution_events" USING btree ("contribution_id");--> statement-breakpoint
CREATE INDEX "contribution_events_project_idx" ON "contribution_events" USING btree ("project_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_reference_unique" ON "contributions" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "contributions_project_idx" ON "contributions" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "contributions_donor_idx" ON "contributions" USING btree ("donor_id","created_at");--> statement-breakpoint
CREATE INDEX "project_funding_most_idx" ON "project_funding" USING btree ("funded_basis_points" DESC NULLS LAST,"project_id");--> statement-breakpoint
CREATE INDEX "project_funding_nearest_idx" ON "project_funding" USING btree ("funded_basis_points" DESC NULLS LAST,"project_id") WHERE "project_funding"."fundraising" and "project_funding"."funded_basis_points" < 10000;--> statement-breakpoint
CREATE POLICY "donors and the project's treasurers see the movements" ON "contribution_events" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.contributions c where c.id = "contribution_events"."contribution_id" and (c.donor_id = (select auth.uid()) or app_private.project_lgu_role(c.project_id, array['admin', 'treasurer']) or (select app_private.is_platform_admin()))));--> statement-breakpoint
CREATE POLICY "donors and the project's treasurers see contributions" ON "contributions" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("contributions"."donor_id" = (select auth.uid()) or app_private.project_lgu_role("contributions"."project_id", array['admin', 'treasurer']) or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "visible with the project" ON "project_funding" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.project_visible("project_funding"."project_id"));