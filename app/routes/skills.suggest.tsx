import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { getLanguage } from "~/i18n/i18next.server";
import { skillSearchSchema } from "~/modules/skills/schema";
import { searchSkills } from "~/modules/skills/taxonomy.server";

/**
 * GET /skills/suggest?q=: the first matches as JSON, for the skill picker's suggestions as one
 * types (app/components/skill-picker.tsx). Public reference data, so cacheable for a minute.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { q } = skillSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const language = await getLanguage(request);
  const result = q ? await searchSkills(null, { query: q, language, pageSize: 8 }) : { hits: [], total: 0 };
  return json(
    { q, total: result.total, suggestions: result.hits.map((h) => ({ code: h.code, label: h.label, kind: h.kind, iscoCode: h.iscoCode })) },
    { headers: { "Cache-Control": "public, max-age=60", Vary: "Cookie, Accept-Language" } },
  );
}
