-- Business permits: who may write what, and the application's life as database functions. Each
-- function checks the caller's role and the application's current status, moves it, writes the
-- status history (permit_events) and, through the audit trigger, the audit log, in one transaction.
-- Refusals: 42501 (hint not_applicant / not_officer / not_treasurer) for the wrong person, 23514
-- with a hint naming the rule for the wrong status or input; nothing changes.

-- Applicants write only their application's own details and documents; the rest (status,
-- reference, fee, notes, dates) only through the functions below.
revoke insert, update on public.permit_applications from anon, authenticated;
--> statement-breakpoint
grant insert (lgu_id, permit_type_id, applicant_id, business_name, line_of_business, address, owner_name, owner_phone, declared_minor, currency, renewal_of)
  on public.permit_applications to authenticated;
--> statement-breakpoint
grant update (business_name, line_of_business, address, owner_name, owner_phone, declared_minor, updated_at) on public.permit_applications to authenticated;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.permit_documents from anon, authenticated;
--> statement-breakpoint
grant insert (application_id, requirement_id, storage_key, content_type, size_bytes, file_name, uploaded_by) on public.permit_documents to authenticated;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.permit_events, public.permits, public.service_counters, public.service_payments from anon, authenticated;
--> statement-breakpoint
revoke delete, truncate on public.permit_types from anon, authenticated;
--> statement-breakpoint

-- A new upload for a requirement replaces the earlier one (kept, for the history).
create or replace function app_private.permit_document_replaces() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  update public.permit_documents d set replaced_at = now()
   where d.application_id = new.application_id and d.requirement_id = new.requirement_id and d.id <> new.id and d.replaced_at is null;
  return null;
end
$$;
--> statement-breakpoint
create trigger permit_documents_replace after insert on public.permit_documents
  for each row execute function app_private.permit_document_replaces();
--> statement-breakpoint

-- Audit: types, requirements, every status or fee change of an application, permits, payments.
create trigger permit_types_audit after insert or update on public.permit_types
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger permit_applications_audit after update on public.permit_applications
  for each row when ((old.status, old.fee_minor) is distinct from (new.status, new.fee_minor))
  execute function app_private.audit_row();
--> statement-breakpoint
create trigger permits_audit after insert or update on public.permits
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger service_payments_audit after insert on public.service_payments
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- The next number of a kind for an LGU and year: NAGA-CITY-BP-2026-000123. Never repeats or skips.
create or replace function app_private.next_service_number(p_lgu uuid, p_kind text, p_year integer) returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_slug text;
  v_last integer;
begin
  select l.slug into strict v_slug from public.lgus l where l.id = p_lgu;
  insert into public.service_counters as c (lgu_id, kind, year, last) values (p_lgu, p_kind, p_year, 1)
    on conflict (lgu_id, kind, year) do update set last = c.last + 1
    returning last into v_last;
  return upper(v_slug) || '-' || p_kind || '-' || p_year || '-' || lpad(v_last::text, 6, '0');
end
$$;
--> statement-breakpoint

-- The application, locked, if the caller may act on it as `p_as` ('applicant', 'officer' or
-- 'treasurer'); 42501 otherwise.
create or replace function app_private.permit_application_for(p_application uuid, p_as text) returns public.permit_applications
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications;
begin
  select * into v_row from public.permit_applications a where a.id = p_application for update;
  if found and p_as = 'applicant' and v_row.applicant_id = auth.uid() then
    return v_row;
  end if;
  if found and p_as = 'officer' and (app_private.has_lgu_role(v_row.lgu_id, array['admin', 'permits_officer']) or app_private.is_platform_admin()) then
    return v_row;
  end if;
  if found and p_as = 'treasurer' and (app_private.has_lgu_role(v_row.lgu_id, array['admin', 'treasurer']) or auth.role() = 'service_role') then
    return v_row;
  end if;
  raise exception 'not allowed to act on this application' using errcode = '42501', hint = 'not_' || p_as;
end
$$;
--> statement-breakpoint

