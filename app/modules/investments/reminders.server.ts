/**
 * Reminders of overdue leads: a lead whose next action's date has passed, still open and assigned
 * to an officer, gets that officer one email (in their language) a day at most. Runs as a scheduled
 * job (app/jobs); safe to run as often as you like: the lead is marked reminded today in the same
 * transaction that sends its email, so a failed send is retried next run and a sent one is not
 * repeated the same day. Unassigned leads are not emailed (nobody to tell); the pipeline marks them
 * overdue all the same.
 */
import { sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService } from "~/db/client.server";
import { languageOrFallback } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";

type DueLead = {
  id: string;
  display_name: string;
  next_action: string;
  next_action_on: string;
  email: string;
  locale: string | null;
  lgu_slug: string;
  title: Record<string, string>;
};

/** Sends the reminders due at `now`; returns how many were sent. */
export async function sendLeadReminders(siteUrl: string, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const due = await asService((tx) =>
    tx.execute<{ id: string }>(sql`
      select i.id from public.investment_interests i
      join auth.users u on u.id = i.assigned_to
      where i.next_action_on < ${today}::date and i.stage not in ('registered', 'declined')
        and (i.reminded_on is null or i.reminded_on < ${today}::date) and u.email is not null
        and exists (select 1 from public.lgu_memberships m where m.lgu_id = i.lgu_id and m.user_id = i.assigned_to and m.role in ('admin', 'investment_officer'))
      order by i.next_action_on, i.id`),
  );
  let sent = 0;
  for (const { id } of due) {
    const done = await asService(async (tx) => {
      // Claimed in this transaction: a concurrent run waits, then finds it reminded today and skips it.
      const [lead] = await tx.execute<DueLead>(sql`
        update public.investment_interests i set reminded_on = ${today}::date
        from auth.users u, public.lgus l, public.investment_opportunities o
        where i.id = ${id} and (i.reminded_on is null or i.reminded_on < ${today}::date)
          and i.next_action_on < ${today}::date and i.stage not in ('registered', 'declined')
          and u.id = i.assigned_to and l.id = i.lgu_id and o.id = i.opportunity_id
        returning i.id, i.display_name, i.next_action, i.next_action_on, u.email, l.slug as lgu_slug, o.title,
          (select p.preferred_locale from public.profiles p where p.id = i.assigned_to) as locale`);
      if (!lead) return false;
      const locale = languageOrFallback(lead.locale);
      const t = await i18nServer.getFixedT(locale, "invest");
      const values = {
        name: lead.display_name,
        action: lead.next_action,
        date: formatDate(lead.next_action_on, locale),
        title: localized(lead.title, locale)?.text ?? "",
      };
      await getEmailPort().send({
        to: lead.email,
        subject: t("emails.overdue.subject", values),
        text: [t("emails.overdue.body", values), "", `${siteUrl}/manage/${lead.lgu_slug}/investments/leads/${lead.id}`].join("\n"),
        template: "investment-lead-overdue",
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
