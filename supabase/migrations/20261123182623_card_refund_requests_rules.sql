-- Card refunds: the request is recorded as the treasurer (role check, amount check and audit row
-- together) before the payment provider is asked; the server then records what the provider said.
-- The ledger moves only when the provider's charge.refunded webhook arrives.
revoke insert, update, delete, truncate on public.card_refund_requests from anon, authenticated;
--> statement-breakpoint
create trigger card_refund_requests_audit after insert or update on public.card_refund_requests
  for each row execute function app_private.audit_row();
--> statement-breakpoint
create or replace function public.request_card_refund(p_contribution uuid, p_amount_minor bigint, p_key uuid)
  returns uuid
  language plpgsql security definer
  set search_path = ''
as $$
declare
  v_row public.contributions := app_private.require_treasurer(p_contribution);
  v_holds bigint;
  v_id uuid;
begin
  -- The same form submitted again: the request already made (the provider's idempotency key
  -- then makes it one refund).
  select r.id into v_id from public.card_refund_requests r where r.request_key = p_key and r.contribution_id = v_row.id;
  if found then
    return v_id;
  end if;
  if v_row.channel <> 'card' then
    raise exception 'only card gifts are refunded through the payment provider' using errcode = '23514', hint = 'not_card';
  end if;
  if v_row.kind = 'monthly' then
    raise exception 'a monthly gift''s payments are refunded one by one at the provider' using errcode = '23514', hint = 'monthly';
  end if;
  if v_row.stripe_payment_intent_id is null then
    raise exception 'this gift has not been paid' using errcode = '23514', hint = 'not_paid';
  end if;
  select coalesce(sum(case when e.type = 'received' then e.amount_minor else -e.amount_minor end), 0) into v_holds
    from public.contribution_events e where e.contribution_id = v_row.id;
  if v_holds <= 0 then
    raise exception 'this gift holds no money to refund' using errcode = '23514', hint = 'not_paid';
  end if;
  if p_amount_minor is null or p_amount_minor <= 0 or p_amount_minor > v_holds then
    raise exception 'the refund must be positive and no more than the gift still holds' using errcode = '23514', hint = 'bad_amount';
  end if;
  insert into public.card_refund_requests (contribution_id, project_id, amount_minor, currency, request_key, requested_by)
  values (v_row.id, v_row.project_id, p_amount_minor, v_row.currency, p_key, auth.uid())
  returning id into v_id;
  return v_id;
end
$$;
--> statement-breakpoint
revoke all on function public.request_card_refund(uuid, bigint, uuid) from public, anon;
--> statement-breakpoint
grant execute on function public.request_card_refund(uuid, bigint, uuid) to authenticated;
