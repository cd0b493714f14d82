import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { withRls } from "~/db/client.server";
import { listLgus } from "~/modules/lgus/queries.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

const query = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "tax:title");

/** /services/property-tax: the LGUs (verified, so public) whose property tax can be looked up here. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { page } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const result = await withRls(null, (tx) => listLgus(tx, { page, perPage: 30 }));
  return json({ page: result.page, pages: result.pages, lgus: result.lgus.map((l) => ({ slug: l.slug, name: l.name })) });
}

export default function PropertyTaxServices() {
  const { lgus, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("tax");
  const { search } = useLocation();
  return (
    <div className="container section stack">
      <h1>{t("title")}</h1>
      <p className="lead">{t("services.intro")}</p>
      {lgus.length === 0 ? (
        <p className="empty">{t("services.empty")}</p>
      ) : (
        <ul className="stack" role="list">
          {lgus.map((l) => (
            <li key={l.slug}>
              <Link to={`/lgus/${l.slug}/property-tax`}>
                <bdi>{l.name}</bdi>
              </Link>
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
