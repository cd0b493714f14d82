CREATE TABLE "lgu_payment_accounts" (
	"lgu_id" uuid PRIMARY KEY NOT NULL,
	"stripe_account_id" text NOT NULL,
	"charges_enabled" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgu_payment_accounts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"account" text,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "stripe_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "association_id" uuid;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "due_on" date;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "stripe_checkout_session_id" text;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "stripe_payment_intent_id" text;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "stripe_subscription_id" text;--> statement-breakpoint
ALTER TABLE "contributions" ADD COLUMN "stripe_account_id" text;--> statement-breakpoint
ALTER TABLE "lgu_payment_accounts" ADD CONSTRAINT "lgu_payment_accounts_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lgu_payment_accounts_stripe_unique" ON "lgu_payment_accounts" USING btree ("stripe_account_id");--> statement-breakpoint
CREATE INDEX "stripe_events_unprocessed_idx" ON "stripe_events" USING btree ("received_at") WHERE "stripe_events"."processed_at" is null;--> statement-breakpoint
ALTER TABLE "contributions" ADD CONSTRAINT "contributions_association_id_organisations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contributions_association_idx" ON "contributions" USING btree ("association_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_checkout_session_unique" ON "contributions" USING btree ("stripe_checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contributions_payment_intent_unique" ON "contributions" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE INDEX "contributions_subscription_idx" ON "contributions" USING btree ("stripe_subscription_id");--> statement-breakpoint
CREATE POLICY "the lgu's admins and treasurers see it" ON "lgu_payment_accounts" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.has_lgu_role("lgu_payment_accounts"."lgu_id", array['admin', 'treasurer']) or (select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "server only" ON "stripe_events" AS RESTRICTIVE FOR ALL TO "anon", "authenticated" USING (false) WITH CHECK (false);