import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { GuideContents } from "~/components/return-guide";
import { getLanguage } from "~/i18n/i18next.server";
import { guidePage, publicLgu } from "~/modules/return-guide/pages.server";
import { scriptFree } from "~/utils/meta";

// Links only: no JavaScript needed.
export const handle = scriptFree;

/** An LGU's returnee guide: the same eight topics as the national guide, written for this place. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lgu = await publicLgu(params.slug);
  const language = await getLanguage(request, context);
  const { topics } = await guidePage(lgu, language);
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, topics });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lgu.name} — Tulay` : "Tulay" }];

export default function LguReturnGuide() {
  const { lgu, topics } = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/lgus/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("lguTitle", { lgu: lgu.name })}</h1>
      <p className="lead">{t("lguIntro", { lgu: lgu.name })}</p>
      <ul className="inline-list">
        <li>
          <Link to={`/lgus/${lgu.slug}/return/services`}>{t("lguDirectoryLink", { lgu: lgu.name })}</Link>
        </li>
        <li>
          <Link to="/return">{t("seeNational")}</Link>
        </li>
        <li>
          <Link to="/me/return-checklist">{t("checklist.mine")}</Link>
        </li>
      </ul>
      <h2 id="guide-contents">{t("contents")}</h2>
      <GuideContents topics={topics} base={`/lgus/${lgu.slug}/return`} fallbackNote={t("notWrittenLocally")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
