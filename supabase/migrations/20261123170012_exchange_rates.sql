CREATE TABLE "exchange_rates" (
	"currency" varchar(3) PRIMARY KEY NOT NULL,
	"usd_per_unit" numeric(20, 10) NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_currency_iso" CHECK ("exchange_rates"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "exchange_rates_positive" CHECK ("exchange_rates"."usd_per_unit" > 0)
);
--> statement-breakpoint
ALTER TABLE "exchange_rates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "exchange_rates" ADD CONSTRAINT "exchange_rates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "auth"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE POLICY "anyone reads the rates" ON "exchange_rates" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "platform admins add rates" ON "exchange_rates" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ((select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "platform admins change rates" ON "exchange_rates" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ((select app_private.is_platform_admin())) WITH CHECK ((select app_private.is_platform_admin()));--> statement-breakpoint
CREATE POLICY "platform admins remove rates" ON "exchange_rates" AS PERMISSIVE FOR DELETE TO "authenticated" USING ((select app_private.is_platform_admin()));