/**
 * The digest email: items grouped by topic in the providers' order, best first where a topic
 * ranks its items (jobs, opportunities) and newest first otherwise, at most MAX_PER_TOPIC per
 * topic ("… and N more" links to the topic's page), each with its reasons on one line, every word
 * in the member's language and every date in their time zone, each section with its one-click
 * unsubscribe link and the whole digest's in the List-Unsubscribe headers (RFC 8058). Plain text.
 */
import type { EmailMessage } from "~/adapters/email/port";
import type { Language } from "~/i18n/config";
import { formatDate, formatList } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import type {
  DigestItem,
  DigestReason,
  DigestText,
  DigestValue,
} from "./provider";
import { TOPIC_PAGES, type DigestTopic } from "./topics";

export const MAX_PER_TOPIC = 10;
const EXCERPT = 200;

export interface DigestSection {
  topic: DigestTopic;
  items: DigestItem[];
  /** Items left out of the email beyond MAX_PER_TOPIC. */
  more: number;
}

export interface DigestRecipient {
  id: string;
  email: string;
  displayName: string;
  locale: Language;
  timeZone: string;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Items by topic, in `order`; duplicates (same topic and key) once; best ranked, then newest first; capped. */
export function groupByTopic(
  items: DigestItem[],
  order: readonly DigestTopic[]
): DigestSection[] {
  const sections: DigestSection[] = [];
  for (const topic of order) {
    const seen = new Set<string>();
    const mine = items
      .filter(
        (item) =>
          item.topic === topic && !seen.has(item.key) && seen.add(item.key)
      )
      .sort(
        (a, b) =>
          (b.rank ?? 0) - (a.rank ?? 0) ||
          new Date(b.at).getTime() - new Date(a.at).getTime() ||
          a.key.localeCompare(b.key)
      );
    if (mine.length)
      sections.push({
        topic,
        items: mine.slice(0, MAX_PER_TOPIC),
        more: Math.max(0, mine.length - MAX_PER_TOPIC),
      });
  }
  return sections;
}

/** The member's time zone when it is one Intl knows, UTC otherwise. */
export function recipientTimeZone(value: string | null | undefined): string {
  if (!value) return "UTC";
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return "UTC";
  }
}

function text(value: DigestText | undefined, locale: string): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return localized(value, locale)?.text ?? "";
}

/** A reason's value for i18next: numbers as they are (plurals), lists joined, words localized. */
function value(given: DigestValue, locale: string): string | number {
  if (typeof given === "number") return given;
  if (Array.isArray(given))
    return formatList(
      given.map((item) => text(item, locale)),
      locale
    );
  return text(given, locale);
}

/** The item's reasons as one line of sentences in the member's language. */
function reasonLine(
  t: Translate,
  reasons: DigestReason[],
  locale: string
): string {
  return reasons
    .map((reason) =>
      t(
        reason.key,
        Object.fromEntries(
          Object.entries(reason.values ?? {}).map(([name, given]) => [
            name,
            value(given, locale),
          ])
        )
      )
    )
    .join(" ");
}

function excerpt(value: string): string {
  const flat = value.replace(/\s+/g, " ").trim();
  return flat.length <= EXCERPT
    ? flat
    : `${flat.slice(0, EXCERPT - 1).trimEnd()}…`;
}

export interface DigestLinks {
  siteUrl: string;
  /** One-click unsubscribe, per topic and for the whole digest. */
  unsubscribe: (scope: DigestTopic | "all") => string;
}

export function renderDigest(
  t: Translate,
  recipient: DigestRecipient,
  sections: DigestSection[],
  window: { since: Date; until: Date },
  links: DigestLinks
): EmailMessage {
  const { locale, timeZone } = recipient;
  const day = (value: Date | string) =>
    formatDate(value, locale, { dateStyle: "medium", timeZone });
  const count = sections.reduce(
    (sum, section) => sum + section.items.length + section.more,
    0
  );
  // The window's last day is the day before its end (it ends at the start of the run).
  const lastDay = new Date(window.until.getTime() - 1);
  const lines: string[] = [
    t("email.greeting", { name: recipient.displayName }),
    "",
    t("email.intro", { count, from: day(window.since), to: day(lastDay) }),
  ];
  for (const section of sections) {
    lines.push("", `== ${t(`topics.${section.topic}.heading`)} ==`, "");
    for (const item of section.items) {
      const context = text(item.context, locale);
      lines.push(
        `• ${text(item.title, locale)}${context ? ` — ${context}` : ""} (${day(
          item.at
        )})`
      );
      if (item.reasons?.length)
        lines.push(`  ${reasonLine(t, item.reasons, locale)}`);
      const body = excerpt(text(item.body, locale));
      if (body) lines.push(`  ${body}`);
      lines.push(`  ${links.siteUrl}${item.href}`);
    }
    if (section.more)
      lines.push(
        "",
        t("email.more", {
          count: section.more,
          link: `${links.siteUrl}${TOPIC_PAGES[section.topic]}`,
        })
      );
    lines.push(
      "",
      t("email.unsubscribeTopic", {
        topic: t(`topics.${section.topic}.name`),
        link: links.unsubscribe(section.topic),
      })
    );
  }
  const all = links.unsubscribe("all");
  lines.push(
    "",
    "—",
    t("email.why"),
    t("email.settings", { link: `${links.siteUrl}/me/settings#digest` }),
    t("email.unsubscribeAll", { link: all }),
    "",
    t("email.signature")
  );
  return {
    to: recipient.email,
    subject: t("email.subject", { count }),
    text: lines.join("\n"),
    template: "weekly-digest",
    headers: {
      "List-Unsubscribe": `<${all}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
