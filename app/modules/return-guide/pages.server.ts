/**
 * What the returnee guide's public pages load: the national guide (lgu null) or a verified LGU's,
 * read as the public (RLS: the national guide and verified LGUs' guides only), dates formatted for
 * the reader so the page needs no script.
 */
import { withRls } from "~/db/client.server";
import { formatDate } from "~/i18n/format";
import { getLguBySlug } from "~/modules/lgus/queries.server";
import { guideContents, guideTopic, lgusWithGuides } from "./guide.server";
import { isReturnTopic } from "./vocabulary";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The public LGU a URL names, or a 404 (unverified LGUs do not exist for the public). */
export async function publicLgu(slug: string | undefined) {
  const lgu = slug && SLUG.test(slug) && slug.length <= 100 ? await withRls(null, (tx) => getLguBySlug(tx, slug)) : null;
  if (!lgu) throw new Response("Not found", { status: 404 });
  return { id: lgu.id, slug: lgu.slug, name: lgu.name, placeId: lgu.placeId };
}

export async function guidePage(lgu: { id: string } | null, language: string) {
  const [topics, localGuides] = await withRls(null, (tx) => Promise.all([guideContents(tx, lgu?.id ?? null, language), lgu ? Promise.resolve([]) : lgusWithGuides(tx)]));
  return {
    topics: topics.map((topic) => ({ ...topic, reviewedOn: topic.reviewedAt ? formatDate(topic.reviewedAt, language) : null })),
    localGuides,
  };
}

/** A topic of a guide; an LGU's topic it has not written yet comes with the national text's review date, if any. */
export async function topicPage(lgu: { id: string } | null, topicParam: string | undefined, language: string) {
  if (!isReturnTopic(topicParam)) throw new Response("Not found", { status: 404 });
  const topic = topicParam;
  const [text, national] = await withRls(null, (tx) =>
    Promise.all([guideTopic(tx, lgu?.id ?? null, topic, language), lgu ? guideTopic(tx, null, topic, language) : Promise.resolve(null)]),
  );
  return {
    topic,
    text: text ? { ...text, reviewedOn: formatDate(text.reviewedAt, language) } : null,
    nationalWritten: Boolean(national),
  };
}
