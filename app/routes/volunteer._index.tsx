import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { countryName, formatDate, formatNumber, languageName } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { getClaims } from "~/modules/auth/session.server";
import { countryCodes } from "~/modules/people/vocabulary";
import { workModes, type WorkMode } from "~/modules/projects/vocabulary";
import { skillChoiceGroups, skillLabels } from "~/modules/skills/taxonomy.server";
import { isTaxonomyCode } from "~/modules/skills/vocabulary";
import { openNeeds } from "~/modules/volunteering/offers.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { FilterSelect } from "~/components/filter-select";

// Plain links and a GET form: no JavaScript needed.
export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "volunteer:title");

/** Skill needs of public projects still taking offers, with filters; each leads to its offer form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const language = await getLanguage(request);
  const skill = url.searchParams.get("skill") ?? "";
  const mode = url.searchParams.get("mode") ?? "";
  const country = url.searchParams.get("country") ?? "";
  const missions = url.searchParams.get("missions") === "1";
  const filters = {
    skill: isTaxonomyCode(skill) ? skill : undefined,
    mode: (workModes as readonly string[]).includes(mode) ? (mode as WorkMode) : undefined,
    country: countryCodes.includes(country) ? country : undefined,
    missions,
    page: Number(url.searchParams.get("page")) || 1,
  };
  const claims = await getClaims(request);
  const found = await openNeeds(claims, filters);
  const [groups, labels] = await Promise.all([skillChoiceGroups(claims, language), skillLabels(claims, found.rows.map((n) => n.skill ?? ""), language)]);
  return json({
    filters: { skill: filters.skill ?? "", mode: filters.mode ?? "", country: filters.country ?? "", missions },
    total: formatNumber(found.total, language),
    skills: groups[0]?.options ?? [],
    count: found.total,
    page: found.page,
    pages: found.pages,
    countries: countryCodes.map((code) => ({ value: code, label: countryName(code, language) })).sort((a, b) => a.label.localeCompare(b.label, language)),
    needs: found.rows.map((n) => ({
      id: n.id,
      description: localized(n.description, language),
      project: { slug: n.projectSlug, title: localized(n.projectTitle, language) },
      lgu: { name: n.lguName, slug: n.lguSlug, country: n.countryCode ? countryName(n.countryCode, language) : null },
      skill: n.skill ? (labels.get(n.skill) ?? n.skill) : null,
      mode: n.mode,
      dates: n.startsOn ? `${formatDate(n.startsOn, language)}${n.endsOn ? ` – ${formatDate(n.endsOn, language)}` : ""}` : null,
      language: n.language ? languageName(n.language, language) : null,
      expertMission: n.expertMission,
      wanted: n.quantity ?? 0,
      found: n.fulfilled,
    })),
  });
}

export default function Volunteer() {
  const { filters, needs, total, count, page, pages, countries, skills } = useLoaderData<typeof loader>();
  const { t } = useTranslation(["volunteer", "projects"]);
  const location = useLocation();
  return (
    <div className="container section stack">
      <h1>{t("volunteer:title")}</h1>
      <p className="lead">{t("volunteer:intro")}</p>
      <Form method="get" className="form form--inline" role="search" aria-label={t("volunteer:filters.label")}>
        <FilterSelect id="filter-skill" name="skill" label={t("volunteer:filters.skill")} value={filters.skill} any={t("volunteer:filters.anySkill")} options={skills} />
        <FilterSelect
          id="filter-mode"
          name="mode"
          label={t("volunteer:filters.mode")}
          value={filters.mode}
          any={t("volunteer:filters.anyMode")}
          options={workModes.filter((m) => m !== "either").map((m) => ({ value: m, label: t(`projects:workModes.${m}`) }))}
        />
        <FilterSelect id="filter-country" name="country" label={t("volunteer:filters.country")} value={filters.country} any={t("volunteer:filters.anyCountry")} options={countries} />
        <span className="check">
          <input type="checkbox" id="filter-missions" name="missions" value="1" defaultChecked={filters.missions} />
          <label htmlFor="filter-missions">{t("volunteer:filters.missions")}</label>
        </span>
        <button type="submit" className="button button--secondary">
          {t("volunteer:filters.submit")}
        </button>
      </Form>
      <p role="status">{t("volunteer:found", { count, total })}</p>
      {needs.length === 0 ? (
        <p className="empty">
          {t("volunteer:none")} <Link to="/lgus">{t("volunteer:browseLgus")}</Link>
        </p>
      ) : (
        <ul className="plan-list" role="list">
          {needs.map((n) => (
            <li key={n.id} className="card stack">
              <h2 className="card__title" id={`need-${n.id}`}>
                <span lang={n.description?.lang} dir="auto">
                  {n.description?.text}
                </span>
              </h2>
              <p>
                <Link to={`/projects/${n.project.slug}`} lang={n.project.title?.lang}>
                  {n.project.title?.text}
                </Link>{" "}
                · <bdi>{n.lgu.name}</bdi>
                {n.lgu.country ? ` · ${n.lgu.country}` : null}
              </p>
              <p className="plan-item__facts">
                {n.skill ? <span>{n.skill}</span> : null}
                {n.mode ? <span>{t(`projects:workModes.${n.mode}`)}</span> : null}
                {n.dates ? <span>{n.dates}</span> : null}
                {n.language ? <span>{n.language}</span> : null}
                <span>{t("volunteer:people", { found: n.found, wanted: n.wanted })}</span>
                {n.expertMission ? <span className="badge">{t("projects:needs.expertMission")}</span> : null}
              </p>
              <p>
                <Link to={`/volunteer/needs/${n.id}`} className="button" aria-describedby={`need-${n.id}`}>
                  {t("volunteer:offerHelp")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