-- Moves an application (with its assessed fee, when one is given) and writes its history.
create or replace function app_private.permit_move(p_row public.permit_applications, p_to public.permit_application_status, p_note text, p_fee_minor bigint default null)
  returns void
  language plpgsql security definer
  set search_path = ''
as $$
begin
  update public.permit_applications
     set status = p_to, fee_minor = coalesce(p_fee_minor, fee_minor), officer_note = case when p_to in ('info_requested', 'rejected') then p_note else officer_note end,
         decided_at = case when p_to in ('approved', 'rejected') then now() else decided_at end, updated_at = now()
   where id = p_row.id;
  insert into public.permit_events (application_id, lgu_id, from_status, to_status, actor_id, note)
  values (p_row.id, p_row.lgu_id, p_row.status, p_to, auth.uid(), p_note);
end
$$;
--> statement-breakpoint

create or replace function app_private.require_permit_status(p_row public.permit_applications, p_allowed public.permit_application_status[])
  returns void
  language plpgsql
  set search_path = ''
as $$
begin
  if not (p_row.status = any (p_allowed)) then
    raise exception 'the application is %', p_row.status using errcode = '23514', hint = 'wrong_status';
  end if;
end
$$;
--> statement-breakpoint

create or replace function app_private.require_permit_note(p_note text) returns text
  language plpgsql
  set search_path = ''
as $$
begin
  if p_note is null or length(btrim(p_note)) < 5 or length(p_note) > 2000 then
    raise exception 'a reason of 5 to 2000 characters is needed' using errcode = '23514', hint = 'note_required';
  end if;
  return btrim(p_note);
end
$$;
--> statement-breakpoint

-- The applicant submits (again, after giving the information asked for): every mandatory
-- requirement needs a document. The reference is issued on the first submission.
create or replace function public.submit_permit_application(p_application uuid) returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications := app_private.permit_application_for(p_application, 'applicant');
  v_reference text := v_row.reference;
begin
  perform app_private.require_permit_status(v_row, array['draft', 'info_requested']::public.permit_application_status[]);
  if not exists (select 1 from public.permit_types pt where pt.id = v_row.permit_type_id and pt.active) then
    raise exception 'this permit type is no longer offered' using errcode = '23514', hint = 'type_inactive';
  end if;
  if exists (select 1 from public.permit_requirements r where r.permit_type_id = v_row.permit_type_id and r.mandatory
             and not exists (select 1 from public.permit_documents d where d.application_id = v_row.id and d.requirement_id = r.id and d.replaced_at is null)) then
    raise exception 'a mandatory document is missing' using errcode = '23514', hint = 'documents_missing';
  end if;
  if v_reference is null then
    v_reference := app_private.next_service_number(v_row.lgu_id, 'BP', extract(year from now() at time zone 'utc')::integer);
    update public.permit_applications set reference = v_reference, submitted_at = now() where id = v_row.id;
  end if;
  perform app_private.permit_move(v_row, 'submitted', null);
  return v_reference;
end
$$;
--> statement-breakpoint

-- An officer asks the applicant for more (a document, a correction); the applicant can edit and upload again.
create or replace function public.request_permit_information(p_application uuid, p_note text) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications := app_private.permit_application_for(p_application, 'officer');
begin
  perform app_private.require_permit_status(v_row, array['submitted', 'assessed']::public.permit_application_status[]);
  perform app_private.permit_move(v_row, 'info_requested', app_private.require_permit_note(p_note));
end
$$;
--> statement-breakpoint

