-- Search needs accent-insensitive full text (unaccent) and typo-tolerant matching (pg_trgm). On
-- Supabase both are available extensions; locally they ship with PostgreSQL's contrib modules.
create extension if not exists unaccent;
--> statement-breakpoint
create extension if not exists pg_trgm;
--> statement-breakpoint
-- unaccent() is only STABLE (it reads its dictionary), so it cannot appear in an index expression;
-- this wrapper names the dictionary explicitly and is IMMUTABLE, as the PostgreSQL docs suggest.
create or replace function public.immutable_unaccent(text) returns text
  language sql immutable parallel safe strict
  -- public locally; on Supabase the extension may live in the `extensions` schema instead.
  set search_path = public, extensions
as $$
  select unaccent('unaccent'::regdictionary, $1)
$$;
