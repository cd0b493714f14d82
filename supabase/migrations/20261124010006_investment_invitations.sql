CREATE TABLE "investment_invitations" (
	"opportunity_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"lgu_id" uuid NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "investment_invitations_opportunity_id_profile_id_pk" PRIMARY KEY("opportunity_id","profile_id")
);
--> statement-breakpoint
ALTER TABLE "investment_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "investment_invitations_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "investment_invitations" ADD CONSTRAINT "investment_invitations_opportunity_id_investment_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."investment_opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_invitations" ADD CONSTRAINT "investment_invitations_profile_id_users_id_fk" FOREIGN KEY ("profile_id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_invitations" ADD CONSTRAINT "investment_invitations_lgu_id_lgus_id_fk" FOREIGN KEY ("lgu_id") REFERENCES "public"."lgus"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "investment_invitations" ADD CONSTRAINT "investment_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "investment_invitations_profile_idx" ON "investment_invitations" USING btree ("profile_id","created_at");--> statement-breakpoint
CREATE INDEX "investment_invitations_lgu_idx" ON "investment_invitations" USING btree ("lgu_id","created_at");--> statement-breakpoint
CREATE INDEX "profiles_investment_invitations_idx" ON "profiles" USING btree ("id") WHERE "profiles"."investment_invitations_since" is not null;--> statement-breakpoint
CREATE POLICY "the invited member and the lgu's investment staff see it" ON "investment_invitations" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("investment_invitations"."profile_id" = (select auth.uid()) or app_private.has_lgu_role("investment_invitations"."lgu_id", array['admin', 'investment_officer']));