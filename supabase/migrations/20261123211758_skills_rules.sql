-- The skills taxonomy is reference data written only by migrations: the API roles read it.
revoke insert, update, delete, truncate on public.skills, public.skill_relations from anon, authenticated;
--> statement-breakpoint
-- A member changes a skill's level, years and note; which person and which skill stay.
revoke insert, update on public.member_skills from anon, authenticated;
--> statement-breakpoint
grant insert (profile_id, skill_code, level, years, note) on public.member_skills to authenticated;
--> statement-breakpoint
grant update (level, years, note) on public.member_skills to authenticated;
--> statement-breakpoint
create trigger member_skills_set_updated_at before update on public.member_skills
  for each row execute function public.set_updated_at();
--> statement-breakpoint

-- Links read both ways: "related" is stored once per pair; "occupation" goes skill -> occupation
-- and, read backwards, occupation -> skill (kind 'skill_of').
create view public.skill_links with (security_invoker = true) as
  select r.skill_code as code, r.related_code as linked_code, r.kind::text as kind from public.skill_relations r
  union all
  select r.related_code, r.skill_code, case r.kind when 'related' then 'related' else 'used_in' end from public.skill_relations r;
--> statement-breakpoint
comment on view public.skill_links is 'Taxonomy links both ways. kind: related (skill-skill), occupation (skill -> ISCO group using it), used_in (ISCO group -> a skill it uses).';
--> statement-breakpoint
grant select on public.skill_links to anon, authenticated, service_role;
--> statement-breakpoint

-- Search over every language's labels, accent- and case-insensitive, as you type: each query word
-- matches a word of a label by its beginning ("solda" finds "soldadura"), or by its stem in
-- English, Spanish, French and Arabic, or, failing both, by trigram likeness (typos). Ranked: a
-- label equal to the query, then a label starting with it, then full-text rank and likeness; ties
-- by the label in p_language. An empty query lists everything (of p_kind) in label order. Returns
-- one page of codes with the count of all matches.
create or replace function public.search_skills(
  p_query text,
  p_kind public.skill_kind default null,
  p_language text default 'en',
  p_limit integer default 20,
  p_offset integer default 0
)
  returns table (code text, rank real, total bigint)
  language plpgsql stable
  set search_path = pg_catalog, public, extensions
as $$
declare
  v_text text := btrim(regexp_replace(lower(public.immutable_unaccent(coalesce(p_query, ''))), '\s+', ' ', 'g'));
  v_prefix tsquery;
  v_stems tsquery;
  v_language text := case when p_language in ('en', 'fil', 'es', 'fr', 'ar') then p_language else 'en' end;
begin
  v_text := left(v_text, 100);
  if v_text = '' then
    return query
      select s.code, 0::real, count(*) over ()
      from public.skills s
      where p_kind is null or s.kind = p_kind
      order by lower(public.immutable_unaccent(s.labels->>v_language)), s.code
      offset greatest(p_offset, 0) limit least(greatest(p_limit, 0), 100);
    return;
  end if;
  select to_tsquery('pg_catalog.simple', string_agg(quote_literal(w) || ':*', ' & '))
    into v_prefix
    from unnest(tsvector_to_array(to_tsvector('pg_catalog.simple', v_text))) w;
  v_stems := websearch_to_tsquery('pg_catalog.english', v_text) || websearch_to_tsquery('pg_catalog.spanish', v_text)
    || websearch_to_tsquery('pg_catalog.french', v_text) || websearch_to_tsquery('pg_catalog.arabic', v_text);
  return query
    select m.code, m.rank, count(*) over ()
    from (
      select s.code, s.labels,
             (case when exists (select 1 from jsonb_each_text(s.labels) l where lower(public.immutable_unaccent(l.value)) = v_text) then 4
                   when exists (select 1 from jsonb_each_text(s.labels) l where lower(public.immutable_unaccent(l.value)) like v_text || '%') then 2
                   else 0 end
              + case when v_prefix is not null and s.search @@ v_prefix then 1 + ts_rank(s.search, v_prefix) else 0 end
              + case when numnode(v_stems) > 0 and s.search @@ v_stems then 0.5 + ts_rank(s.search, v_stems) else 0 end
              + word_similarity(v_text, s.search_text))::real as rank,
             (v_prefix is not null and s.search @@ v_prefix) or (numnode(v_stems) > 0 and s.search @@ v_stems) as matched
      from public.skills s
      where (p_kind is null or s.kind = p_kind)
        and ((v_prefix is not null and s.search @@ v_prefix)
             or (numnode(v_stems) > 0 and s.search @@ v_stems)
             or v_text <% s.search_text)
    ) m
    -- Typo matches only when nothing matched by words: otherwise they would crowd the page.
    where m.matched or not exists (
      select 1 from public.skills s2
      where (p_kind is null or s2.kind = p_kind)
        and ((v_prefix is not null and s2.search @@ v_prefix) or (numnode(v_stems) > 0 and s2.search @@ v_stems)))
    order by m.rank desc, lower(public.immutable_unaccent(m.labels->>v_language)), m.code
    offset greatest(p_offset, 0) limit least(greatest(p_limit, 0), 100);
end
$$;
--> statement-breakpoint
grant execute on function public.search_skills(text, public.skill_kind, text, integer, integer) to anon, authenticated, service_role;
--> statement-breakpoint

-- What others may see of a member's skills: only people whose engagement group is public. Runs as
-- its owner (a view), so member_skills' own policy (owner only) is not widened.
create view public.public_member_skills with (security_barrier = true) as
  select m.profile_id, m.skill_code, m.level, m.years
  from public.member_skills m
  join public.profiles p on p.id = m.profile_id
  where p.engagement_visibility = 'public';
--> statement-breakpoint
revoke all on public.public_member_skills from anon, authenticated;
--> statement-breakpoint
grant select on public.public_member_skills to anon, authenticated, service_role;
--> statement-breakpoint

-- What an LGU's staff may learn about its diaspora's skills: how many people from its area (the
-- LGU's place and every place under it) have each skill, only from people who share their
-- engagement group with hometown LGUs (as aggregates or publicly), never a count under 5.
create or replace function public.lgu_diaspora_skills(p_lgu uuid)
  returns table (skill_code text, members integer)
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if not app_private.has_lgu_role(p_lgu) then
    raise exception 'only staff of this LGU may see its diaspora''s skills' using errcode = '42501';
  end if;
  return query
  with recursive area as (
    select pl.id from public.places pl join public.lgus l on l.place_id = pl.id where l.id = p_lgu
    union
    select child.id from public.places child join area on child.parent_id = area.id
  ),
  people as (
    select distinct p.id from public.profiles p
    join public.profile_hometowns h on h.profile_id = p.id
    where h.place_id in (select id from area) and p.engagement_visibility in ('lgu_aggregate', 'public')
  )
  select c.skill_code, c.members from (
    select m.skill_code, count(*)::integer as members
    from public.member_skills m where m.profile_id in (select id from people)
    group by m.skill_code
  ) c
  where c.members >= 5
  order by c.members desc, c.skill_code;
end
$$;
--> statement-breakpoint
revoke all on function public.lgu_diaspora_skills(uuid) from public, anon;
--> statement-breakpoint
grant execute on function public.lgu_diaspora_skills(uuid) to authenticated;
