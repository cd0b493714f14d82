import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { withRls } from "~/db/client.server";
import { countryName, formatMoney, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { sectorOptions } from "~/modules/people/vocabulary";
import { listPublicProjects } from "~/modules/projects/queries.server";
import { needKinds, projectSorts, publicStatuses } from "~/modules/projects/vocabulary";
import { titleFromRoot, scriptFree } from "~/utils/meta";
import { FilterSelect } from "~/components/filter-select";

// Bad or unknown filter values are dropped rather than refused: a shared link with a stale filter
// still shows projects.
const filtersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  sector: z.enum(sectorOptions).optional().catch(undefined),
  status: z.enum(publicStatuses).optional().catch(undefined),
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  lgu: z.string().regex(/^[a-z0-9-]{1,100}$/).optional().catch(undefined),
  need: z.enum(needKinds).optional().catch(undefined),
  sort: z.enum(projectSorts).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const COUNTRIES = ["PH", "SV", "MA", "SN"];

// Links and plain forms only: no JavaScript needed.
export const handle = scriptFree;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const language = await getLanguage(request, context);
  const sort = filters.sort ?? (filters.q ? "relevance" : "newest");
  const result = await withRls(null, (tx) => listPublicProjects(tx, { ...filters, sort }, language));
  return json({
    ...result,
    filters: { ...filters, sort },
    totalText: formatNumber(result.total, language),
    // Formatted here so the page hydrates to exactly what the server rendered.
    projects: result.projects.map((p) => ({
      ...p,
      goal: formatMoney(p.goalMinor, p.currency, language),
      raised: formatMoney(p.raisedMinor, p.currency, language),
      funded: formatNumber(Math.floor(p.fundedBasisPoints / 100) / 100, language, { style: "percent" }),
      country: countryName(p.countryCode, language),
    })),
    countries: COUNTRIES.map((code) => ({ code, name: countryName(code, language) })),
  });
}

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:list.title");

export default function ProjectList() {
  const { projects, total, totalText, more, page, pages, filters, countries } = useLoaderData<typeof loader>();
  const { t } = useTranslation("projects");
  const { search } = useLocation();
  const searching = useNavigation().state === "loading";
  return (
    <div className="container section stack">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("list.searchLabel")}>
        <div className="field filters__q">
          <label htmlFor="q">{t("list.query")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} />
        </div>
        <FilterSelect id="sector" label={t("list.sector")} value={filters.sector} any={t("list.any")} options={sectorOptions.map((s) => ({ value: s, label: t(`account:sectors.${s}`) }))} />
        <FilterSelect id="status" label={t("list.status")} value={filters.status} any={t("list.any")} options={publicStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        <FilterSelect id="country" label={t("list.country")} value={filters.country} any={t("list.any")} options={countries.map((c) => ({ value: c.code, label: c.name }))} />
        <FilterSelect id="need" label={t("list.need")} value={filters.need} any={t("list.any")} options={needKinds.map((n) => ({ value: n, label: t(`needs.${n}`) }))} />
        <div className="field">
          <label htmlFor="sort">{t("list.sort")}</label>
          <select id="sort" name="sort" defaultValue={filters.sort}>
            {projectSorts.map((s) => (
              <option key={s} value={s}>
                {t(`sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {searching ? t("list.searching") : t("list.submit")}
        </button>
      </Form>
      <p role="status">
        {more ? t("list.countMore", { number: totalText }) : t("list.count", { count: total })}
      </p>
      {projects.length === 0 ? (
        <p className="notice">
          {t("list.empty")} <Link to="/projects">{t("list.clear")}</Link>
        </p>
      ) : (
        <ul className="grid" role="list">
          {projects.map((p) => (
            <li key={p.slug}>
              <article className="card" aria-labelledby={`project-${p.slug}`}>
                <h2 id={`project-${p.slug}`} className="card__title">
                  <Link to={`/projects/${p.slug}`} lang={p.title?.lang} dir="auto">
                    {p.title?.text}
                  </Link>
                </h2>
                <p className="card__meta">
                  <span className="badge">{t(`status.${p.status}`)}</span>
                  <span>{t(`account:sectors.${p.sector}`)}</span>
                  <span>
                    <bdi>{p.lguName}</bdi>, {p.country}
                  </span>
                </p>
                {p.summary ? (
                  <p className="card__body" lang={p.summary.lang} dir="auto">
                    {p.summary.text}
                  </p>
                ) : null}
                <p className="card__meta">{t("list.raisedOfGoal", { raised: p.raised, goal: p.goal, percent: p.funded })}</p>
              </article>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} search={search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
