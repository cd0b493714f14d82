CREATE TYPE "public"."permit_application_status" AS ENUM('draft', 'submitted', 'info_requested', 'assessed', 'approved', 'paid', 'issued', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."service_payment_channel" AS ENUM('card', 'sandbox', 'cash', 'bank_transfer');--> statement-breakpoint
CREATE TYPE "public"."service_payment_subject" AS ENUM('permit_fee', 'property_tax');--> statement-breakpoint
CREATE TABLE "permit_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"permit_type_id" uuid NOT NULL,
	"applicant_id" uuid,
	"reference" text,
	"status" "permit_application_status" DEFAULT 'draft' NOT NULL,
	"business_name" text NOT NULL,
	"line_of_business" text NOT NULL,
	"address" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_phone" text NOT NULL,
	"declared_minor" bigint DEFAULT 0 NOT NULL,
	"fee_minor" bigint,
	"currency" varchar(3) NOT NULL,
	"renewal_of" uuid,
	"officer_note" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permit_applications_declared" CHECK ("permit_applications"."declared_minor" >= 0),
	CONSTRAINT "permit_applications_fee" CHECK ("permit_applications"."fee_minor" is null or "permit_applications"."fee_minor" >= 0),
	CONSTRAINT "permit_applications_texts" CHECK (length("permit_applications"."business_name") between 2 and 200 and length("permit_applications"."line_of_business") between 2 and 200
      and length("permit_applications"."address") between 5 and 500 and length("permit_applications"."owner_name") between 2 and 200 and "permit_applications"."owner_phone" ~ '^[+0-9 ()-]{7,24}$')
);
--> statement-breakpoint
ALTER TABLE "permit_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "permit_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"requirement_id" uuid NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_at" timestamp with time zone,
	CONSTRAINT "permit_documents_type" CHECK ("permit_documents"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "permit_documents_size" CHECK ("permit_documents"."size_bytes" between 1 and 10485760),
	CONSTRAINT "permit_documents_key" CHECK ("permit_documents"."storage_key" like 'permits/' || "permit_documents"."application_id"::text || '/%')
);
--> statement-breakpoint
ALTER TABLE "permit_documents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "permit_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "permit_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"from_status" "permit_application_status",
	"to_status" "permit_application_status" NOT NULL,
	"actor_id" uuid,
	"note" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "permit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "permit_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"permit_type_id" uuid NOT NULL,
	"label" jsonb NOT NULL,
	"mandatory" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "permit_requirements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "permit_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" jsonb NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"fee_schedule" jsonb NOT NULL,
	"currency" varchar(3) NOT NULL,
	"processing_days" integer NOT NULL,
	"validity_months" integer DEFAULT 12 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permit_types_slug" CHECK ("permit_types"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length("permit_types"."slug") <= 80),
	CONSTRAINT "permit_types_currency_iso" CHECK ("permit_types"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "permit_types_processing_days" CHECK ("permit_types"."processing_days" between 1 and 365),
	CONSTRAINT "permit_types_validity" CHECK ("permit_types"."validity_months" between 1 and 60)
);
--> statement-breakpoint
ALTER TABLE "permit_types" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "permits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"number" text NOT NULL,
	"verification_token" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "permits_validity" CHECK ("permits"."valid_until" > "permits"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "permits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_counters" (
	"lgu_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"subject" "service_payment_subject" NOT NULL,
	"subject_id" uuid NOT NULL,
	"payer_id" uuid,
	"amount_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"channel" "service_payment_channel" NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"receipt_number" text NOT NULL,
	"recorded_by" uuid,
	"paid_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_payments_amount_positive" CHECK ("service_payments"."amount_minor" > 0),
	CONSTRAINT "service_payments_currency_iso" CHECK ("service_payments"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "service_payments_source" CHECK ("service_payments"."source" in ('stripe', 'sandbox', 'treasurer'))
);
--> statement-breakpoint
ALTER TABLE "service_payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "permit_applications" ADD CONSTRAINT "permit_applications_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_applications" ADD CONSTRAINT "permit_applications_permit_type_id_permit_types_id_fk" FOREIGN KEY ("permit_type_id") REFERENCES "public"."permit_types"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_applications" ADD CONSTRAINT "permit_applications_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_documents" ADD CONSTRAINT "permit_documents_application_id_permit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."permit_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_documents" ADD CONSTRAINT "permit_documents_requirement_id_permit_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."permit_requirements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_documents" ADD CONSTRAINT "permit_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_events" ADD CONSTRAINT "permit_events_application_id_permit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."permit_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_events" ADD CONSTRAINT "permit_events_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_events" ADD CONSTRAINT "permit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_requirements" ADD CONSTRAINT "permit_requirements_permit_type_id_permit_types_id_fk" FOREIGN KEY ("permit_type_id") REFERENCES "public"."permit_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permit_types" ADD CONSTRAINT "permit_types_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permits" ADD CONSTRAINT "permits_application_id_permit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."permit_applications"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permits" ADD CONSTRAINT "permits_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permits" ADD CONSTRAINT "permits_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_counters" ADD CONSTRAINT "service_counters_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_payments" ADD CONSTRAINT "service_payments_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_payments" ADD CONSTRAINT "service_payments_payer_id_users_id_fk" FOREIGN KEY ("payer_id") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_payments" ADD CONSTRAINT "service_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "permit_applications_reference_unique" ON "permit_applications" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "permit_applications_queue_idx" ON "permit_applications" USING btree ("lgu_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "permit_applications_applicant_idx" ON "permit_applications" USING btree ("applicant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_documents_storage_key_unique" ON "permit_documents" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "permit_documents_application_idx" ON "permit_documents" USING btree ("application_id","requirement_id");--> statement-breakpoint
CREATE INDEX "permit_events_application_idx" ON "permit_events" USING btree ("application_id","occurred_at");--> statement-breakpoint
CREATE INDEX "permit_events_lgu_idx" ON "permit_events" USING btree ("lgu_id","to_status","occurred_at");--> statement-breakpoint
CREATE INDEX "permit_requirements_type_idx" ON "permit_requirements" USING btree ("permit_type_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "permit_types_lgu_slug_unique" ON "permit_types" USING btree ("lgu_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_application_unique" ON "permits" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_number_unique" ON "permits" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "permits_token_unique" ON "permits" USING btree ("verification_token");--> statement-breakpoint
CREATE UNIQUE INDEX "service_counters_unique" ON "service_counters" USING btree ("lgu_id","kind","year");--> statement-breakpoint
CREATE UNIQUE INDEX "service_payments_external_unique" ON "service_payments" USING btree ("source","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_payments_receipt_unique" ON "service_payments" USING btree ("receipt_number");--> statement-breakpoint
CREATE INDEX "service_payments_subject_idx" ON "service_payments" USING btree ("subject","subject_id");--> statement-breakpoint
CREATE INDEX "service_payments_lgu_idx" ON "service_payments" USING btree ("lgu_id","paid_at");--> statement-breakpoint
CREATE POLICY "the applicant and the lgu's officers see it" ON "permit_applications" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("permit_applications"."applicant_id" = (select auth.uid()) or app_private.has_lgu_role("permit_applications"."lgu_id", array['admin', 'permits_officer', 'treasurer']) or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "an applicant starts a draft" ON "permit_applications" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("permit_applications"."applicant_id" = (select auth.uid()) and "permit_applications"."status" = 'draft' and "permit_applications"."reference" is null and "permit_applications"."fee_minor" is null
        and exists (select 1 from public.permit_types pt where pt.id = "permit_applications"."permit_type_id" and pt.lgu_id = "permit_applications"."lgu_id" and pt.active and pt.currency = "permit_applications"."currency")
        and ("permit_applications"."renewal_of" is null or app_private.own_permit("permit_applications"."renewal_of", "permit_applications"."lgu_id")));--> statement-breakpoint
CREATE POLICY "the applicant edits while it waits for them" ON "permit_applications" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("permit_applications"."applicant_id" = (select auth.uid()) and "permit_applications"."status" in ('draft', 'info_requested')) WITH CHECK ("permit_applications"."applicant_id" = (select auth.uid()) and "permit_applications"."status" in ('draft', 'info_requested'));--> statement-breakpoint
CREATE POLICY "the applicant discards a draft" ON "permit_applications" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("permit_applications"."applicant_id" = (select auth.uid()) and "permit_applications"."status" = 'draft');--> statement-breakpoint
CREATE POLICY "the applicant and the lgu's permits officers see them" ON "permit_documents" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.permit_applications a where a.id = "permit_documents"."application_id"
        and (a.applicant_id = (select auth.uid()) or app_private.has_lgu_role(a.lgu_id, array['admin', 'permits_officer']) or (select app_private.is_platform_admin()))));--> statement-breakpoint
CREATE POLICY "the applicant uploads while it waits for them" ON "permit_documents" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("permit_documents"."uploaded_by" = (select auth.uid()) and exists (select 1 from public.permit_applications a
        join public.permit_requirements r on r.permit_type_id = a.permit_type_id
        where a.id = "permit_documents"."application_id" and r.id = "permit_documents"."requirement_id" and a.applicant_id = (select auth.uid()) and a.status in ('draft', 'info_requested')));--> statement-breakpoint
CREATE POLICY "seen with the application" ON "permit_events" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.permit_applications a where a.id = "permit_events"."application_id"));--> statement-breakpoint
CREATE POLICY "visible with the type" ON "permit_requirements" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (exists (select 1 from public.permit_types pt where pt.id = "permit_requirements"."permit_type_id"));--> statement-breakpoint
CREATE POLICY "officers add requirements" ON "permit_requirements" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (exists (select 1 from public.permit_types pt where pt.id = "permit_requirements"."permit_type_id" and (app_private.has_lgu_role(pt.lgu_id, array['admin', 'permits_officer']) or (select app_private.is_platform_admin()))));--> statement-breakpoint
CREATE POLICY "officers change requirements" ON "permit_requirements" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (exists (select 1 from public.permit_types pt where pt.id = "permit_requirements"."permit_type_id" and (app_private.has_lgu_role(pt.lgu_id, array['admin', 'permits_officer']) or (select app_private.is_platform_admin())))) WITH CHECK (exists (select 1 from public.permit_types pt where pt.id = "permit_requirements"."permit_type_id" and (app_private.has_lgu_role(pt.lgu_id, array['admin', 'permits_officer']) or (select app_private.is_platform_admin()))));--> statement-breakpoint
CREATE POLICY "officers remove requirements" ON "permit_requirements" AS PERMISSIVE FOR DELETE TO "authenticated" USING (exists (select 1 from public.permit_types pt where pt.id = "permit_requirements"."permit_type_id" and (app_private.has_lgu_role(pt.lgu_id, array['admin', 'permits_officer']) or (select app_private.is_platform_admin()))));--> statement-breakpoint
CREATE POLICY "active types of verified lgus are public; officers see all of theirs" ON "permit_types" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (("permit_types"."active" and "permit_types"."lgu_id" in (select app_private.verified_lgu_ids())) or app_private.has_lgu_role("permit_types"."lgu_id", array['admin', 'permits_officer']) or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "officers add types" ON "permit_types" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("permit_types"."lgu_id", array['admin', 'permits_officer']) or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "officers change types" ON "permit_types" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("permit_types"."lgu_id", array['admin', 'permits_officer']) or (select app_private.is_platform_admin())) WITH CHECK (app_private.has_lgu_role("permit_types"."lgu_id", array['admin', 'permits_officer']) or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "the holder and the lgu's officers see it" ON "permits" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.permit_applications a where a.id = "permits"."application_id"));--> statement-breakpoint
CREATE POLICY "server only" ON "service_counters" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "the payer and the lgu's staff see it" ON "service_payments" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("service_payments"."payer_id" = (select auth.uid()) or app_private.has_lgu_role("service_payments"."lgu_id", array['admin', 'permits_officer', 'treasurer']) or (select app_private.is_platform_admin()));