-- An officer sets the fee (computed from the type's schedule and the declared figure; the officer may correct it).
create or replace function public.assess_permit_fee(p_application uuid, p_fee_minor bigint) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications := app_private.permit_application_for(p_application, 'officer');
begin
  perform app_private.require_permit_status(v_row, array['submitted', 'assessed']::public.permit_application_status[]);
  if p_fee_minor is null or p_fee_minor < 0 or p_fee_minor > 100000000000 then
    raise exception 'the fee must be zero or more' using errcode = '23514', hint = 'fee_invalid';
  end if;
  perform app_private.permit_move(v_row, 'assessed', null, p_fee_minor);
end
$$;
--> statement-breakpoint

-- An officer approves an assessed application; with no fee to pay it is at once ready to issue.
create or replace function public.approve_permit_application(p_application uuid) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications := app_private.permit_application_for(p_application, 'officer');
begin
  perform app_private.require_permit_status(v_row, array['assessed']::public.permit_application_status[]);
  perform app_private.permit_move(v_row, 'approved', null);
  if v_row.fee_minor = 0 then
    select * into v_row from public.permit_applications where id = v_row.id;
    perform app_private.permit_move(v_row, 'paid', 'no fee');
  end if;
end
$$;
--> statement-breakpoint

create or replace function public.reject_permit_application(p_application uuid, p_reason text) returns void
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications := app_private.permit_application_for(p_application, 'officer');
begin
  perform app_private.require_permit_status(v_row, array['submitted', 'info_requested', 'assessed', 'approved']::public.permit_application_status[]);
  perform app_private.permit_move(v_row, 'rejected', app_private.require_permit_note(p_reason));
end
$$;
--> statement-breakpoint

-- The fee was paid: online (the server, after the payment provider confirmed it) or at the
-- treasury (the LGU's treasurer). Once per (source, external id); the amount must be the fee.
create or replace function public.record_permit_fee_payment(p_application uuid, p_amount_minor bigint, p_channel public.service_payment_channel, p_source text, p_external_id text)
  returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications := app_private.permit_application_for(p_application, 'treasurer');
  v_receipt text;
begin
  select p.receipt_number into v_receipt from public.service_payments p where p.source = p_source and p.external_id = p_external_id;
  if found then
    return v_receipt;
  end if;
  perform app_private.require_permit_status(v_row, array['approved']::public.permit_application_status[]);
  if p_amount_minor is distinct from v_row.fee_minor then
    raise exception 'the amount paid must be the assessed fee' using errcode = '23514', hint = 'amount_not_fee';
  end if;
  v_receipt := app_private.next_service_number(v_row.lgu_id, 'OR', extract(year from now() at time zone 'utc')::integer);
  insert into public.service_payments (lgu_id, subject, subject_id, payer_id, amount_minor, currency, channel, source, external_id, receipt_number, recorded_by)
  values (v_row.lgu_id, 'permit_fee', v_row.id, v_row.applicant_id, p_amount_minor, v_row.currency, p_channel, p_source, p_external_id, v_receipt, auth.uid());
  perform app_private.permit_move(v_row, 'paid', v_receipt);
  return v_receipt;
end
$$;
--> statement-breakpoint

-- An officer issues the permit: numbered, valid for the type's period from p_valid_from, with a
-- verification token for its QR code.
create or replace function public.issue_permit(p_application uuid, p_valid_from date) returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.permit_applications := app_private.permit_application_for(p_application, 'officer');
  v_months integer;
  v_number text;
begin
  perform app_private.require_permit_status(v_row, array['paid']::public.permit_application_status[]);
  if p_valid_from is null or p_valid_from < (now() at time zone 'utc')::date - 31 or p_valid_from > (now() at time zone 'utc')::date + 366 then
    raise exception 'the permit must start within a month before or a year after today' using errcode = '23514', hint = 'valid_from_invalid';
  end if;
  select pt.validity_months into strict v_months from public.permit_types pt where pt.id = v_row.permit_type_id;
  v_number := app_private.next_service_number(v_row.lgu_id, 'PERMIT', extract(year from p_valid_from)::integer);
  insert into public.permits (application_id, lgu_id, number, verification_token, valid_from, valid_until, issued_by)
  values (v_row.id, v_row.lgu_id, v_number, replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''),
          p_valid_from, (p_valid_from + make_interval(months => v_months) - interval '1 day')::date, auth.uid());
  perform app_private.permit_move(v_row, 'issued', v_number);
  return v_number;
end
$$;
--> statement-breakpoint

-- Anyone checks a permit by the token in its QR code: what it is for and whether it is valid today.
create or replace function public.verify_permit(p_token text)
  returns table (number text, business_name text, line_of_business text, address text, lgu_name text, lgu_slug text, valid_from date, valid_until date, state text)
  language sql stable security definer
  set search_path = ''
as $$
  select p.number, a.business_name, a.line_of_business, a.address, l.name, l.slug, p.valid_from, p.valid_until,
         case when p.revoked_at is not null then 'revoked'
              when (now() at time zone 'utc')::date > p.valid_until then 'expired'
              when (now() at time zone 'utc')::date < p.valid_from then 'not_yet_valid'
              else 'valid' end
  from public.permits p
  join public.permit_applications a on a.id = p.application_id
  join public.lgus l on l.id = p.lgu_id
  where p_token ~ '^[0-9a-f]{64}$' and p.verification_token = p_token;
$$;
--> statement-breakpoint

-- Anyone looks an application's status up by its reference and a second factor (the business name,
-- or the last four digits of the applicant's phone): status and dates only, no personal data.
create or replace function public.permit_status_lookup(p_reference text, p_second_factor text)
  returns table (reference text, status text, submitted_at timestamptz, updated_at timestamptz)
  language sql stable security definer
  set search_path = ''
as $$
  select a.reference, a.status::text, a.submitted_at, a.updated_at
  from public.permit_applications a
  where a.reference = upper(btrim(p_reference))
    and length(btrim(coalesce(p_second_factor, ''))) >= 4
    and (lower(regexp_replace(btrim(a.business_name), '\s+', ' ', 'g')) = lower(regexp_replace(btrim(p_second_factor), '\s+', ' ', 'g'))
         or (btrim(p_second_factor) ~ '^[0-9]{4}$' and right(regexp_replace(a.owner_phone, '[^0-9]', '', 'g'), 4) = btrim(p_second_factor)));
$$;
--> statement-breakpoint

-- Median days from submission to issue, by permit type, for an LGU's officers.
create or replace function public.permit_processing_times(p_lgu uuid)
  returns table (permit_type_id uuid, issued integer, median_days numeric)
  language plpgsql stable security definer
  set search_path = ''
as $$
begin
  if not (app_private.has_lgu_role(p_lgu, array['admin', 'permits_officer']) or app_private.is_platform_admin()) then
    raise exception 'only the LGU''s permits officers see this' using errcode = '42501', hint = 'not_officer';
  end if;
  return query
  select a.permit_type_id, count(*)::integer,
         round((percentile_cont(0.5) within group (order by extract(epoch from (p.issued_at - a.submitted_at)) / 86400))::numeric, 1)
  from public.permit_applications a join public.permits p on p.application_id = a.id
  where a.lgu_id = p_lgu and a.submitted_at is not null
  group by a.permit_type_id;
end
$$;
--> statement-breakpoint

revoke all on function app_private.permit_document_replaces(), app_private.next_service_number(uuid, text, integer),
  app_private.permit_application_for(uuid, text), app_private.permit_move(public.permit_applications, public.permit_application_status, text, bigint)
  from public, anon, authenticated;
--> statement-breakpoint
revoke all on function public.submit_permit_application(uuid), public.request_permit_information(uuid, text), public.assess_permit_fee(uuid, bigint),
  public.approve_permit_application(uuid), public.reject_permit_application(uuid, text),
  public.record_permit_fee_payment(uuid, bigint, public.service_payment_channel, text, text), public.issue_permit(uuid, date),
  public.permit_processing_times(uuid), public.verify_permit(text), public.permit_status_lookup(text, text)
  from public;
--> statement-breakpoint
grant execute on function public.submit_permit_application(uuid), public.request_permit_information(uuid, text), public.assess_permit_fee(uuid, bigint),
  public.approve_permit_application(uuid), public.reject_permit_application(uuid, text),
  public.record_permit_fee_payment(uuid, bigint, public.service_payment_channel, text, text), public.issue_permit(uuid, date),
  public.permit_processing_times(uuid)
  to authenticated, service_role;
--> statement-breakpoint
grant execute on function public.verify_permit(text), public.permit_status_lookup(text, text) to anon, authenticated, service_role;
