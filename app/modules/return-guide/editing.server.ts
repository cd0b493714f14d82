/**
 * The editors' pages of the returnee guide, shared by the platform admins' national guide
 * (/admin/return-guide…) and an LGU's (/manage/:lgu/return-guide…): what the pages load and what
 * their forms do, for a scope (lgu null = national). Access is checked by the route (platform
 * admin, or the LGU's admin or editor) and again by the database's RLS.
 */
import { json } from "@remix-run/node";
import type { JwtClaims } from "~/db/client.server";
import { getEnv } from "~/config/env.server";
import { supportedLanguages } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import { placeGroupsIn, refusedForm } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";
import { editorTopic, editorTopics, markTopicReviewed, saveTopic } from "./guide.server";
import { localizedFrom, serviceSchema, topicSchema } from "./schema";
import { languageName } from "~/i18n/format";
import { editorServices, saveService, setServiceActive } from "./services.server";
import { isReturnTopic, SERVICE_LANGUAGES, type ReturnTopicName } from "./vocabulary";

export interface Scope {
  lguId: string | null;
  /** Where the editors' pages of this scope live: /admin/return-guide or /manage/:lgu/return-guide. */
  base: string;
  /** Where readers see it: /return or /lgus/:slug/return. */
  publicBase: string;
}

const noStore = { headers: { "Cache-Control": "private, no-store" } };

export async function topicsPageData(claims: JwtClaims, scope: Scope, language: string) {
  const days = getEnv().RETURN_GUIDE_REVIEW_DAYS;
  const topics = await editorTopics(claims, scope.lguId, days);
  return json(
    {
      scope,
      days,
      topics: topics.map((t) => ({ ...t, reviewedOn: t.reviewedAt ? formatDate(t.reviewedAt, language) : null })),
    },
    noStore,
  );
}

export function topicParam(value: string | undefined): ReturnTopicName {
  if (!isReturnTopic(value)) throw new Response("Not found", { status: 404 });
  return value;
}

export async function topicPageData(claims: JwtClaims, scope: Scope, topic: ReturnTopicName, language: string) {
  const data = await editorTopic(claims, scope.lguId, topic, getEnv().RETURN_GUIDE_REVIEW_DAYS);
  return json({ scope, topic, ...data, reviewedOn: data.reviewedAt ? formatDate(data.reviewedAt, language) : null }, noStore);
}

/** Save the texts (intent "save") or mark the topic reviewed (intent "review"). */
export async function topicAction(claims: JwtClaims, scope: Scope, topic: ReturnTopicName, formData: FormData) {
  const back = `${scope.base}/${topic}`;
  if (formData.get("intent") === "review") {
    try {
      await markTopicReviewed(claims, scope.lguId, topic);
    } catch (error) {
      return refusedForm(null, error);
    }
    return redirectWithToast(back, { type: "success", messageKey: "returnGuide:editor.reviewed" });
  }
  const submission = await parseForm(formData, topicSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const value = submission.value as Record<string, string | undefined> & { sourceLanguage: string };
  try {
    await saveTopic(claims, scope.lguId, topic, localizedFrom(value, "body"), value.sourceLanguage);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast(back, { type: "success", messageKey: "returnGuide:editor.saved" });
}

export async function servicesPageData(claims: JwtClaims, scope: Scope, language: string) {
  const [rows, placeGroups] = await Promise.all([editorServices(claims, scope.lguId), placeGroupsIn(language)]);
  return json(
    {
      scope,
      placeGroups,
      languages: SERVICE_LANGUAGES.map((code) => ({ code, name: languageName(code, language) })),
      services: rows.map((row) => ({
        id: row.id,
        name: row.name,
        kind: row.kind,
        active: row.active,
        placeName: row.placeName,
        description: localized(row.description, language),
        values: {
          id: row.id,
          kind: row.kind,
          name: row.name,
          placeId: row.placeId,
          address: row.address,
          phone: row.phone ?? "",
          email: row.email ?? "",
          website: row.website ?? "",
          eligibility: row.eligibility,
          languages: row.languages,
          ...Object.fromEntries(
            supportedLanguages.flatMap((lng) => [
              [`description_${lng}`, row.description[lng] ?? ""],
              [`hours_${lng}`, row.openingHours[lng] ?? ""],
              [`eligibilityNote_${lng}`, row.eligibilityNote[lng] ?? ""],
            ]),
          ),
        } as Record<string, string | string[]>,
      })),
    },
    noStore,
  );
}

/** Add or change an entry (intent "save", with an id to change), or switch one off or on. */
export async function servicesAction(claims: JwtClaims, scope: Scope, formData: FormData) {
  const back = `${scope.base}/services`;
  const intent = String(formData.get("intent") ?? "");
  if (intent === "off" || intent === "on") {
    try {
      await setServiceActive(claims, scope.lguId, String(formData.get("id") ?? ""), intent === "on");
    } catch (error) {
      return refusedForm(null, error);
    }
    return redirectWithToast(back, { type: "success", messageKey: "returnGuide:editor.serviceSwitched" });
  }
  const form = formData.get("id") ? `edit-${String(formData.get("id"))}` : "create";
  const submission = await parseForm(formData, serviceSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form });
  try {
    await saveService(claims, scope.lguId, submission.value);
  } catch (error) {
    const answer = refusedForm(submission, error);
    const body = (await answer.json()) as { reply: object };
    return json({ reply: { ...body.reply, form } }, { status: answer.status });
  }
  return redirectWithToast(back, { type: "success", messageKey: "returnGuide:editor.serviceSaved" });
}
