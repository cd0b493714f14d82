CREATE TYPE "public"."return_service_eligibility" AS ENUM('everyone', 'returnees', 'migrant_workers_and_families');--> statement-breakpoint
CREATE TYPE "public"."return_service_kind" AS ENUM('migrant_resource_centre', 'one_stop_shop', 'training_centre', 'certification_body', 'credit_business_support', 'psychosocial_support');--> statement-breakpoint
CREATE TYPE "public"."return_topic" AS ENUM('rights', 'institutions', 'steps', 'labour', 'investment', 'training', 'certification', 'families');--> statement-breakpoint
CREATE TABLE "return_checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"checklist_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"own" boolean DEFAULT false NOT NULL,
	"note" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_checklist_items_label" CHECK (char_length("return_checklist_items"."label") between 1 and 500),
	CONSTRAINT "return_checklist_items_note" CHECK ("return_checklist_items"."note" is null or char_length("return_checklist_items"."note") <= 2000)
);
--> statement-breakpoint
ALTER TABLE "return_checklist_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "return_checklists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"source_topic_id" uuid,
	"lgu_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "return_checklists" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "return_guide_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid,
	"topic" "return_topic" NOT NULL,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"source_language" text DEFAULT 'en' NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"updated_by" uuid,
	"review_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_guide_topics_source_language" CHECK ("return_guide_topics"."source_language" in ('en', 'fil', 'es', 'fr', 'ar')),
	CONSTRAINT "return_guide_topics_body_object" CHECK (jsonb_typeof("return_guide_topics"."body") = 'object' and octet_length("return_guide_topics"."body"::text) <= 200000)
);
--> statement-breakpoint
ALTER TABLE "return_guide_topics" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "return_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid,
	"kind" "return_service_kind" NOT NULL,
	"name" text NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"place_id" uuid NOT NULL,
	"address" text NOT NULL,
	"phone" text,
	"email" text,
	"website" text,
	"opening_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"eligibility" "return_service_eligibility" DEFAULT 'everyone' NOT NULL,
	"eligibility_note" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "return_services_name" CHECK (char_length("return_services"."name") between 2 and 200),
	CONSTRAINT "return_services_address" CHECK (char_length("return_services"."address") between 2 and 500),
	CONSTRAINT "return_services_phone" CHECK ("return_services"."phone" is null or "return_services"."phone" ~ '^[+0-9 ()/-]{5,40}$'),
	CONSTRAINT "return_services_email" CHECK ("return_services"."email" is null or "return_services"."email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
	CONSTRAINT "return_services_website" CHECK ("return_services"."website" is null or "return_services"."website" ~ '^https?://'),
	CONSTRAINT "return_services_languages" CHECK (array_to_string("return_services"."languages", ',') ~ '^([a-z]{2,3}(,[a-z]{2,3})*)?$' and cardinality("return_services"."languages") <= 12)
);
--> statement-breakpoint
ALTER TABLE "return_services" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "return_checklist_items" ADD CONSTRAINT "return_checklist_items_checklist_id_return_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."return_checklists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_checklists" ADD CONSTRAINT "return_checklists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_checklists" ADD CONSTRAINT "return_checklists_source_topic_id_return_guide_topics_id_fk" FOREIGN KEY ("source_topic_id") REFERENCES "public"."return_guide_topics"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_checklists" ADD CONSTRAINT "return_checklists_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_guide_topics" ADD CONSTRAINT "return_guide_topics_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_guide_topics" ADD CONSTRAINT "return_guide_topics_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_guide_topics" ADD CONSTRAINT "return_guide_topics_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_services" ADD CONSTRAINT "return_services_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_services" ADD CONSTRAINT "return_services_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "return_services" ADD CONSTRAINT "return_services_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "return_checklist_items_checklist_idx" ON "return_checklist_items" USING btree ("checklist_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "return_checklists_user_topic_unique" ON "return_checklists" USING btree ("user_id","source_topic_id");--> statement-breakpoint
CREATE UNIQUE INDEX "return_guide_topics_national_unique" ON "return_guide_topics" USING btree ("topic") WHERE "return_guide_topics"."lgu_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "return_guide_topics_lgu_unique" ON "return_guide_topics" USING btree ("lgu_id","topic") WHERE "return_guide_topics"."lgu_id" is not null;--> statement-breakpoint
CREATE INDEX "return_services_lgu_idx" ON "return_services" USING btree ("lgu_id","name");--> statement-breakpoint
CREATE INDEX "return_services_place_idx" ON "return_services" USING btree ("place_id");--> statement-breakpoint
CREATE POLICY "owners read their items" ON "return_checklist_items" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.return_checklists c where c.id = "return_checklist_items"."checklist_id" and c.user_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "owners add items" ON "return_checklist_items" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (exists (select 1 from public.return_checklists c where c.id = "return_checklist_items"."checklist_id" and c.user_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "owners tick and annotate items" ON "return_checklist_items" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (exists (select 1 from public.return_checklists c where c.id = "return_checklist_items"."checklist_id" and c.user_id = (select auth.uid()))) WITH CHECK (exists (select 1 from public.return_checklists c where c.id = "return_checklist_items"."checklist_id" and c.user_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "owners remove their own items" ON "return_checklist_items" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("return_checklist_items"."own" and exists (select 1 from public.return_checklists c where c.id = "return_checklist_items"."checklist_id" and c.user_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "owners read their checklists" ON "return_checklists" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("return_checklists"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "owners start checklists from a steps topic they can read" ON "return_checklists" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("return_checklists"."user_id" = (select auth.uid()) and exists (select 1 from public.return_guide_topics g
        where g.id = "return_checklists"."source_topic_id" and g.topic = 'steps' and g.lgu_id is not distinct from "return_checklists"."lgu_id"));--> statement-breakpoint
CREATE POLICY "owners delete their checklists" ON "return_checklists" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("return_checklists"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "the national guide and verified lgus' guides are public; editors see theirs" ON "return_guide_topics" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (("return_guide_topics"."lgu_id" is null or "return_guide_topics"."lgu_id" in (select app_private.verified_lgu_ids())) or (("return_guide_topics"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_guide_topics"."lgu_id" is not null and app_private.has_lgu_role("return_guide_topics"."lgu_id", array['admin', 'editor']))));--> statement-breakpoint
CREATE POLICY "editors write their scope's topics" ON "return_guide_topics" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ((("return_guide_topics"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_guide_topics"."lgu_id" is not null and app_private.has_lgu_role("return_guide_topics"."lgu_id", array['admin', 'editor']))));--> statement-breakpoint
CREATE POLICY "editors change their scope's topics" ON "return_guide_topics" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ((("return_guide_topics"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_guide_topics"."lgu_id" is not null and app_private.has_lgu_role("return_guide_topics"."lgu_id", array['admin', 'editor'])))) WITH CHECK ((("return_guide_topics"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_guide_topics"."lgu_id" is not null and app_private.has_lgu_role("return_guide_topics"."lgu_id", array['admin', 'editor']))));--> statement-breakpoint
CREATE POLICY "active entries in public scope are public; editors see all of theirs" ON "return_services" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (("return_services"."active" and ("return_services"."lgu_id" is null or "return_services"."lgu_id" in (select app_private.verified_lgu_ids()))) or (("return_services"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_services"."lgu_id" is not null and app_private.has_lgu_role("return_services"."lgu_id", array['admin', 'editor']))));--> statement-breakpoint
CREATE POLICY "editors add entries to their scope" ON "return_services" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ((("return_services"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_services"."lgu_id" is not null and app_private.has_lgu_role("return_services"."lgu_id", array['admin', 'editor']))));--> statement-breakpoint
CREATE POLICY "editors change their scope's entries" ON "return_services" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ((("return_services"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_services"."lgu_id" is not null and app_private.has_lgu_role("return_services"."lgu_id", array['admin', 'editor'])))) WITH CHECK ((("return_services"."lgu_id" is null and (select app_private.is_platform_admin())) or ("return_services"."lgu_id" is not null and app_private.has_lgu_role("return_services"."lgu_id", array['admin', 'editor']))));