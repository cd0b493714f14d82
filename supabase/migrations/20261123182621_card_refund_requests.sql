CREATE TYPE "public"."card_refund_status" AS ENUM('requested', 'sent', 'failed');--> statement-breakpoint
CREATE TABLE "card_refund_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contribution_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"amount_minor" bigint NOT NULL,
	"currency" varchar(3) NOT NULL,
	"request_key" uuid NOT NULL,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" "card_refund_status" DEFAULT 'requested' NOT NULL,
	"provider_refund_id" text,
	"failure" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_refund_requests_amount_positive" CHECK ("card_refund_requests"."amount_minor" > 0)
);
--> statement-breakpoint
ALTER TABLE "card_refund_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "card_refund_requests" ADD CONSTRAINT "card_refund_requests_contribution_id_contributions_id_fk" FOREIGN KEY ("contribution_id") REFERENCES "public"."contributions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_refund_requests" ADD CONSTRAINT "card_refund_requests_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_refund_requests" ADD CONSTRAINT "card_refund_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_refund_requests_key_unique" ON "card_refund_requests" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "card_refund_requests_contribution_idx" ON "card_refund_requests" USING btree ("contribution_id","requested_at");--> statement-breakpoint
CREATE POLICY "the project's treasurers see refund requests" ON "card_refund_requests" AS PERMISSIVE FOR SELECT TO "authenticated" USING (app_private.project_lgu_role("card_refund_requests"."project_id", array['admin', 'treasurer']) or (select app_private.is_platform_admin()));