-- Real property tax: who may write what, the audit, the public lookup and the payment.
-- Treasurers (and admins) of the LGU import assessments under RLS, as themselves; the import's own
-- progress is written by the server (service_role) while it runs. The public never reads an
-- assessment: rpt_lookup answers a tax declaration number and the owner's last name with what a
-- payer needs, and nothing for a wrong number or a wrong name alike. Payments are recorded only
-- by the server (after the sandbox's or the provider's confirmation), once per (source, external id).

revoke all on public.rpt_imports, public.rpt_assessments from anon;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.rpt_imports from authenticated;
--> statement-breakpoint
grant insert (lgu_id, created_by, file_name, storage_key, currency, total_bytes) on public.rpt_imports to authenticated;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.rpt_assessments from authenticated;
--> statement-breakpoint
grant insert (lgu_id, tax_declaration_number, property_location, owner_name, owner_last_name_key, assessed_value_minor, tax_due_minor, due_date,
  imported_penalties_minor, currency, import_id) on public.rpt_assessments to authenticated;
--> statement-breakpoint
grant update (property_location, owner_name, owner_last_name_key, assessed_value_minor, tax_due_minor, imported_penalties_minor, currency, import_id, updated_at)
  on public.rpt_assessments to authenticated;
--> statement-breakpoint
revoke insert, update, delete, truncate on public.property_forms from anon;
--> statement-breakpoint
revoke insert, update, truncate on public.property_forms from authenticated;
--> statement-breakpoint
grant insert (lgu_id, title, storage_key, content_type, size_bytes, file_name, published, uploaded_by) on public.property_forms to authenticated;
--> statement-breakpoint
grant update (title, published, updated_at) on public.property_forms to authenticated;
--> statement-breakpoint

create trigger rpt_imports_set_updated_at before update on public.rpt_imports
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger rpt_assessments_set_updated_at before update on public.rpt_assessments
  for each row execute function public.set_updated_at();
--> statement-breakpoint
create trigger property_forms_set_updated_at before update on public.property_forms
  for each row execute function public.set_updated_at();
--> statement-breakpoint

-- Audit: each import when it starts and when it ends (not every progress step, nor each of its
-- possibly 100,000 assessments: the import row carries the counts), and every change of a form.
create trigger rpt_imports_audit_insert after insert on public.rpt_imports
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create trigger rpt_imports_audit_status after update on public.rpt_imports
  for each row when (old.status is distinct from new.status)
  execute function app_private.audit_row();
--> statement-breakpoint
create trigger property_forms_audit after insert or update or delete on public.property_forms
  for each row execute function app_private.audit_row();
--> statement-breakpoint

-- The public lookup: the assessments of one declaration in a verified LGU whose owner's folded last
-- name is p_last_name_key, with whether each is paid. A wrong number and a wrong name both answer
-- no rows. The caller folds the name (app/modules/property-tax/names.ts), as the import did.
create or replace function public.rpt_lookup(p_lgu uuid, p_tax_declaration_number text, p_last_name_key text)
  returns table (id uuid, tax_declaration_number text, property_location text, tax_due_minor bigint, due_date date, imported_penalties_minor bigint,
                 currency text, receipt_number text, paid_at timestamptz)
  language sql stable security definer
  set search_path = ''
as $$
  select a.id, a.tax_declaration_number, a.property_location, a.tax_due_minor, a.due_date, a.imported_penalties_minor, a.currency::text,
         p.receipt_number, p.paid_at
  from public.rpt_assessments a
  left join lateral (select sp.receipt_number, sp.paid_at from public.service_payments sp
                     where sp.subject = 'property_tax' and sp.subject_id = a.id order by sp.paid_at limit 1) p on true
  where a.lgu_id = p_lgu
    and a.lgu_id in (select app_private.verified_lgu_ids())
    and a.tax_declaration_number = upper(regexp_replace(btrim(coalesce(p_tax_declaration_number, '')), '\s+', ' ', 'g'))
    and length(coalesce(p_last_name_key, '')) >= 2
    and a.owner_last_name_key = p_last_name_key
  order by a.due_date;
$$;
--> statement-breakpoint

-- Records a payment of an assessment, once: a repeated (source, external id) answers the receipt
-- it already has; a second payment of a paid assessment is refused (23514 already_paid), as is an
-- amount below the tax itself (amount_too_small). The server computes the amount with the
-- penalty as of the day (app/modules/property-tax/penalties.ts).
create or replace function public.record_property_tax_payment(p_assessment uuid, p_payer uuid, p_amount_minor bigint, p_channel public.service_payment_channel,
                                                              p_source text, p_external_id text)
  returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.rpt_assessments;
  v_receipt text;
begin
  select * into v_row from public.rpt_assessments a where a.id = p_assessment for update;
  if not found then
    raise exception 'no such assessment' using errcode = '23514', hint = 'assessment_not_found';
  end if;
  select p.receipt_number into v_receipt from public.service_payments p where p.source = p_source and p.external_id = p_external_id;
  if found then
    return v_receipt;
  end if;
  if exists (select 1 from public.service_payments p where p.subject = 'property_tax' and p.subject_id = v_row.id) then
    raise exception 'this assessment is already paid' using errcode = '23514', hint = 'already_paid';
  end if;
  if p_amount_minor is null or p_amount_minor < v_row.tax_due_minor or p_amount_minor <= 0 then
    raise exception 'the amount is less than the tax due' using errcode = '23514', hint = 'amount_too_small';
  end if;
  v_receipt := app_private.next_service_number(v_row.lgu_id, 'OR', extract(year from now() at time zone 'utc')::integer);
  insert into public.service_payments (lgu_id, subject, subject_id, payer_id, amount_minor, currency, channel, source, external_id, receipt_number, recorded_by)
  values (v_row.lgu_id, 'property_tax', v_row.id, p_payer, p_amount_minor, v_row.currency, p_channel, p_source, p_external_id, v_receipt, auth.uid());
  return v_receipt;
end
$$;
--> statement-breakpoint

revoke all on function public.rpt_lookup(uuid, text, text),
  public.record_property_tax_payment(uuid, uuid, bigint, public.service_payment_channel, text, text)
  from public, anon, authenticated;
--> statement-breakpoint
grant execute on function public.rpt_lookup(uuid, text, text) to anon, authenticated, service_role;
--> statement-breakpoint
grant execute on function public.record_property_tax_payment(uuid, uuid, bigint, public.service_payment_channel, text, text) to service_role;
