import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { getClaims } from "~/modules/auth/session.server";
import { skillSearchSchema } from "~/modules/skills/schema";
import { searchSkills } from "~/modules/skills/taxonomy.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "skills:list.title");
export const handle = scriptFree;

const PAGE_SIZE = 20;

/** GET /skills?q=&page=: the skills taxonomy, searched in any language; a plain form, no JavaScript. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { q, page } = skillSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const language = await getLanguage(request);
  const [result, claims] = await Promise.all([searchSkills(null, { query: q, language, page, pageSize: PAGE_SIZE }), getClaims(request)]);
  return json({
    q,
    page,
    pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    total: result.total,
    totalText: formatNumber(result.total, language),
    hits: result.hits,
    signedIn: Boolean(claims),
  });
}

export default function SkillsList() {
  const { q, page, pages, total, totalText, hits, signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation("skills");
  const { search } = useLocation();
  return (
    <div className="container section stack">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("list.searchLabel")}>
        <div className="field filters__q">
          <label htmlFor="q">{t("list.query")}</label>
          <input id="q" name="q" type="search" defaultValue={q} maxLength={100} />
        </div>
        <button type="submit" className="button">
          {t("list.search")}
        </button>
      </Form>
      <p role="status">{q ? t("list.found", { count: total, total: totalText, query: q }) : t("list.all", { count: total, total: totalText })}</p>
      {hits.length === 0 ? (
        <p className="empty">{t("list.none")}</p>
      ) : (
        <ul className="skill-results" role="list">
          {hits.map((hit) => (
            <li key={hit.code} className="skill-result">
              <span className="skill-result__label">{hit.label}</span>{" "}
              <span className="skill-result__kind">
                {hit.kind === "occupation" ? t("kind.occupation", { code: hit.iscoCode }) : t("kind.skill")}
                {hit.parentLabel ? ` · ${hit.parentLabel}` : ""}
              </span>
              {signedIn ? (
                <Link to={`/me/skills?add=${encodeURIComponent(hit.code)}`} className="skill-result__add">
                  {t("list.addToMine")} <span className="visually-hidden">{hit.label}</span>
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} search={search} />
      <p className="muted">{t("list.source")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
