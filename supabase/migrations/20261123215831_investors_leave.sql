-- When a member deletes their account, their expressions of interest stay with the LGUs (the
-- officers' history of the lead), but nothing identifies them any more: the foreign key sets
-- member_id to null, and this trigger then drops their phone, withdraws the consent and replaces
-- the name they showed. Their email went with auth.users.
create or replace function app_private.investment_interest_member_gone() returns trigger
  language plpgsql security definer
  set search_path = ''
as $$
begin
  if old.member_id is not null and new.member_id is null then
    delete from public.investment_interest_contacts c where c.interest_id = new.id;
    new.display_name := 'Former member';
    new.country_of_residence := null;
    new.consent_to_contact := false;
  end if;
  return new;
end
$$;
--> statement-breakpoint
create trigger investment_interests_member_gone before update of member_id on public.investment_interests
  for each row execute function app_private.investment_interest_member_gone();
--> statement-breakpoint
revoke all on function app_private.investment_interest_member_gone() from public, anon, authenticated;
