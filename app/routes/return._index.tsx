import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { GuideContents } from "~/components/return-guide";
import { getLanguage } from "~/i18n/i18next.server";
import { guidePage } from "~/modules/return-guide/pages.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

// Links only: no JavaScript needed.
export const handle = scriptFree;

/** The national returnee guide: eight topics for anyone coming home, wherever they settle. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request, context);
  return json(await guidePage(null, language));
}

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:title");

export default function ReturnGuide() {
  const { topics, localGuides } = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  return (
    <div className="container section stack">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <p className="notice">{t("openToAll")}</p>
      <ul className="inline-list">
        <li>
          <Link to="/return/services">{t("directoryLink")}</Link>
        </li>
        <li>
          <Link to="/return/steps">{t("checklist.fromSteps")}</Link>
        </li>
        <li>
          <Link to="/me/return-checklist">{t("checklist.mine")}</Link>
        </li>
      </ul>
      <h2 id="guide-contents">{t("contents")}</h2>
      <GuideContents topics={topics} base="/return" />
      <section aria-labelledby="local-guides" className="stack">
        <h2 id="local-guides">{t("localGuides")}</h2>
        {localGuides.length === 0 ? (
          <p className="empty">{t("noLocalGuides")}</p>
        ) : (
          <ul>
            {localGuides.map((lgu) => (
              <li key={lgu.slug}>
                <Link to={`/lgus/${lgu.slug}/return`}>
                  <bdi>{lgu.name}</bdi>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
