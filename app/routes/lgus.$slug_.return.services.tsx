import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { ServiceCard } from "~/components/return-guide";
import { withRls } from "~/db/client.server";
import { getLanguage } from "~/i18n/i18next.server";
import { publicLgu } from "~/modules/return-guide/pages.server";
import { asEntry, lguServices } from "~/modules/return-guide/services.server";
import { scriptFree } from "~/utils/meta";

// Links only: no JavaScript needed.
export const handle = scriptFree;

/** The services in one LGU: its own directory entries and the national directory's entries there. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lgu = await publicLgu(params.slug);
  const language = await getLanguage(request, context);
  const services = await withRls(null, (tx) => lguServices(tx, lgu, language));
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, services: services.map((s) => asEntry(s, language)) });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lgu.name} — Tulay` : "Tulay" }];

export default function LguServices() {
  const { lgu, services } = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/lgus/${lgu.slug}/return`} className="back-link">
          {t("lguTitle", { lgu: lgu.name })}
        </Link>
      </p>
      <h1>{t("lguDirectoryLink", { lgu: lgu.name })}</h1>
      <p className="lead">{t("directory.lguIntro")}</p>
      {services.length === 0 ? (
        <p className="empty">{t("directory.lguEmpty")}</p>
      ) : (
        <ul className="grid" role="list">
          {services.map((service) => (
            <li key={service.id}>
              <ServiceCard service={service} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/return/services">{t("directory.searchAll")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
