CREATE TYPE "public"."rpt_import_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "property_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"file_name" text NOT NULL,
	"published" boolean DEFAULT true NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_forms_type" CHECK ("property_forms"."content_type" = 'application/pdf'),
	CONSTRAINT "property_forms_size" CHECK ("property_forms"."size_bytes" between 1 and 10485760),
	CONSTRAINT "property_forms_key" CHECK ("property_forms"."storage_key" like 'property-forms/' || "property_forms"."lgu_id"::text || '/%')
);
--> statement-breakpoint
ALTER TABLE "property_forms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rpt_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"tax_declaration_number" text NOT NULL,
	"property_location" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_last_name_key" text NOT NULL,
	"assessed_value_minor" bigint NOT NULL,
	"tax_due_minor" bigint NOT NULL,
	"due_date" date NOT NULL,
	"imported_penalties_minor" bigint DEFAULT 0 NOT NULL,
	"currency" varchar(3) NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpt_assessments_amounts" CHECK ("rpt_assessments"."assessed_value_minor" >= 0 and "rpt_assessments"."tax_due_minor" >= 0 and "rpt_assessments"."imported_penalties_minor" >= 0),
	CONSTRAINT "rpt_assessments_currency_iso" CHECK ("rpt_assessments"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "rpt_assessments_texts" CHECK (length("rpt_assessments"."tax_declaration_number") between 1 and 40 and length("rpt_assessments"."property_location") between 1 and 300
      and length("rpt_assessments"."owner_name") between 1 and 200 and "rpt_assessments"."owner_last_name_key" <> '')
);
--> statement-breakpoint
ALTER TABLE "rpt_assessments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rpt_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lgu_id" uuid NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"storage_key" text NOT NULL,
	"currency" varchar(3) NOT NULL,
	"status" "rpt_import_status" DEFAULT 'queued' NOT NULL,
	"total_bytes" bigint NOT NULL,
	"bytes_read" bigint DEFAULT 0 NOT NULL,
	"rows_read" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"rejected_rows" integer DEFAULT 0 NOT NULL,
	"inserted_rows" integer DEFAULT 0 NOT NULL,
	"updated_rows" integer DEFAULT 0 NOT NULL,
	"report_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rpt_imports_currency_iso" CHECK ("rpt_imports"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "rpt_imports_counts" CHECK ("rpt_imports"."total_bytes" >= 0 and "rpt_imports"."bytes_read" >= 0 and "rpt_imports"."rows_read" >= 0 and "rpt_imports"."valid_rows" >= 0 and "rpt_imports"."rejected_rows" >= 0
      and "rpt_imports"."inserted_rows" >= 0 and "rpt_imports"."updated_rows" >= 0),
	CONSTRAINT "rpt_imports_key" CHECK ("rpt_imports"."storage_key" like 'rpt-imports/' || "rpt_imports"."lgu_id"::text || '/%'),
	CONSTRAINT "rpt_imports_file_name" CHECK (length("rpt_imports"."file_name") between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "rpt_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "property_forms" ADD CONSTRAINT "property_forms_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_forms" ADD CONSTRAINT "property_forms_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpt_assessments" ADD CONSTRAINT "rpt_assessments_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpt_assessments" ADD CONSTRAINT "rpt_assessments_import_id_rpt_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."rpt_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpt_imports" ADD CONSTRAINT "rpt_imports_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rpt_imports" ADD CONSTRAINT "rpt_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "property_forms_storage_key_unique" ON "property_forms" USING btree ("storage_key");--> statement-breakpoint
CREATE INDEX "property_forms_lgu_idx" ON "property_forms" USING btree ("lgu_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rpt_assessments_declaration_unique" ON "rpt_assessments" USING btree ("lgu_id","tax_declaration_number","due_date");--> statement-breakpoint
CREATE INDEX "rpt_assessments_import_idx" ON "rpt_assessments" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "rpt_imports_lgu_idx" ON "rpt_imports" USING btree ("lgu_id","created_at");--> statement-breakpoint
CREATE POLICY "published forms of verified lgus are public; treasurers see all of theirs" ON "property_forms" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (("property_forms"."published" and "property_forms"."lgu_id" in (select app_private.verified_lgu_ids())) or app_private.has_lgu_role("property_forms"."lgu_id", array['admin', 'treasurer']));--> statement-breakpoint
CREATE POLICY "treasurers add forms" ON "property_forms" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("property_forms"."lgu_id", array['admin', 'treasurer']) and "property_forms"."uploaded_by" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "treasurers change forms" ON "property_forms" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("property_forms"."lgu_id", array['admin', 'treasurer'])) WITH CHECK (app_private.has_lgu_role("property_forms"."lgu_id", array['admin', 'treasurer']));--> statement-breakpoint
CREATE POLICY "treasurers remove forms" ON "property_forms" AS PERMISSIVE FOR DELETE TO "authenticated" USING (app_private.has_lgu_role("property_forms"."lgu_id", array['admin', 'treasurer']));--> statement-breakpoint
CREATE POLICY "treasurers see their lgu's assessments" ON "rpt_assessments" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("rpt_assessments"."lgu_id", array['admin', 'treasurer']));--> statement-breakpoint
CREATE POLICY "treasurers import assessments" ON "rpt_assessments" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("rpt_assessments"."lgu_id", array['admin', 'treasurer']));--> statement-breakpoint
CREATE POLICY "treasurers re-import assessments" ON "rpt_assessments" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (app_private.has_lgu_role("rpt_assessments"."lgu_id", array['admin', 'treasurer'])) WITH CHECK (app_private.has_lgu_role("rpt_assessments"."lgu_id", array['admin', 'treasurer']));--> statement-breakpoint
CREATE POLICY "treasurers see their lgu's imports" ON "rpt_imports" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("rpt_imports"."lgu_id", array['admin', 'treasurer']));--> statement-breakpoint
CREATE POLICY "treasurers start imports" ON "rpt_imports" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (app_private.has_lgu_role("rpt_imports"."lgu_id", array['admin', 'treasurer']) and "rpt_imports"."created_by" = (select auth.uid()) and "rpt_imports"."status" = 'queued');