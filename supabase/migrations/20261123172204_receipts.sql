CREATE TABLE "receipt_counters" (
	"lgu_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "receipt_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" bigint NOT NULL,
	"contribution_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"emailed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "receipts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "receipt_counters" ADD CONSTRAINT "receipt_counters_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_event_id_contribution_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."contribution_events"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "receipts" ADD CONSTRAINT "receipts_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "receipt_counters_lgu_year_unique" ON "receipt_counters" USING btree ("lgu_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_event_unique" ON "receipts" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_number_unique" ON "receipts" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "receipts_lgu_year_sequence_unique" ON "receipts" USING btree ("lgu_id","year","sequence");--> statement-breakpoint
CREATE INDEX "receipts_contribution_idx" ON "receipts" USING btree ("contribution_id");--> statement-breakpoint
CREATE INDEX "receipts_unsent_idx" ON "receipts" USING btree ("issued_at") WHERE "receipts"."emailed_at" is null;--> statement-breakpoint
CREATE POLICY "server only" ON "receipt_counters" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "the donor and the lgu's treasurers read receipts" ON "receipts" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from public.contributions c where c.id = "receipts"."contribution_id" and c.donor_id = (select auth.uid()))
        or app_private.has_lgu_role("receipts"."lgu_id", array['admin', 'treasurer']) or (select app_private.is_platform_admin()));