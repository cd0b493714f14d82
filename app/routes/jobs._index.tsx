import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { JobCard } from "~/components/job-card";
import { Pagination } from "~/components/pagination";
import { withRls } from "~/db/client.server";
import { countryName, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { getClaims } from "~/modules/auth/session.server";
import { jobCardView } from "~/modules/jobs/format";
import { jobTaxonomy } from "~/modules/jobs/taxonomy.server";
import { jobSearchSchema } from "~/modules/jobs/schema";
import { placeFilterOptions, searchJobs } from "~/modules/jobs/search.server";
import { employmentTypes, jobSorts, postedWithinDays, salaryCurrencies, sectorCodes } from "~/modules/jobs/vocabulary";
import { i18nServer } from "~/i18n/i18next.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { FilterSelect } from "~/components/filter-select";

// Links and plain forms only: no JavaScript needed.
export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:search.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const params = jobSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const language = await getLanguage(request, context);
  const [result, placeOptions, signedIn, taxonomy] = await Promise.all([
    withRls(null, (tx) => searchJobs(tx, params, language)),
    placeFilterOptions(),
    getClaims(request).then(Boolean),
    jobTaxonomy(language),
  ]);
  const t = await i18nServer.getFixedT(language, "jobs");
  const words = { from: t("card.from"), upTo: t("card.upTo") };
  return json({
    params: { ...params, sort: result.sort },
    signedIn,
    total: result.total,
    totalText: formatNumber(result.total, language),
    more: result.more,
    page: result.page,
    pages: result.pages,
    jobs: result.jobs.map((j) => jobCardView(j, language, words)),
    places: placeOptions.map((p) => ({ id: p.id, label: `${p.name} (${countryName(p.countryCode, language)})` })),
    occupations: taxonomy.occupationTree,
  });
}

export default function JobSearch() {
  const { params, signedIn, total, totalText, more, page, pages, jobs, places, occupations } = useLoaderData<typeof loader>();
  const { t } = useTranslation("jobs");
  const { search } = useLocation();
  const filters = Object.entries(params).filter(([key, value]) => value !== undefined && key !== "page" && key !== "sort");
  return (
    <div className="container section stack">
      <h1>{t("search.title")}</h1>
      <p className="lead">{t("search.intro")}</p>
      <p>
        <Link to="/me/jobs">{t("search.forYouLink")}</Link>
      </p>
      <Form method="get" className="filters" role="search" aria-label={t("search.label")}>
        <div className="field filters__q">
          <label htmlFor="q">{t("search.query")}</label>
          <input id="q" name="q" type="search" defaultValue={params.q ?? ""} maxLength={200} />
        </div>
        <FilterSelect id="place" label={t("search.place")} value={params.place} any={t("search.any")} options={places.map((p) => ({ value: p.id, label: p.label }))} />
        <label className="check">
          <input name="remote" type="checkbox" value="1" defaultChecked={Boolean(params.remote)} />
          {t("search.remote")}
        </label>
        <FilterSelect id="sector" label={t("search.sector")} value={params.sector} any={t("search.any")} options={sectorCodes.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />
        <div className="field">
          <label htmlFor="occupation">{t("search.occupation")}</label>
          <select id="occupation" name="occupation" defaultValue={params.occupation ?? ""}>
            <option value="">{t("search.any")}</option>
            {occupations.map((major) => (
              <optgroup key={major.code} label={major.label}>
                <option value={major.code}>{t("search.allOf", { group: major.label })}</option>
                {major.groups.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <FilterSelect id="type" label={t("search.type")} value={params.type} any={t("search.any")} options={employmentTypes.map((type) => ({ value: type, label: t(`types.${type}`) }))} />
        <div className="field">
          <label htmlFor="salary">{t("search.salary")}</label>
          <input id="salary" name="salary" inputMode="numeric" defaultValue={params.salary ?? ""} aria-describedby="salary-hint" />
          <p id="salary-hint" className="field__hint">
            {t("search.salaryHint")}
          </p>
        </div>
        <div className="field">
          <label htmlFor="currency">{t("search.currency")}</label>
          <select id="currency" name="currency" defaultValue={params.currency ?? "PHP"}>
            {salaryCurrencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <FilterSelect id="within" label={t("search.within")} value={params.within} any={t("search.anyTime")} options={postedWithinDays.map((d) => ({ value: d, label: t("search.withinDays", { count: d }) }))} />
        <div className="field">
          <label htmlFor="sort">{t("search.sort")}</label>
          <select id="sort" name="sort" defaultValue={params.sort}>
            {jobSorts.map((s) => (
              <option key={s} value={s}>
                {t(`sorts.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("search.submit")}
        </button>
      </Form>
      <p role="status">{more ? t("search.countMore", { number: totalText }) : t("search.count", { count: total })}</p>
      {filters.length > 0 ? (
        signedIn ? (
          <Form method="post" action="/me/jobs/searches" className="inline-form">
            {filters.map(([key, value]) => (
              <input key={key} type="hidden" name={`filter.${key}`} value={String(value)} />
            ))}
            <input type="hidden" name="intent" value="save" />
            <div className="field">
              <label htmlFor="search-name">{t("saved.name")}</label>
              <input id="search-name" name="name" required maxLength={120} defaultValue={params.q ?? ""} />
            </div>
            <label className="check">
              <input name="alerts" type="checkbox" defaultChecked />
              {t("saved.alerts")}
            </label>
            <button type="submit" className="button button--secondary">
              {t("saved.save")}
            </button>
          </Form>
        ) : (
          <p>
            <Link to={`/login?${new URLSearchParams({ redirectTo: `/jobs${search}` })}`}>{t("saved.signInToSave")}</Link>
          </p>
        )
      ) : null}
      {jobs.length === 0 ? (
        <p className="notice">
          {t("search.empty")} <Link to="/jobs">{t("search.clear")}</Link>
        </p>
      ) : (
        <ul className="grid" role="list">
          {jobs.map((job) => (
            <li key={job.id}>
              <JobCard job={job} />
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
