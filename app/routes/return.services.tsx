import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { ServiceCard } from "~/components/return-guide";
import { withRls } from "~/db/client.server";
import { getLanguage } from "~/i18n/i18next.server";
import { asEntry, directoryPlaces, searchServices } from "~/modules/return-guide/services.server";
import { languageName } from "~/i18n/format";
import { SERVICE_KINDS, SERVICE_LANGUAGES } from "~/modules/return-guide/vocabulary";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { FilterSelect } from "~/components/filter-select";

// Bad or unknown filter values are dropped rather than refused: a shared link with a stale filter still shows entries.
const filtersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined).transform((v) => v || ""),
  kind: z.enum(SERVICE_KINDS).optional().catch(undefined).transform((v) => v ?? null),
  place: z.string().uuid().optional().catch(undefined).transform((v) => v ?? null),
  language: z.enum(SERVICE_LANGUAGES).optional().catch(undefined).transform((v) => v ?? null),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

// A GET form and links: no JavaScript needed.
export const handle = scriptFree;

/** The directory of services for returnees and everyone else: search by words, kind, place and language. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const language = await getLanguage(request, context);
  const [result, placeOptions] = await withRls(null, (tx) =>
    Promise.all([searchServices(tx, { q: filters.q, kind: filters.kind, placeId: filters.place, language: filters.language, page: filters.page }, language), directoryPlaces(tx)]),
  );
  return json({
    filters,
    total: result.total,
    page: result.page,
    pages: result.pages,
    services: result.services.map((s) => asEntry(s, language)),
    places: placeOptions,
    languages: SERVICE_LANGUAGES.map((code) => ({ code, name: languageName(code, language) })).sort((a, b) => a.name.localeCompare(b.name, language)),
  });
}

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:directory.title");

export default function ServiceDirectory() {
  const { filters, total, page, pages, services, places, languages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  const { search } = useLocation();
  return (
    <div className="container section stack">
      <p>
        <Link to="/return" className="back-link">
          {t("title")}
        </Link>
      </p>
      <h1>{t("directory.title")}</h1>
      <p className="lead">{t("directory.intro")}</p>
      <Form method="get" className="filters" role="search" aria-label={t("directory.searchLabel")}>
        <div className="field filters__q">
          <label htmlFor="q">{t("directory.query")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} maxLength={100} />
        </div>
        <FilterSelect id="kind" label={t("directory.kind")} value={filters.kind} any={t("directory.any")} options={SERVICE_KINDS.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))} />
        <FilterSelect id="place" label={t("directory.place")} value={filters.place} any={t("directory.any")} options={places.map((place) => ({ value: place.id, label: place.name }))} />
        <FilterSelect id="language" label={t("directory.language")} value={filters.language} any={t("directory.any")} options={languages.map((l) => ({ value: l.code, label: l.name }))} />
        <button type="submit" className="button">
          {t("directory.submit")}
        </button>
      </Form>
      <p role="status">{t("directory.count", { count: total })}</p>
      {services.length === 0 ? (
        <p className="notice">
          {t("directory.empty")} <Link to="/return/services">{t("directory.clear")}</Link>
        </p>
      ) : (
        <ul className="grid" role="list">
          {services.map((service) => (
            <li key={service.id}>
              <ServiceCard service={service} />
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
