CREATE TYPE "public"."work_mode" AS ENUM('remote', 'on_site', 'either');--> statement-breakpoint
CREATE TYPE "public"."testimonial_side" AS ENUM('volunteer', 'lgu');--> statement-breakpoint
CREATE TYPE "public"."volunteer_offer_status" AS ENUM('offered', 'accepted', 'declined', 'withdrawn', 'done');--> statement-breakpoint
CREATE TABLE "volunteer_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"need_id" uuid,
	"project_id" uuid,
	"volunteer_id" uuid,
	"skill" text NOT NULL,
	"mode" "work_mode" NOT NULL,
	"available_from" date,
	"available_until" date,
	"message" text NOT NULL,
	"status" "volunteer_offer_status" DEFAULT 'offered' NOT NULL,
	"scheduled_from" date,
	"scheduled_until" date,
	"lgu_note" text,
	"hours" numeric(6, 1),
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_offers_message" CHECK (length("volunteer_offers"."message") between 10 and 1000),
	CONSTRAINT "volunteer_offers_availability" CHECK ("volunteer_offers"."available_until" is null or ("volunteer_offers"."available_from" is not null and "volunteer_offers"."available_until" >= "volunteer_offers"."available_from")),
	CONSTRAINT "volunteer_offers_schedule" CHECK (("volunteer_offers"."scheduled_from" is null) = ("volunteer_offers"."scheduled_until" is null) and ("volunteer_offers"."scheduled_until" is null or "volunteer_offers"."scheduled_until" >= "volunteer_offers"."scheduled_from")),
	CONSTRAINT "volunteer_offers_accepted_scheduled" CHECK ("volunteer_offers"."status" not in ('accepted', 'done') or "volunteer_offers"."scheduled_from" is not null),
	CONSTRAINT "volunteer_offers_hours" CHECK (("volunteer_offers"."status" = 'done') = ("volunteer_offers"."hours" is not null) and ("volunteer_offers"."hours" is null or ("volunteer_offers"."hours" > 0 and "volunteer_offers"."hours" <= 2000))),
	CONSTRAINT "volunteer_offers_note" CHECK ("volunteer_offers"."lgu_note" is null or length("volunteer_offers"."lgu_note") <= 1000),
	CONSTRAINT "volunteer_offers_need_has_project" CHECK ("volunteer_offers"."need_id" is null or "volunteer_offers"."project_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "volunteer_offers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "volunteer_testimonials" (
	"offer_id" uuid NOT NULL,
	"side" "testimonial_side" NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_testimonials_offer_id_side_pk" PRIMARY KEY("offer_id","side"),
	CONSTRAINT "volunteer_testimonials_body" CHECK (length("volunteer_testimonials"."body") between 3 and 500)
);
--> statement-breakpoint
ALTER TABLE "volunteer_testimonials" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "project_needs" ADD COLUMN "mode" "work_mode";--> statement-breakpoint
ALTER TABLE "project_needs" ADD COLUMN "starts_on" date;--> statement-breakpoint
ALTER TABLE "project_needs" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "project_needs" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "project_needs" ADD COLUMN "expert_mission" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "project_needs" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_offers" ADD CONSTRAINT "volunteer_offers_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_offers" ADD CONSTRAINT "volunteer_offers_need_id_project_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."project_needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_offers" ADD CONSTRAINT "volunteer_offers_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_offers" ADD CONSTRAINT "volunteer_offers_volunteer_id_users_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_offers" ADD CONSTRAINT "volunteer_offers_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_testimonials" ADD CONSTRAINT "volunteer_testimonials_offer_id_volunteer_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."volunteer_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_testimonials" ADD CONSTRAINT "volunteer_testimonials_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_offers_lgu_idx" ON "volunteer_offers" USING btree ("lgu_id","status","created_at");--> statement-breakpoint
CREATE INDEX "volunteer_offers_volunteer_idx" ON "volunteer_offers" USING btree ("volunteer_id","created_at");--> statement-breakpoint
CREATE INDEX "volunteer_offers_project_idx" ON "volunteer_offers" USING btree ("project_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_offers_one_live_per_need" ON "volunteer_offers" USING btree ("volunteer_id","need_id") WHERE "volunteer_offers"."need_id" is not null and "volunteer_offers"."status" in ('offered', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_offers_one_live_general" ON "volunteer_offers" USING btree ("volunteer_id","lgu_id","skill") WHERE "volunteer_offers"."need_id" is null and "volunteer_offers"."status" in ('offered', 'accepted');--> statement-breakpoint
CREATE INDEX "project_needs_open_skill_idx" ON "project_needs" USING btree ("skill") WHERE "project_needs"."kind" = 'skill' and "project_needs"."closed_at" is null;--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_skill_people" CHECK ("project_needs"."kind" <> 'skill' or "project_needs"."quantity" is not null);--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_dates" CHECK ("project_needs"."ends_on" is null or ("project_needs"."starts_on" is not null and "project_needs"."ends_on" >= "project_needs"."starts_on"));--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_volunteering_fields" CHECK ("project_needs"."kind" = 'skill' or ("project_needs"."mode" is null and "project_needs"."starts_on" is null and "project_needs"."ends_on" is null and "project_needs"."language" is null and not "project_needs"."expert_mission"));--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_expert_mission" CHECK (not "project_needs"."expert_mission" or ("project_needs"."starts_on" is not null and "project_needs"."ends_on" is not null and "project_needs"."ends_on" - "project_needs"."starts_on" < 92));--> statement-breakpoint
ALTER TABLE "project_needs" ADD CONSTRAINT "project_needs_language" CHECK ("project_needs"."language" is null or "project_needs"."language" ~ '^[a-z]{2,3}$');--> statement-breakpoint
CREATE POLICY "the volunteer and the lgu's editors see it" ON "volunteer_offers" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("volunteer_offers"."volunteer_id" = (select auth.uid()) or app_private.has_lgu_role("volunteer_offers"."lgu_id", array['admin', 'editor']) or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "public once the work is done" ON "volunteer_testimonials" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (app_private.volunteer_offer_public("volunteer_testimonials"."offer_id"));