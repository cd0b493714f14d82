-- Project rules that hold for every code path: the workflow (who may move a project from which
-- status to which), the search document, timestamps, and the audit of status changes and spending.

create trigger projects_set_updated_at before update on public.projects
  for each row execute function public.set_updated_at();
--> statement-breakpoint

-- The workflow. draft → review (editors, admins) → fundraising (admins, verified LGUs only) →
-- funded → in progress → completed; review → draft sends a project back; admins may cancel any
-- open project with a public reason. Completed and cancelled projects are closed.
create or replace function app_private.project_workflow() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_api boolean := current_user in ('anon', 'authenticated');
  v_admin boolean;
  v_allowed boolean;
begin
  if tg_op = 'UPDATE' and v_api then
    if new.lgu_id is distinct from old.lgu_id or new.created_by is distinct from old.created_by then
      raise exception 'a project cannot move to another LGU or change its author' using errcode = '42501';
    end if;
    if old.status in ('completed', 'cancelled') then
      raise exception 'this project is closed' using errcode = 'P0001', hint = 'project_closed';
    end if;
    -- The dates the workflow stamps are the workflow's alone.
    new.submitted_at := old.submitted_at;
    new.published_at := old.published_at;
  end if;

  if tg_op = 'UPDATE' and new.status is distinct from old.status then
    if v_api then
      v_admin := app_private.has_lgu_role(new.lgu_id, array['admin']);
      v_allowed := case
        when old.status = 'draft' and new.status = 'review' then app_private.has_lgu_role(new.lgu_id, array['admin', 'editor'])
        when old.status = 'review' and new.status in ('draft', 'fundraising') then v_admin
        when old.status = 'fundraising' and new.status in ('funded', 'in_progress') then v_admin
        when old.status = 'funded' and new.status = 'in_progress' then v_admin
        when old.status = 'in_progress' and new.status = 'completed' then v_admin
        when new.status = 'cancelled' then v_admin
        else null
      end;
      if v_allowed is null then
        raise exception 'a project cannot go from % to %', old.status, new.status using errcode = 'P0001', hint = 'invalid_transition';
      end if;
      if not v_allowed then
        raise exception 'only the LGU''s admin may make this change' using errcode = '42501', hint = 'not_allowed';
      end if;
    end if;
    if new.status = 'fundraising' and not app_private.lgu_may_raise_funds(new.lgu_id) then
      raise exception 'only a verified LGU may raise funds' using errcode = 'P0001', hint = 'lgu_not_verified';
    end if;
    if new.status = 'review' then
      new.submitted_at := now();
    end if;
    if new.status = 'fundraising' and old.published_at is null then
      new.published_at := now();
    end if;
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger projects_workflow before update on public.projects
  for each row execute function app_private.project_workflow();
--> statement-breakpoint

-- A new project always starts as a draft, whoever inserts it through the API.
create or replace function app_private.project_starts_as_draft() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if current_user in ('anon', 'authenticated') then
    new.status := 'draft';
    new.submitted_at := null;
    new.published_at := null;
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger projects_starts_as_draft before insert on public.projects
  for each row execute function app_private.project_starts_as_draft();
--> statement-breakpoint

-- The search document: every locale's title (weight A) and summary (weight B), stemmed with the
-- language's configuration where PostgreSQL has one (english, spanish, french, arabic) and also as
-- plain unaccented words ('simple', for Filipino and for names); search_text feeds trigram
-- matching for misspellings.
create or replace function app_private.project_search_document() returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  v_doc tsvector := ''::tsvector;
  v_text text := '';
  v_entry record;
  v_config regconfig;
begin
  for v_entry in
    select 'A' as weight, key, value from jsonb_each_text(new.title)
    union all
    select 'B', key, value from jsonb_each_text(new.summary)
  loop
    v_config := case v_entry.key
      when 'en' then 'pg_catalog.english' when 'es' then 'pg_catalog.spanish'
      when 'fr' then 'pg_catalog.french' when 'ar' then 'pg_catalog.arabic'
      else 'pg_catalog.simple' end::regconfig;
    v_doc := v_doc
      || setweight(to_tsvector(v_config, public.immutable_unaccent(v_entry.value)), v_entry.weight::"char")
      || setweight(to_tsvector('pg_catalog.simple', public.immutable_unaccent(v_entry.value)), v_entry.weight::"char");
    if v_entry.weight = 'A' then
      v_text := v_text || ' ' || lower(public.immutable_unaccent(v_entry.value));
    end if;
  end loop;
  new.search := v_doc;
  new.search_text := btrim(v_text);
  return new;
end
$$;
--> statement-breakpoint
create trigger projects_search_document before insert or update of title, summary on public.projects
  for each row execute function app_private.project_search_document();
--> statement-breakpoint

-- Audit: every status change of a project, every spending report. The audit function learns to
-- file a project's rows under the project's LGU, and leaves the search columns out.
create or replace function app_private.audit_row() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_before jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - 'token_hash' - 'search' - 'search_text' end;
  v_after jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - 'token_hash' - 'search' - 'search_text' end;
  v_row jsonb := coalesce(v_after, v_before);
  v_lgu uuid;
  v_organisation uuid;
begin
  if tg_table_name = 'lgus' then
    v_lgu := (v_row ->> 'id')::uuid;
  elsif tg_table_name = 'organisations' then
    v_organisation := (v_row ->> 'id')::uuid;
  else
    v_lgu := (v_row ->> 'lgu_id')::uuid;
    v_organisation := (v_row ->> 'organisation_id')::uuid;
  end if;
  -- Rows of a project (spending reports…) belong to the project's LGU.
  if v_lgu is null and v_row ? 'project_id' then
    select p.lgu_id into v_lgu from public.projects p where p.id = (v_row ->> 'project_id')::uuid;
  end if;
  insert into public.audit_log (actor_id, action, lgu_id, organisation_id, subject_table, subject_id, before, after)
  values (auth.uid(), tg_table_name || '.' || lower(tg_op), v_lgu, v_organisation, tg_table_name,
          coalesce(v_row ->> 'id', v_row ->> 'user_id'), v_before, v_after);
  return null;
end
$$;
--> statement-breakpoint
create trigger projects_status_audit after update on public.projects
  for each row when (old.status is distinct from new.status)
  execute function app_private.audit_row();
--> statement-breakpoint
create trigger spending_reports_audit after insert or update or delete on public.spending_reports
  for each row execute function app_private.audit_row();
