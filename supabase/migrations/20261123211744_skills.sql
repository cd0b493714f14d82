CREATE TYPE "public"."skill_kind" AS ENUM('occupation', 'skill');--> statement-breakpoint
CREATE TYPE "public"."skill_level" AS ENUM('basic', 'intermediate', 'advanced', 'expert');--> statement-breakpoint
CREATE TYPE "public"."skill_relation_kind" AS ENUM('related', 'occupation');--> statement-breakpoint
CREATE TABLE "member_skills" (
	"profile_id" uuid NOT NULL,
	"skill_code" text NOT NULL,
	"level" "skill_level" NOT NULL,
	"years" smallint DEFAULT 0 NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "member_skills_profile_id_skill_code_pk" PRIMARY KEY("profile_id","skill_code"),
	CONSTRAINT "member_skills_years_range" CHECK ("member_skills"."years" between 0 and 60),
	CONSTRAINT "member_skills_note_length" CHECK ("member_skills"."note" is null or char_length("member_skills"."note") between 1 and 300)
);
--> statement-breakpoint
ALTER TABLE "member_skills" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "skill_relations" (
	"skill_code" text NOT NULL,
	"related_code" text NOT NULL,
	"kind" "skill_relation_kind" NOT NULL,
	CONSTRAINT "skill_relations_skill_code_related_code_pk" PRIMARY KEY("skill_code","related_code"),
	CONSTRAINT "skill_relations_not_self" CHECK ("skill_relations"."skill_code" <> "skill_relations"."related_code")
);
--> statement-breakpoint
ALTER TABLE "skill_relations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "skills" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" "skill_kind" NOT NULL,
	"isco_code" text,
	"parent_code" text,
	"labels" jsonb NOT NULL,
	"search_text" text GENERATED ALWAYS AS (lower(public.immutable_unaccent(replace(code, '_', ' ') || ' ' || (labels->>'en') || ' ' || (labels->>'fil') || ' ' || (labels->>'es') || ' ' || (labels->>'fr') || ' ' || (labels->>'ar')))) STORED NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('pg_catalog.english'::regconfig, public.immutable_unaccent(labels->>'en'))
  || to_tsvector('pg_catalog.spanish'::regconfig, public.immutable_unaccent(labels->>'es'))
  || to_tsvector('pg_catalog.french'::regconfig, public.immutable_unaccent(labels->>'fr'))
  || to_tsvector('pg_catalog.arabic'::regconfig, labels->>'ar')
  || to_tsvector('pg_catalog.simple'::regconfig, lower(public.immutable_unaccent(replace(code, '_', ' ') || ' ' || (labels->>'en') || ' ' || (labels->>'fil') || ' ' || (labels->>'es') || ' ' || (labels->>'fr') || ' ' || (labels->>'ar'))))) STORED NOT NULL,
	CONSTRAINT "skills_code_shape" CHECK (("skills"."kind" = 'skill' and "skills"."code" ~ '^[a-z][a-z0-9_]{1,62}$' and "skills"."isco_code" is null and "skills"."parent_code" is null)
        or ("skills"."kind" = 'occupation' and "skills"."isco_code" ~ '^[0-9]{1,4}$' and "skills"."code" = 'isco08_' || "skills"."isco_code")),
	CONSTRAINT "skills_labels_complete" CHECK (jsonb_typeof("skills"."labels") = 'object'
        and coalesce(char_length(btrim("skills"."labels"->>'en')), 0) between 1 and 200
        and coalesce(char_length(btrim("skills"."labels"->>'fil')), 0) between 1 and 200
        and coalesce(char_length(btrim("skills"."labels"->>'es')), 0) between 1 and 200
        and coalesce(char_length(btrim("skills"."labels"->>'fr')), 0) between 1 and 200
        and coalesce(char_length(btrim("skills"."labels"->>'ar')), 0) between 1 and 200)
);
--> statement-breakpoint
ALTER TABLE "skills" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "member_skills" ADD CONSTRAINT "member_skills_profile_id_profiles_id_fk" FOREIGN KEY ("profile_id") REFERENCES "public"."profiles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_skills" ADD CONSTRAINT "member_skills_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_relations" ADD CONSTRAINT "skill_relations_skill_code_skills_code_fk" FOREIGN KEY ("skill_code") REFERENCES "public"."skills"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_relations" ADD CONSTRAINT "skill_relations_related_code_skills_code_fk" FOREIGN KEY ("related_code") REFERENCES "public"."skills"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skills" ADD CONSTRAINT "skills_parent_code_skills_code_fk" FOREIGN KEY ("parent_code") REFERENCES "public"."skills"("code") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_skills_skill_idx" ON "member_skills" USING btree ("skill_code");--> statement-breakpoint
CREATE INDEX "skill_relations_related_idx" ON "skill_relations" USING btree ("related_code");--> statement-breakpoint
CREATE UNIQUE INDEX "skills_isco_code_idx" ON "skills" USING btree ("isco_code");--> statement-breakpoint
CREATE INDEX "skills_parent_idx" ON "skills" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "skills_search_idx" ON "skills" USING gin ("search");--> statement-breakpoint
CREATE INDEX "skills_search_text_idx" ON "skills" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE POLICY "members read their own skills" ON "member_skills" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("member_skills"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members add their own skills" ON "member_skills" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("member_skills"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members change their own skills" ON "member_skills" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("member_skills"."profile_id" = (select auth.uid())) WITH CHECK ("member_skills"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "members remove their own skills" ON "member_skills" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("member_skills"."profile_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "anyone reads skill relations" ON "skill_relations" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "anyone reads the skills taxonomy" ON "skills" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);