-- Property tax paid at the LGU's treasury (cash or a bank transfer the treasurer has seen). The
-- treasurer records it as themselves, so the database checks their role and the audit row names
-- them; the online payment (record_property_tax_payment, server only) and this one share the
-- rules: once per (source, external id), once per assessment, never less than the tax itself.

create or replace function app_private.rpt_record_payment(p_row public.rpt_assessments, p_payer uuid, p_amount_minor bigint,
                                                          p_channel public.service_payment_channel, p_source text, p_external_id text)
  returns text
  language plpgsql
  set search_path = ''
as $$
declare
  v_receipt text;
begin
  select p.receipt_number into v_receipt from public.service_payments p where p.source = p_source and p.external_id = p_external_id;
  if found then
    return v_receipt;
  end if;
  if exists (select 1 from public.service_payments p where p.subject = 'property_tax' and p.subject_id = p_row.id) then
    raise exception 'this assessment is already paid' using errcode = '23514', hint = 'already_paid';
  end if;
  if p_amount_minor is null or p_amount_minor < p_row.tax_due_minor or p_amount_minor <= 0 then
    raise exception 'the amount is less than the tax due' using errcode = '23514', hint = 'amount_too_small';
  end if;
  v_receipt := app_private.next_service_number(p_row.lgu_id, 'OR', extract(year from now() at time zone 'utc')::integer);
  insert into public.service_payments (lgu_id, subject, subject_id, payer_id, amount_minor, currency, channel, source, external_id, receipt_number, recorded_by)
  values (p_row.lgu_id, 'property_tax', p_row.id, p_payer, p_amount_minor, p_row.currency, p_channel, p_source, p_external_id, v_receipt, auth.uid());
  return v_receipt;
end
$$;
--> statement-breakpoint

create or replace function public.record_property_tax_payment(p_assessment uuid, p_payer uuid, p_amount_minor bigint, p_channel public.service_payment_channel,
                                                              p_source text, p_external_id text)
  returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.rpt_assessments;
begin
  select * into v_row from public.rpt_assessments a where a.id = p_assessment for update;
  if not found then
    raise exception 'no such assessment' using errcode = '23514', hint = 'assessment_not_found';
  end if;
  return app_private.rpt_record_payment(v_row, p_payer, p_amount_minor, p_channel, p_source, p_external_id);
end
$$;
--> statement-breakpoint

-- p_key is the form's one-time key (a UUID rendered with the form), so a form sent twice records
-- one payment. An assessment of another LGU answers as one that does not exist.
create or replace function public.record_property_tax_counter_payment(p_assessment uuid, p_amount_minor bigint, p_channel public.service_payment_channel, p_key text)
  returns text
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.rpt_assessments;
begin
  if p_key is null or p_key !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'the form is unreadable' using errcode = '22023', hint = 'unreadable';
  end if;
  if p_channel is null or p_channel not in ('cash', 'bank_transfer') then
    raise exception 'a treasury payment is cash or a bank transfer' using errcode = '23514', hint = 'channel_invalid';
  end if;
  select * into v_row from public.rpt_assessments a where a.id = p_assessment for update;
  if not found or not app_private.has_lgu_role(v_row.lgu_id, array['treasurer', 'admin']) then
    raise exception 'no such assessment for this treasurer' using errcode = '42501', hint = 'assessment_not_found';
  end if;
  return app_private.rpt_record_payment(v_row, null, p_amount_minor, p_channel, 'treasurer', 'counter-rpt-' || p_key);
end
$$;
--> statement-breakpoint

revoke all on function app_private.rpt_record_payment(public.rpt_assessments, uuid, bigint, public.service_payment_channel, text, text) from public, anon, authenticated;
--> statement-breakpoint
revoke all on function public.record_property_tax_counter_payment(uuid, bigint, public.service_payment_channel, text) from public, anon;
--> statement-breakpoint
grant execute on function public.record_property_tax_counter_payment(uuid, bigint, public.service_payment_channel, text) to authenticated, service_role;
