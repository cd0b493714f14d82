/**
 * The returnee guide's topics: what readers see (the national guide or an LGU's, a topic's text in
 * their language with the fallback to the language it was written in, and when it was last
 * reviewed) and what editors do (write a topic in up to five languages, mark it reviewed, see which
 * topics need review). Reads and writes run under the caller's RLS: the database decides who may
 * edit which scope (platform admins the national guide, an LGU's editors and admins theirs) and
 * stamps who edited and when; its audit trigger logs every edit.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import sanitizeHtml from "sanitize-html";
import { withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { lgus, returnGuideTopics, type LocalizedText } from "~/db/schema";
import { supportedLanguages } from "~/i18n/config";
import { localized } from "~/i18n/localized";
import { renderDescription } from "~/modules/projects/rich-text.server";
import { FormProblem, throwHinted } from "~/modules/organisations/errors.server";
import { RETURN_TOPICS, type ReturnTopicName } from "./vocabulary";

/** A topic's text in `language`, else in the language it was written in, else any (English first). */
export function topicText(body: LocalizedText, language: string, sourceLanguage: string) {
  const pick = (lng: string) => (body[lng]?.trim() ? { text: body[lng]!.trim(), lang: lng } : null);
  return pick(language) ?? pick(sourceLanguage) ?? localized(body, language);
}

const scope = (lguId: string | null) => (lguId ? eq(returnGuideTopics.lguId, lguId) : isNull(returnGuideTopics.lguId));

/** The first paragraph of a Markdown text as plain words, for the guide's table of contents. */
function excerpt(markdownText: string): string {
  const firstParagraph = markdownText.split(/\n\s*\n/).find((block) => /^[^\s#>|-]/.test(block.trim()) && !/^\d+\./.test(block.trim())) ?? "";
  const words = sanitizeHtml(renderDescription(firstParagraph), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return words.length > 220 ? `${words.slice(0, 219)}…` : words;
}

/** The eight topics of a guide (national when `lguId` is null) as its contents page lists them. */
export async function guideContents(tx: Tx, lguId: string | null, language: string) {
  const rows = await tx
    .select({ topic: returnGuideTopics.topic, body: returnGuideTopics.body, sourceLanguage: returnGuideTopics.sourceLanguage, reviewedAt: returnGuideTopics.reviewedAt })
    .from(returnGuideTopics)
    .where(scope(lguId));
  return RETURN_TOPICS.map((topic) => {
    const row = rows.find((r) => r.topic === topic);
    const text = row ? topicText(row.body, language, row.sourceLanguage) : null;
    return {
      topic,
      written: Boolean(text),
      excerpt: text ? { text: excerpt(text.text), lang: text.lang } : null,
      reviewedAt: text && row ? row.reviewedAt.toISOString() : null,
    };
  });
}

/** One topic of a guide, rendered (sanitized HTML), or null when the guide has no text on it. */
export async function guideTopic(tx: Tx, lguId: string | null, topic: ReturnTopicName, language: string) {
  const [row] = await tx
    .select({ id: returnGuideTopics.id, body: returnGuideTopics.body, sourceLanguage: returnGuideTopics.sourceLanguage, reviewedAt: returnGuideTopics.reviewedAt })
    .from(returnGuideTopics)
    .where(and(scope(lguId), eq(returnGuideTopics.topic, topic)));
  const text = row ? topicText(row.body, language, row.sourceLanguage) : null;
  if (!row || !text) return null;
  return { id: row.id, html: renderDescription(text.text), lang: text.lang, reviewedAt: row.reviewedAt.toISOString(), translated: text.lang === language };
}

/** The topic's Markdown in the reader's language (with the fallback), for copying its steps into a checklist. */
export async function stepsTopicText(tx: Tx, topicId: string, language: string) {
  const [row] = await tx
    .select({ id: returnGuideTopics.id, lguId: returnGuideTopics.lguId, topic: returnGuideTopics.topic, body: returnGuideTopics.body, sourceLanguage: returnGuideTopics.sourceLanguage })
    .from(returnGuideTopics)
    .where(eq(returnGuideTopics.id, topicId));
  if (!row || row.topic !== "steps") return null;
  return { ...row, text: topicText(row.body, language, row.sourceLanguage) };
}

/** Verified LGUs that have written at least one topic of their own guide. */
export async function lgusWithGuides(tx: Tx) {
  return tx
    .selectDistinct({ slug: lgus.slug, name: lgus.name })
    .from(lgus)
    .innerJoin(returnGuideTopics, eq(returnGuideTopics.lguId, lgus.id))
    .orderBy(asc(lgus.name), asc(lgus.slug));
}

// ---------------------------------------------------------------------------------------------
// editors

/** Whether a topic reviewed at `reviewedAt` is older than the configured age. */
export const needsReview = (reviewedAt: Date, maxAgeDays: number, now = new Date()) => now.getTime() - reviewedAt.getTime() > maxAgeDays * 86_400_000;

/** The eight topics of the caller's scope with what the editors' page shows: languages written, review date, whether it needs review. */
export async function editorTopics(claims: JwtClaims, lguId: string | null, maxAgeDays: number) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({ id: returnGuideTopics.id, topic: returnGuideTopics.topic, body: returnGuideTopics.body, reviewedAt: returnGuideTopics.reviewedAt, updatedAt: returnGuideTopics.updatedAt })
      .from(returnGuideTopics)
      .where(scope(lguId)),
  );
  return RETURN_TOPICS.map((topic) => {
    const row = rows.find((r) => r.topic === topic);
    return {
      topic,
      id: row?.id ?? null,
      languages: row ? supportedLanguages.filter((lng) => row.body[lng]?.trim()) : [],
      reviewedAt: row?.reviewedAt.toISOString() ?? null,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      needsReview: row ? needsReview(row.reviewedAt, maxAgeDays) : false,
    };
  });
}

/** One topic as its edit form needs it (empty texts when the scope has not written it yet). */
export async function editorTopic(claims: JwtClaims, lguId: string | null, topic: ReturnTopicName, maxAgeDays: number) {
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ id: returnGuideTopics.id, body: returnGuideTopics.body, sourceLanguage: returnGuideTopics.sourceLanguage, reviewedAt: returnGuideTopics.reviewedAt })
      .from(returnGuideTopics)
      .where(and(scope(lguId), eq(returnGuideTopics.topic, topic))),
  );
  return {
    id: row?.id ?? null,
    sourceLanguage: row?.sourceLanguage ?? "en",
    body: Object.fromEntries(supportedLanguages.map((lng) => [lng, row?.body[lng] ?? ""])) as Record<(typeof supportedLanguages)[number], string>,
    reviewedAt: row?.reviewedAt.toISOString() ?? null,
    needsReview: row ? needsReview(row.reviewedAt, maxAgeDays) : false,
  };
}

