/**
 * Receipts by email: each receipt the database issued goes to its donor once, in their language,
 * with the link to download it. Run by the jobs runner every minute; a receipt is marked sent in
 * the transaction that sends it, so a failed send is retried and a sent one never repeats.
 */
import { sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService } from "~/db/client.server";
import { languageOrFallback } from "~/i18n/config";
import { formatMoney } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";

type Unsent = { id: string; number: string; amount_minor: string; currency: string; email: string; locale: string | null; project_title: Record<string, string> };

export async function sendReceiptEmails(siteUrl: string, limit = 100): Promise<number> {
  const ids = await asService((tx) =>
    tx.execute<{ id: string }>(sql`
      select r.id from public.receipts r
      join public.contributions c on c.id = r.contribution_id
      join auth.users u on u.id = c.donor_id
      where r.emailed_at is null and u.email is not null
      order by r.issued_at limit ${limit}`),
  );
  let sent = 0;
  for (const { id } of ids) {
    const done = await asService(async (tx) => {
      const [receipt] = await tx.execute<Unsent>(sql`
        update public.receipts r set emailed_at = now()
        from public.contributions c, auth.users u, public.projects p
        where r.id = ${id} and r.emailed_at is null and c.id = r.contribution_id and u.id = c.donor_id and p.id = c.project_id
        returning r.id, r.number, r.amount_minor, r.currency, u.email,
          (select pr.preferred_locale from public.profiles pr where pr.id = c.donor_id) as locale, p.title as project_title`);
      if (!receipt) return false;
      const locale = languageOrFallback(receipt.locale);
      const t = await i18nServer.getFixedT(locale, "giving");
      const title = localized(receipt.project_title, locale)?.text ?? "";
      const amount = formatMoney(Number(receipt.amount_minor), receipt.currency, locale);
      await getEmailPort().send({
        to: receipt.email,
        subject: t("emails.receipt.subject", { title, number: receipt.number }),
        text: [t("emails.receipt.body", { title, amount, number: receipt.number }), "", `${siteUrl}/receipts/${receipt.number}.pdf`].join("\n"),
        template: "gift-receipt",
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
