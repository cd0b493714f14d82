/**
 * Reminders before a pledge's due date: each pending offline pledge whose donor said when they
 * would send the money gets one email, in the donor's language, a few days before that day, with
 * its reference and how to send it. Runs as a scheduled job (app/jobs); safe to run as often as
 * you like: a pledge is marked reminded in the same transaction that sends its email, so a failed
 * send is retried next time and a sent one is never repeated.
 */
import { sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService } from "~/db/client.server";
import { languageOrFallback } from "~/i18n/config";
import { formatDate, formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";

/** How many days before the due date the reminder goes out. */
export const REMIND_DAYS_BEFORE = 3;

type DuePledge = {
  id: string;
  reference: string;
  channel: "bank_transfer" | "remittance" | "cash";
  amount_minor: string;
  currency: string;
  due_on: string;
  email: string;
  locale: string | null;
  project_title: Record<string, string>;
};

/** Sends the reminders due at `now`; returns how many were sent. */
export async function sendPledgeReminders(siteUrl: string, now = new Date()): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const due = await asService((tx) =>
    tx.execute<{ id: string }>(sql`
      select c.id from public.contributions c
      join auth.users u on u.id = c.donor_id
      where c.status = 'pending' and c.kind = 'pledge' and c.reminded_at is null and c.due_on is not null
        and c.due_on between ${today}::date and ${today}::date + ${REMIND_DAYS_BEFORE}::integer
        and u.email is not null
      order by c.due_on, c.id`),
  );
  let sent = 0;
  for (const { id } of due) {
    const done = await asService(async (tx) => {
      // Claimed in this transaction: another run waits, then finds it reminded and skips it.
      const [pledge] = await tx.execute<DuePledge>(sql`
        update public.contributions c set reminded_at = ${now.toISOString()}::timestamptz
        from auth.users u, public.projects p
        where c.id = ${id} and c.reminded_at is null and c.status = 'pending'
          and u.id = c.donor_id and p.id = c.project_id
        returning c.id, c.reference, c.channel, c.amount_minor, c.currency, c.due_on, u.email,
          (select pr.preferred_locale from public.profiles pr where pr.id = c.donor_id) as locale, p.title as project_title`);
      if (!pledge) return false;
      const locale = languageOrFallback(pledge.locale);
      const t = await i18nServer.getFixedT(locale, "giving");
      const amount = formatMoney(Number(pledge.amount_minor), pledge.currency, locale);
      const title = localized(pledge.project_title, locale)?.text ?? "";
      await getEmailPort().send({
        to: pledge.email,
        subject: t("emails.reminder.subject", { title }),
        text: [
          t("emails.reminder.body", { title, amount, date: formatDate(pledge.due_on, locale), reference: pledge.reference }),
          "",
          t(`instructions.${pledge.channel}`, { reference: pledge.reference, amount }),
          "",
          `${siteUrl}/me/gifts/${pledge.reference}`,
        ].join("\n"),
        template: "pledge-reminder",
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
