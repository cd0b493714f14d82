CREATE TYPE "public"."investment_case_phase" AS ENUM('idea', 'elaboration', 'formalisation', 'creation');--> statement-breakpoint
CREATE TYPE "public"."investment_lead_stage" AS ENUM('new', 'contacted', 'meeting', 'due_diligence', 'committed', 'registered', 'declined');--> statement-breakpoint
CREATE TYPE "public"."investment_opportunity_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TABLE "investment_case_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_case_documents_type" CHECK ("investment_case_documents"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "investment_case_documents_size" CHECK ("investment_case_documents"."size_bytes" between 1 and 10485760),
	CONSTRAINT "investment_case_documents_key" CHECK ("investment_case_documents"."storage_key" like 'investment-cases/' || "investment_case_documents"."case_id"::text || '/%')
);
--> statement-breakpoint
ALTER TABLE "investment_case_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_case_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"phase" "investment_case_phase" NOT NULL,
	"title" text NOT NULL,
	"due_on" date,
	"done_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_case_tasks_title" CHECK (length("investment_case_tasks"."title") between 2 and 300)
);
--> statement-breakpoint
ALTER TABLE "investment_case_tasks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interest_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"phase" "investment_case_phase" DEFAULT 'idea' NOT NULL,
	"permit_application_id" uuid,
	"opened_by" uuid,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "investment_cases" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_guide_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"permit_type_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_guide_steps_title_present" CHECK (jsonb_typeof("investment_guide_steps"."title") = 'object' and "investment_guide_steps"."title" <> '{}'::jsonb)
);
--> statement-breakpoint
ALTER TABLE "investment_guide_steps" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_interest_contacts" (
	"interest_id" uuid PRIMARY KEY NOT NULL,
	"phone" text,
	CONSTRAINT "investment_interest_contacts_phone" CHECK ("investment_interest_contacts"."phone" is null or "investment_interest_contacts"."phone" ~ '^[+0-9 ()-]{7,24}$')
);
--> statement-breakpoint
ALTER TABLE "investment_interest_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_interests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"member_id" uuid,
	"display_name" text NOT NULL,
	"country_of_residence" varchar(2),
	"amount_min_minor" bigint NOT NULL,
	"amount_max_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"timeline" text NOT NULL,
	"role" text NOT NULL,
	"message" text NOT NULL,
	"consent_to_contact" boolean NOT NULL,
	"stage" "investment_lead_stage" DEFAULT 'new' NOT NULL,
	"assigned_to" uuid,
	"next_action" text,
	"next_action_on" date,
	"reminded_on" date,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_interests_amount" CHECK ("investment_interests"."amount_min_minor" > 0 and "investment_interests"."amount_max_minor" >= "investment_interests"."amount_min_minor"),
	CONSTRAINT "investment_interests_currency_iso" CHECK ("investment_interests"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "investment_interests_timeline" CHECK ("investment_interests"."timeline" in ('within_6_months', 'six_to_12_months', 'one_to_2_years', 'over_2_years')),
	CONSTRAINT "investment_interests_role" CHECK ("investment_interests"."role" in ('investor', 'co_founder', 'mentor')),
	CONSTRAINT "investment_interests_texts" CHECK (length("investment_interests"."message") between 10 and 4000 and length("investment_interests"."display_name") between 1 and 120
      and coalesce(length("investment_interests"."next_action"), 0) <= 300)
);
--> statement-breakpoint
ALTER TABLE "investment_interests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_lead_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investment_lead_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"interest_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_stage" "investment_lead_stage",
	"to_stage" "investment_lead_stage",
	"note" text,
	"actor_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_lead_events_kind" CHECK ("investment_lead_events"."kind" in ('stage', 'note', 'assign', 'plan', 'case', 'permit'))
);
--> statement-breakpoint
ALTER TABLE "investment_lead_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"interest_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"from_staff" boolean NOT NULL,
	"author_id" uuid,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_messages_body" CHECK (length("investment_messages"."body") between 2 and 4000)
);
--> statement-breakpoint
ALTER TABLE "investment_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sector" text NOT NULL,
	"interest_sectors" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" text NOT NULL,
	"place_id" uuid,
	"location" text,
	"ticket_min_minor" bigint NOT NULL,
	"ticket_max_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"timeline" text NOT NULL,
	"incentives" text[] DEFAULT '{}'::text[] NOT NULL,
	"incentives_note" text,
	"contact_office" text NOT NULL,
	"contact_email" text,
	"status" "investment_opportunity_status" DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_opportunities_slug" CHECK ("investment_opportunities"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length("investment_opportunities"."slug") <= 100),
	CONSTRAINT "investment_opportunities_title_present" CHECK (jsonb_typeof("investment_opportunities"."title") = 'object' and "investment_opportunities"."title" <> '{}'::jsonb),
	CONSTRAINT "investment_opportunities_ticket" CHECK ("investment_opportunities"."ticket_min_minor" > 0 and "investment_opportunities"."ticket_max_minor" >= "investment_opportunities"."ticket_min_minor"),
	CONSTRAINT "investment_opportunities_currency_iso" CHECK ("investment_opportunities"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "investment_opportunities_sector" CHECK ("investment_opportunities"."sector" in ('agro_tourism', 'health_tourism', 'real_estate', 'cooperative', 'nostalgia_trade', 'agribusiness', 'renewable_energy', 'manufacturing', 'technology', 'services')),
	CONSTRAINT "investment_opportunities_interest_sectors" CHECK ("investment_opportunities"."interest_sectors" <@ array['education','health','water','roads','livelihood','agriculture','disaster','culture','environment','tourism','technology']::text[]),
	CONSTRAINT "investment_opportunities_kind" CHECK ("investment_opportunities"."kind" in ('joint_venture', 'franchise', 'cooperative_membership', 'land_lease', 'public_private_partnership', 'supplier_trade')),
	CONSTRAINT "investment_opportunities_timeline" CHECK ("investment_opportunities"."timeline" in ('within_6_months', 'six_to_12_months', 'one_to_2_years', 'over_2_years')),
	CONSTRAINT "investment_opportunities_incentives" CHECK ("investment_opportunities"."incentives" <@ array['tax_holiday','fee_waiver','land','duty_free_imports','training','credit_access']::text[]),
	CONSTRAINT "investment_opportunities_texts" CHECK (length("investment_opportunities"."contact_office") between 2 and 200 and coalesce(length("investment_opportunities"."location"), 0) <= 200
      and coalesce(length("investment_opportunities"."incentives_note"), 0) <= 1000 and ("investment_opportunities"."contact_email" is null or "investment_opportunities"."contact_email" ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$')),
	CONSTRAINT "investment_opportunities_published" CHECK ("investment_opportunities"."status" = 'draft' or "investment_opportunities"."published_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "investment_opportunities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_opportunity_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_opportunity_documents_type" CHECK ("investment_opportunity_documents"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "investment_opportunity_documents_size" CHECK ("investment_opportunity_documents"."size_bytes" between 1 and 10485760),
	CONSTRAINT "investment_opportunity_documents_key" CHECK ("investment_opportunity_documents"."storage_key" like 'investments/' || "investment_opportunity_documents"."opportunity_id"::text || '/%')
);
--> statement-breakpoint
ALTER TABLE "investment_opportunity_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "investment_preferences" (
	"member_id" uuid PRIMARY KEY NOT NULL,
	"ticket_min_minor" bigint NOT NULL,
	"ticket_max_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_preferences_ticket" CHECK ("investment_preferences"."ticket_min_minor" > 0 and "investment_preferences"."ticket_max_minor" >= "investment_preferences"."ticket_min_minor"),
	CONSTRAINT "investment_preferences_currency_iso" CHECK ("investment_preferences"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "investment_preferences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "investment_case_documents" ADD CONSTRAINT "investment_case_documents_case_id_investment_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."investment_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_case_documents" ADD CONSTRAINT "investment_case_documents_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_case_documents" ADD CONSTRAINT "investment_case_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_case_tasks" ADD CONSTRAINT "investment_case_tasks_case_id_investment_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."investment_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_case_tasks" ADD CONSTRAINT "investment_case_tasks_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_case_tasks" ADD CONSTRAINT "investment_case_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_cases" ADD CONSTRAINT "investment_cases_interest_id_investment_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."investment_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_cases" ADD CONSTRAINT "investment_cases_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_cases" ADD CONSTRAINT "investment_cases_permit_application_id_permit_applications_id_fk" FOREIGN KEY ("permit_application_id") REFERENCES "public"."permit_applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_cases" ADD CONSTRAINT "investment_cases_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_guide_steps" ADD CONSTRAINT "investment_guide_steps_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_guide_steps" ADD CONSTRAINT "investment_guide_steps_permit_type_id_permit_types_id_fk" FOREIGN KEY ("permit_type_id") REFERENCES "public"."permit_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_interest_contacts" ADD CONSTRAINT "investment_interest_contacts_interest_id_investment_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."investment_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_interests" ADD CONSTRAINT "investment_interests_opportunity_id_investment_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."investment_opportunities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_interests" ADD CONSTRAINT "investment_interests_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_interests" ADD CONSTRAINT "investment_interests_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_interests" ADD CONSTRAINT "investment_interests_assigned_to_users_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_lead_events" ADD CONSTRAINT "investment_lead_events_interest_id_investment_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."investment_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_lead_events" ADD CONSTRAINT "investment_lead_events_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_lead_events" ADD CONSTRAINT "investment_lead_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_messages" ADD CONSTRAINT "investment_messages_interest_id_investment_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."investment_interests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_messages" ADD CONSTRAINT "investment_messages_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_messages" ADD CONSTRAINT "investment_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_opportunities" ADD CONSTRAINT "investment_opportunities_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_opportunities" ADD CONSTRAINT "investment_opportunities_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_opportunities" ADD CONSTRAINT "investment_opportunities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_opportunity_documents" ADD CONSTRAINT "investment_opportunity_documents_opportunity_id_investment_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."investment_opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_opportunity_documents" ADD CONSTRAINT "investment_opportunity_documents_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_opportunity_documents" ADD CONSTRAINT "investment_opportunity_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_preferences" ADD CONSTRAINT "investment_preferences_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "investment_case_documents_key_unique" ON "investment_case_documents" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "investment_case_documents_case_idx" ON "investment_case_documents" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "investment_case_tasks_case_idx" ON "investment_case_tasks" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "investment_cases_interest_unique" ON "investment_cases" USING btree ("interest_id");--> statement-breakpoint
CREATE INDEX "investment_cases_lgu_idx" ON "investment_cases" USING btree ("lgu_id","phase");--> statement-breakpoint
CREATE INDEX "investment_guide_steps_lgu_idx" ON "investment_guide_steps" USING btree ("lgu_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "investment_interests_member_unique" ON "investment_interests" USING btree ("opportunity_id","member_id");--> statement-breakpoint
CREATE INDEX "investment_interests_lgu_idx" ON "investment_interests" USING btree ("lgu_id","stage","next_action_on");--> statement-breakpoint
CREATE INDEX "investment_interests_member_idx" ON "investment_interests" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "investment_lead_events_interest_idx" ON "investment_lead_events" USING btree ("interest_id","occurred_at");--> statement-breakpoint
CREATE INDEX "investment_messages_interest_idx" ON "investment_messages" USING btree ("interest_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "investment_opportunities_slug_unique" ON "investment_opportunities" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "investment_opportunities_lgu_idx" ON "investment_opportunities" USING btree ("lgu_id","status");--> statement-breakpoint
CREATE INDEX "investment_opportunities_public_idx" ON "investment_opportunities" USING btree ("status","published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "investment_opportunity_documents_key_unique" ON "investment_opportunity_documents" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "investment_opportunity_documents_opportunity_idx" ON "investment_opportunity_documents" USING btree ("opportunity_id");--> statement-breakpoint
CREATE POLICY "the lgu's investment staff see case documents" ON "investment_case_documents" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("investment_case_documents"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "the lgu's investment staff add case documents" ON "investment_case_documents" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("investment_case_documents"."lgu_id", array['admin', 'investment_officer']) and "investment_case_documents"."uploaded_by" = (select auth.uid())
        and exists (select 1 from public.investment_cases c where c.id = "investment_case_documents"."case_id" and c.lgu_id = "investment_case_documents"."lgu_id"));--> statement-breakpoint
CREATE POLICY "the lgu's investment staff see tasks" ON "investment_case_tasks" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("investment_case_tasks"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "the lgu's investment staff add tasks" ON "investment_case_tasks" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("investment_case_tasks"."lgu_id", array['admin', 'investment_officer']) and "investment_case_tasks"."created_by" = (select auth.uid())
        and exists (select 1 from public.investment_cases c where c.id = "investment_case_tasks"."case_id" and c.lgu_id = "investment_case_tasks"."lgu_id"));--> statement-breakpoint
CREATE POLICY "the lgu's investment staff tick tasks" ON "investment_case_tasks" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("investment_case_tasks"."lgu_id", array['admin', 'investment_officer'])) WITH CHECK (app_private.has_lgu_role("investment_case_tasks"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "the member and the lgu's investment staff see the case" ON "investment_cases" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("investment_cases"."lgu_id", array['admin', 'investment_officer']) or exists (select 1 from public.investment_interests i where i.id = "investment_cases"."interest_id" and i.member_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "guides of verified lgus are public; investment staff see theirs" ON "investment_guide_steps" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("investment_guide_steps"."lgu_id" in (select app_private.verified_lgu_ids()) or app_private.has_lgu_role("investment_guide_steps"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "investment staff add steps" ON "investment_guide_steps" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("investment_guide_steps"."lgu_id", array['admin', 'investment_officer']) and ("investment_guide_steps"."permit_type_id" is null
        or exists (select 1 from public.permit_types pt where pt.id = "investment_guide_steps"."permit_type_id" and pt.lgu_id = "investment_guide_steps"."lgu_id")));--> statement-breakpoint
CREATE POLICY "investment staff change steps" ON "investment_guide_steps" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("investment_guide_steps"."lgu_id", array['admin', 'investment_officer'])) WITH CHECK (app_private.has_lgu_role("investment_guide_steps"."lgu_id", array['admin', 'investment_officer']) and ("investment_guide_steps"."permit_type_id" is null
        or exists (select 1 from public.permit_types pt where pt.id = "investment_guide_steps"."permit_type_id" and pt.lgu_id = "investment_guide_steps"."lgu_id")));--> statement-breakpoint
CREATE POLICY "investment staff remove steps" ON "investment_guide_steps" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.has_lgu_role("investment_guide_steps"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "only the member reads their contact details" ON "investment_interest_contacts" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.investment_interests i where i.id = "investment_interest_contacts"."interest_id" and i.member_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "the member and the lgu's investment staff see it" ON "investment_interests" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("investment_interests"."member_id" = (select auth.uid()) or app_private.has_lgu_role("investment_interests"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "the lgu's investment staff see the history" ON "investment_lead_events" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("investment_lead_events"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "the member and the lgu's investment staff read them" ON "investment_messages" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("investment_messages"."lgu_id", array['admin', 'investment_officer']) or exists (select 1 from public.investment_interests i where i.id = "investment_messages"."interest_id" and i.member_id = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "published opportunities of verified lgus are public; investment staff see all of theirs" ON "investment_opportunities" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (("investment_opportunities"."status" <> 'draft' and "investment_opportunities"."lgu_id" in (select app_private.verified_lgu_ids())) or app_private.has_lgu_role("investment_opportunities"."lgu_id", array['admin', 'investment_officer'])
        or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "investment staff add opportunities" ON "investment_opportunities" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("investment_opportunities"."lgu_id", array['admin', 'investment_officer']) and "investment_opportunities"."created_by" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "investment staff change opportunities" ON "investment_opportunities" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("investment_opportunities"."lgu_id", array['admin', 'investment_officer'])) WITH CHECK (app_private.has_lgu_role("investment_opportunities"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "seen with the opportunity" ON "investment_opportunity_documents" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (exists (select 1 from public.investment_opportunities o where o.id = "investment_opportunity_documents"."opportunity_id"));--> statement-breakpoint
CREATE POLICY "investment staff add documents" ON "investment_opportunity_documents" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("investment_opportunity_documents"."lgu_id", array['admin', 'investment_officer']) and "investment_opportunity_documents"."uploaded_by" = (select auth.uid())
        and exists (select 1 from public.investment_opportunities o where o.id = "investment_opportunity_documents"."opportunity_id" and o.lgu_id = "investment_opportunity_documents"."lgu_id"));--> statement-breakpoint
CREATE POLICY "investment staff remove documents" ON "investment_opportunity_documents" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.has_lgu_role("investment_opportunity_documents"."lgu_id", array['admin', 'investment_officer']));--> statement-breakpoint
CREATE POLICY "members read their preferences" ON "investment_preferences" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("investment_preferences"."member_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members set their preferences" ON "investment_preferences" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("investment_preferences"."member_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members change their preferences" ON "investment_preferences" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("investment_preferences"."member_id" = (select auth.uid())) WITH CHECK ("investment_preferences"."member_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members remove their preferences" ON "investment_preferences" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("investment_preferences"."member_id" = (select auth.uid()));