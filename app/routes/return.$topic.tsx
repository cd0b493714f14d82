import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { TopicBody } from "~/components/return-guide";
import { getLanguage } from "~/i18n/i18next.server";
import { getClaims } from "~/modules/auth/session.server";
import { topicPage } from "~/modules/return-guide/pages.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

// Links and a plain form: no JavaScript needed.
export const handle = scriptFree;

/** One topic of the national guide. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request, context);
  const page = await topicPage(null, params.topic, language);
  if (!page.text) throw new Response("Not found", { status: 404 });
  return json({ ...page, signedIn: Boolean(await getClaims(request)) });
}

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => titleFromRoot(matches, data ? `returnGuide:topics.${data.topic}.title` : "returnGuide:title");

export default function NationalTopic() {
  const { topic, text, signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  if (!text) return null;
  return (
    <article className="container section stack narrow" aria-labelledby="topic-title">
      <p>
        <Link to="/return" className="back-link">
          {t("title")}
        </Link>
      </p>
      <h1 id="topic-title">{t(`topics.${topic}.title`)}</h1>
      <TopicBody text={text} checklist={topic === "steps" ? { signedIn, here: `/return/${topic}` } : null} />
      <p>
        <Link to="/return/services">{t("directoryLink")}</Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
