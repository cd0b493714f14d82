CREATE TYPE "public"."place_kind" AS ENUM('country', 'region', 'province', 'city', 'municipality');--> statement-breakpoint
CREATE TYPE "public"."profile_visibility" AS ENUM('private', 'lgu_aggregate', 'public');--> statement-breakpoint
CREATE TYPE "public"."verification_status" AS ENUM('unverified', 'pending', 'verified', 'rejected', 'suspended');--> statement-breakpoint
CREATE TABLE "lgus" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"logo_path" text,
	"contact_email" text,
	"contact_phone" text,
	"website" text,
	"address" text,
	"verification_status" "verification_status" DEFAULT 'unverified' NOT NULL,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lgus_slug_format" CHECK ("lgus"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "lgus_verified_has_date" CHECK (("lgus"."verification_status" = 'verified') = ("lgus"."verified_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "lgus" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "places" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid,
	"kind" "place_kind" NOT NULL,
	"name" text NOT NULL,
	"country_code" varchar(2) NOT NULL,
	"official_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "places_country_code_iso" CHECK ("places"."country_code" ~ '^[A-Z]{2}$'),
	CONSTRAINT "places_country_has_no_parent" CHECK (("places"."kind" = 'country') = ("places"."parent_id" is null))
);
--> statement-breakpoint
ALTER TABLE "places" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"country_of_residence" varchar(2),
	"city" text,
	"preferred_locale" text,
	"time_zone" text,
	"visibility" "profile_visibility" DEFAULT 'private' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_country_iso" CHECK ("profiles"."country_of_residence" is null or "profiles"."country_of_residence" ~ '^[A-Z]{2}$'),
	CONSTRAINT "profiles_display_name_length" CHECK (char_length("profiles"."display_name") between 1 and 120)
);
--> statement-breakpoint
ALTER TABLE "profiles" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "lgus" ADD CONSTRAINT "lgus_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "places" ADD CONSTRAINT "places_parent_id_places_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_id_users_id_fk" FOREIGN KEY ("id") REFERENCES "auth"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lgus_slug_unique" ON "lgus" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "lgus_place_idx" ON "lgus" USING btree ("place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "places_parent_name_unique" ON "places" USING btree (coalesce("parent_id", '00000000-0000-0000-0000-000000000000'::uuid),"name");--> statement-breakpoint
CREATE INDEX "places_parent_idx" ON "places" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "places_country_idx" ON "places" USING btree ("country_code");--> statement-breakpoint
CREATE POLICY "verified lgus are public" ON "lgus" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("lgus"."verification_status" = 'verified');--> statement-breakpoint
CREATE POLICY "places are public" ON "places" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "members read their own profile" ON "profiles" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("profiles"."id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members create their own profile" ON "profiles" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("profiles"."id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members update their own profile" ON "profiles" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("profiles"."id" = (select auth.uid())) WITH CHECK ("profiles"."id" = (select auth.uid()));