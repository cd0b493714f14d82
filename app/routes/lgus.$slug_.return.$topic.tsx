import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { TopicBody } from "~/components/return-guide";
import { getLanguage } from "~/i18n/i18next.server";
import { getClaims } from "~/modules/auth/session.server";
import { publicLgu, topicPage } from "~/modules/return-guide/pages.server";
import { scriptFree } from "~/utils/meta";

// Links and a plain form: no JavaScript needed.
export const handle = scriptFree;

/** One topic of an LGU's guide; when the LGU has not written it, a pointer to the national guide's. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lgu = await publicLgu(params.slug);
  const language = await getLanguage(request, context);
  const page = await topicPage(lgu, params.topic, language);
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, ...page, signedIn: Boolean(await getClaims(request)) });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lgu.name} — Tulay` : "Tulay" }];

export default function LguTopic() {
  const { lgu, topic, text, nationalWritten, signedIn } = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  const here = `/lgus/${lgu.slug}/return/${topic}`;
  return (
    <article className="container section stack narrow" aria-labelledby="topic-title">
      <p>
        <Link to={`/lgus/${lgu.slug}/return`} className="back-link">
          {t("lguTitle", { lgu: lgu.name })}
        </Link>
      </p>
      <h1 id="topic-title">{t(`topics.${topic}.title`)}</h1>
      <p className="muted">
        <bdi>{lgu.name}</bdi>
      </p>
      {text ? (
        <TopicBody text={text} checklist={topic === "steps" ? { signedIn, here } : null} />
      ) : (
        <p className="notice">{t("lguNotWritten", { lgu: lgu.name })}</p>
      )}
      {nationalWritten ? (
        <p>
          <Link to={`/return/${topic}`}>{t("readNational")}</Link>
        </p>
      ) : null}
      <p>
        <Link to={`/lgus/${lgu.slug}/return/services`}>{t("lguDirectoryLink", { lgu: lgu.name })}</Link>
      </p>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
