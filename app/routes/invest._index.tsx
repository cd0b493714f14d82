import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { withRls } from "~/db/client.server";
import { countryName, formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { listOpportunities } from "~/modules/investments/opportunities.server";
import { investmentSectors, opportunityKinds } from "~/modules/investments/vocabulary";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { FilterSelect } from "~/components/filter-select";

// Bad or unknown filter values are dropped rather than refused: a shared link with a stale filter
// still shows opportunities.
const filtersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || undefined),
  sector: z.enum(investmentSectors as [string, ...string[]]).optional().catch(undefined),
  kind: z.enum(opportunityKinds).optional().catch(undefined),
  country: z.string().regex(/^[A-Z]{2}$/).optional().catch(undefined),
  lgu: z.string().regex(/^[a-z0-9-]{1,100}$/).optional().catch(undefined),
  status: z.enum(["open", "closed"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const COUNTRIES = ["PH", "SV", "MA", "SN"];

// Links and plain GET forms only: no JavaScript needed.
export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:list.title");

/** Investment opportunities of verified LGUs: search, filters, pages. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const language = await getLanguage(request, context);
  const result = await withRls(null, (tx) => listOpportunities(tx, filters, language));
  return json({
    filters,
    total: result.total,
    page: result.page,
    pages: result.pages,
    opportunities: result.opportunities.map((o) => ({
      slug: o.slug,
      title: o.title,
      summary: o.summary,
      sector: o.sector,
      kind: o.kind,
      status: o.status,
      lguName: o.lguName,
      country: countryName(o.countryCode, language),
      min: formatMoney(o.ticketMinMinor, o.currency, language),
      max: formatMoney(o.ticketMaxMinor, o.currency, language),
      updated: formatDate(o.updatedAt, language),
    })),
    countries: COUNTRIES.map((code) => ({ code, name: countryName(code, language) })),
  });
}

export default function Opportunities() {
  const { opportunities, total, page, pages, filters, countries } = useLoaderData<typeof loader>();
  const { t } = useTranslation("invest");
  const { search } = useLocation();
  return (
    <div className="container section stack">
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <p className="notice">{t("list.noMoney")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("list.searchLabel")}>
        <div className="field filters__q">
          <label htmlFor="q">{t("list.query")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} />
        </div>
        <FilterSelect id="sector" label={t("list.sector")} value={filters.sector} any={t("list.any")} options={investmentSectors.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />
        <FilterSelect id="kind" label={t("list.kind")} value={filters.kind} any={t("list.any")} options={opportunityKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        <FilterSelect id="country" label={t("list.country")} value={filters.country} any={t("list.any")} options={countries.map((c) => ({ value: c.code, label: c.name }))} />
        <div className="field">
          <label htmlFor="status">{t("list.status")}</label>
          <select id="status" name="status" defaultValue={filters.status ?? "open"}>
            <option value="open">{t("statuses.open")}</option>
            <option value="closed">{t("statuses.closed")}</option>
          </select>
        </div>
        {filters.lgu ? <input type="hidden" name="lgu" value={filters.lgu} /> : null}
        <button type="submit" className="button">
          {t("list.submit")}
        </button>
      </Form>
      <p role="status">{t("list.found", { n: total })}</p>
      {opportunities.length === 0 ? (
        <p className="notice">
          {t("list.empty")} <Link to="/invest">{t("list.clear")}</Link>
        </p>
      ) : (
        <ul className="grid" role="list">
          {opportunities.map((o) => (
            <li key={o.slug}>
              <article className="card" aria-labelledby={`opportunity-${o.slug}`}>
                <h2 id={`opportunity-${o.slug}`} className="card__title">
                  <Link to={`/invest/${o.slug}`} lang={o.title?.lang} dir="auto">
                    {o.title?.text}
                  </Link>
                </h2>
                <p className="card__meta">
                  <span>{t(`sectors.${o.sector}`)}</span> · <span>{t(`kinds.${o.kind}`)}</span>
                  {o.status === "closed" ? <span className="badge">{t("statuses.closed")}</span> : null}
                </p>
                <p className="card__meta">
                  <bdi>{o.lguName}</bdi>, {o.country}
                </p>
                {o.summary ? (
                  <p className="card__body" lang={o.summary.lang} dir="auto">
                    {o.summary.text}
                  </p>
                ) : null}
                <p className="card__meta">{t("list.ticket", { min: o.min, max: o.max })}</p>
                <p className="card__meta muted">{t("list.updated", { date: o.updated })}</p>
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