/** Writes a topic's texts (every language at once; an empty one is dropped). Saving counts as a review. */
export async function saveTopic(claims: JwtClaims, lguId: string | null, topic: ReturnTopicName, body: LocalizedText, sourceLanguage: string) {
  const cleaned = Object.fromEntries(Object.entries(body).filter(([, text]) => text?.trim()));
  if (!cleaned[sourceLanguage]) throw new FormProblem(`body_${sourceLanguage}`, "returnGuide:errors.sourceTextMissing");
  const json = JSON.stringify(cleaned);
  // Column grants allow only these columns: a raw insert names them (drizzle would name them all).
  const conflict = lguId ? sql`(lgu_id, topic) where lgu_id is not null` : sql`(topic) where lgu_id is null`;
  await withRls(claims, (tx) =>
    tx.execute(sql`
      insert into public.return_guide_topics (lgu_id, topic, body, source_language)
      values (${lguId}::uuid, ${topic}::public.return_topic, ${json}::jsonb, ${sourceLanguage})
      on conflict ${conflict} do update set body = excluded.body, source_language = excluded.source_language`),
  ).catch((error: unknown) => throwHinted(error, { not_editor: ["", "errors.forbiddenBody", 403] }, "not_editor"));
}

/** "The text is still right": stamps today's review (the database checks the caller edits this scope). */
export async function markTopicReviewed(claims: JwtClaims, lguId: string | null, topic: ReturnTopicName) {
  await withRls(claims, async (tx) => {
    const [row] = await tx.select({ id: returnGuideTopics.id }).from(returnGuideTopics).where(and(scope(lguId), eq(returnGuideTopics.topic, topic)));
    if (!row) throw new FormProblem("", "returnGuide:errors.nothingToReview", 409);
    await tx.execute(sql`select public.mark_return_topic_reviewed(${row.id}::uuid)`);
  }).catch((error: unknown) => throwHinted(error, { not_editor: ["", "errors.forbiddenBody", 403] }, "not_editor"));
}
