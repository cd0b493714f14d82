-- A co-funder's slug names it across projects (its public page, /funders/:slug): its name with
-- case, spacing and accents folded, in ASCII where it can be, plus a short hash of the kind and the
-- folded name, so names in other scripts and the same name under another kind stay apart. Always
-- set here, whatever an editor sends.
create or replace function app_private.cofunder_slug() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_folded text := lower(public.immutable_unaccent(regexp_replace(btrim(new.name), '\s+', ' ', 'g')));
  v_base text := left(trim(both '-' from regexp_replace(v_folded, '[^a-z0-9]+', '-', 'g')), 60);
begin
  new.funder_slug := coalesce(nullif(trim(both '-' from v_base), ''), 'funder') || '-' || left(md5(new.kind::text || ':' || v_folded), 6);
  return new;
end
$$;
--> statement-breakpoint
create trigger project_cofunders_slug before insert or update of name, kind, funder_slug on public.project_cofunders
  for each row execute function app_private.cofunder_slug();
--> statement-breakpoint
revoke all on function app_private.cofunder_slug() from public, anon, authenticated;
--> statement-breakpoint
-- Existing co-funders (the trigger sets the slug).
update public.project_cofunders set funder_slug = '';
