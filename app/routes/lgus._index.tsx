import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { LguCard } from "~/components/lgu-card";
import { Pagination } from "~/components/pagination";
import { withRls } from "~/db/client.server";
import { getLanguage } from "~/i18n/i18next.server";
import { inLanguage, listLgus } from "~/modules/lgus/queries.server";
import { titleFromRoot, scriptFree } from "~/utils/meta";

// A page number that is missing, not a number or out of range falls back to a valid page rather than failing.
const query = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

// Links and plain forms only: no JavaScript needed.
export const handle = scriptFree;

export async function loader({ request }: LoaderFunctionArgs) {
  const { page } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const language = await getLanguage(request);
  const result = await withRls(null, (tx) => listLgus(tx, { page }));
  return json({ ...result, lgus: result.lgus.map((lgu) => inLanguage(lgu, language)) });
}

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "lgus.title");

export default function LguList() {
  const { lgus, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <div className="container section">
      <h1>{t("lgus.title")}</h1>
      <p className="lead">{t("lgus.lead")}</p>
      <p className="muted">{t("lgus.count", { count: total })}</p>
      {lgus.length ? (
        <ul className="grid" role="list">
          {lgus.map((lgu) => (
            <li key={lgu.id}>
              <LguCard lgu={lgu} headingLevel={2} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("lgus.empty")}</p>
      )}
      <Pagination page={page} pages={pages} search={search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
