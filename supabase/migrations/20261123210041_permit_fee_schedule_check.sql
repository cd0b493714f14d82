-- A permit type's fee schedule must be one the application can charge from, whoever writes it: the
-- permits office writes permit_types directly under RLS, so the database checks the schedule's
-- shape as app/modules/permits/fees.ts does (validateFeeSchedule): fixed, or brackets by a declared
-- figure, ascending from zero without gap or overlap, the last open-ended, each charging a fixed
-- fee, a rate or both, in the type's own currency. (That the fee never falls from one bracket to
-- the next is checked by the module, with its rounding; a schedule of the right shape that breaks
-- it is refused at the form, and cannot charge a negative fee.)

create or replace function app_private.fee_schedule_is_valid(p_schedule jsonb, p_currency text) returns boolean
  language plpgsql immutable
  set search_path = ''
as $$
declare
  v_count integer;
  v_bracket jsonb;
  v_from numeric;
  v_to numeric;
  v_previous_to numeric;
  -- Non-negative whole numbers up to a limit, as JSON numbers.
  v_max_declared constant numeric := 1000000000000000;
  v_max_fee constant numeric := 1000000000000;
begin
  if jsonb_typeof(p_schedule) is distinct from 'object' or p_schedule->>'currency' is distinct from p_currency then
    return false;
  end if;
  if p_schedule->>'kind' = 'fixed' then
    return (select count(*) from jsonb_object_keys(p_schedule)) = 3
       and jsonb_typeof(p_schedule->'amountMinor') = 'number'
       and (p_schedule->>'amountMinor')::numeric between 0 and v_max_fee
       and (p_schedule->>'amountMinor')::numeric = trunc((p_schedule->>'amountMinor')::numeric);
  end if;
  if p_schedule->>'kind' is distinct from 'bracketed'
     or (select count(*) from jsonb_object_keys(p_schedule)) <> 4
     or p_schedule->>'figure' is null or p_schedule->>'figure' not in ('capital', 'gross_sales', 'gross_receipts')
     or jsonb_typeof(p_schedule->'brackets') is distinct from 'array' then
    return false;
  end if;
  v_count := jsonb_array_length(p_schedule->'brackets');
  if v_count < 1 or v_count > 50 then
    return false;
  end if;
  for i in 0 .. v_count - 1 loop
    v_bracket := p_schedule->'brackets'->i;
    if jsonb_typeof(v_bracket) is distinct from 'object'
       or exists (select 1 from jsonb_object_keys(v_bracket) k where k not in ('fromMinor', 'toMinor', 'fixedMinor', 'rateBasisPoints'))
       or jsonb_typeof(v_bracket->'fromMinor') is distinct from 'number' then
      return false;
    end if;
    v_from := (v_bracket->>'fromMinor')::numeric;
    if v_from <> trunc(v_from) or v_from < 0 or v_from > v_max_declared or v_from <> coalesce(v_previous_to, 0) then
      return false;
    end if;
    if i = v_count - 1 then
      -- The last bracket is open-ended (its toMinor is there, and null).
      if not (v_bracket ? 'toMinor') or jsonb_typeof(v_bracket->'toMinor') <> 'null' then
        return false;
      end if;
    else
      if jsonb_typeof(v_bracket->'toMinor') is distinct from 'number' then
        return false;
      end if;
      v_to := (v_bracket->>'toMinor')::numeric;
      if v_to <> trunc(v_to) or v_to <= v_from or v_to > v_max_declared then
        return false;
      end if;
      v_previous_to := v_to;
    end if;
    if v_bracket->'fixedMinor' is null and v_bracket->'rateBasisPoints' is null then
      return false;
    end if;
    if v_bracket->'fixedMinor' is not null and (jsonb_typeof(v_bracket->'fixedMinor') <> 'number'
        or (v_bracket->>'fixedMinor')::numeric not between 0 and v_max_fee
        or (v_bracket->>'fixedMinor')::numeric <> trunc((v_bracket->>'fixedMinor')::numeric)) then
      return false;
    end if;
    if v_bracket->'rateBasisPoints' is not null and (jsonb_typeof(v_bracket->'rateBasisPoints') <> 'number'
        or (v_bracket->>'rateBasisPoints')::numeric not between 0 and 10000
        or (v_bracket->>'rateBasisPoints')::numeric * 100 <> trunc((v_bracket->>'rateBasisPoints')::numeric * 100)) then
      return false;
    end if;
  end loop;
  return true;
end
$$;
--> statement-breakpoint

alter table public.permit_types add constraint permit_types_fee_schedule_valid check (app_private.fee_schedule_is_valid(fee_schedule, currency));
