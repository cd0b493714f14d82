/**
 * Reminders to review the returnee guide: when a topic has not been reviewed for the configured
 * number of days (RETURN_GUIDE_REVIEW_DAYS), its editors get one email per guide listing every
 * such topic: the platform admins for the national guide, the LGU's editors and admins for an
 * LGU's. Once per period, not a flood: a topic is claimed (review_reminded_at) in the transaction
 * that sends, so it is mentioned again only after another full period without a review; a run that
 * fails claims nothing and is retried (the outbox may then hold an email twice, never a flood).
 * Runs as a scheduled job (app/jobs).
 */
import { sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService } from "~/db/client.server";
import { languageOrFallback } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { i18nServer } from "~/i18n/i18next.server";

type Claimed = {
  lgu_id: string | null;
  lgu_slug: string | null;
  lgu_name: string | null;
  topic: string;
  reviewed_at: string;
};

/** Sends the reminders due at `now` for topics older than `maxAgeDays`; returns how many emails were sent. */
export async function sendReviewReminders(siteUrl: string, maxAgeDays: number, now = new Date()): Promise<number> {
  return asService(async (tx) => {
    const claimed = await tx.execute<Claimed>(sql`
      update public.return_guide_topics t set review_reminded_at = ${now.toISOString()}::timestamptz
      from (select t2.id from public.return_guide_topics t2
            where t2.reviewed_at < ${now.toISOString()}::timestamptz - make_interval(days => ${maxAgeDays}::integer)
              and (t2.review_reminded_at is null or t2.review_reminded_at < ${now.toISOString()}::timestamptz - make_interval(days => ${maxAgeDays}::integer))
            for update skip locked) due
      where t.id = due.id
      returning t.lgu_id, (select l.slug from public.lgus l where l.id = t.lgu_id) as lgu_slug,
        (select l.name from public.lgus l where l.id = t.lgu_id) as lgu_name, t.topic::text as topic, t.reviewed_at`);
    const guides = new Map<string, Claimed[]>();
    for (const row of claimed) guides.set(row.lgu_id ?? "national", [...(guides.get(row.lgu_id ?? "national") ?? []), row]);
    let sent = 0;
    for (const [key, topics] of guides) {
      const national = key === "national";
      const recipients = await tx.execute<{ email: string; locale: string | null }>(national
        ? sql`select u.email, p.preferred_locale as locale from public.platform_admins a join auth.users u on u.id = a.user_id
              left join public.profiles p on p.id = u.id where u.email is not null order by u.email`
        : sql`select distinct u.email, p.preferred_locale as locale from public.lgu_memberships m join auth.users u on u.id = m.user_id
              left join public.profiles p on p.id = u.id where m.lgu_id = ${key}::uuid and m.role in ('admin', 'editor') and u.email is not null order by u.email`);
      const editPath = national ? "/admin/return-guide" : `/manage/${topics[0]!.lgu_slug}/return-guide`;
      for (const recipient of recipients) {
        const locale = languageOrFallback(recipient.locale);
        const t = await i18nServer.getFixedT(locale, "returnGuide");
        const guide = national ? t("national") : topics[0]!.lgu_name!;
        await getEmailPort().send({
          to: recipient.email,
          subject: t("emails.review.subject", { guide, count: topics.length }),
          text: [
            t("emails.review.body", { guide, days: maxAgeDays }),
            "",
            ...topics.map((topic) => `- ${t(`topics.${topic.topic}.title`)} (${t("emails.review.lastReviewed", { date: formatDate(new Date(topic.reviewed_at), locale) })})`),
            "",
            `${siteUrl}${editPath}`,
          ].join("\n"),
          template: "return-guide-review",
        });
        sent++;
      }
    }
    return sent;
  });
}
