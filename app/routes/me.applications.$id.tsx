import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate, formatDateTime } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { myApplication } from "~/modules/jobs/applications.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:mine.one");

/** One of the person's applications: its status, what they sent, and the employer's messages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const application = await myApplication(session.claims, params.id ?? "", language);
  if (!application) throw new Response("Not found", { status: 404 });
  return json(
    {
      id: application.id,
      jobId: application.jobId,
      title: application.title,
      posterName: application.posterName,
      status: application.status,
      applied: formatDate(application.createdAt, language),
      changed: formatDate(application.statusChangedAt, language),
      coverNote: application.coverNote,
      cvFileName: application.cvFileName,
      cvGenerated: application.cvGenerated,
      messages: application.messages.map((m) => ({ id: m.id, body: m.body, sent: formatDateTime(m.sentAt, language) })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function MyApplication() {
  const a = useLoaderData<typeof loader>();
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to="/me/applications" className="back-link">
          {t("mine.back")}
        </Link>
      </p>
      <h1>
        <Link to={`/jobs/${a.jobId}`} lang={a.title?.lang} dir="auto">
          {a.title?.text}
        </Link>
      </h1>
      <p className="lead">
        <bdi>{a.posterName}</bdi>
      </p>
      <p role="status">
        {t("mine.statusLine", { status: t(`status.${a.status}`), date: a.changed })}
      </p>
      <dl className="facts">
        <dt>{t("mine.applied")}</dt>
        <dd>{a.applied}</dd>
        <dt>{t("apply.cv")}</dt>
        <dd>
          <a href={`/job-applications/${a.id}/cv`}>{a.cvFileName}</a> {a.cvGenerated ? <span className="muted">({t("mine.generated")})</span> : null}
        </dd>
      </dl>
      {a.coverNote ? (
        <section aria-labelledby="note-title">
          <h2 id="note-title">{t("apply.coverNote")}</h2>
          <p className="mailbox__body" dir="auto">
            {a.coverNote}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">{t("messages.title")}</h2>
        {a.messages.length === 0 ? (
          <p className="muted">{t("messages.none")}</p>
        ) : (
          <ul role="list" className="stack">
            {a.messages.map((m) => (
              <li key={m.id} className="card">
                <p className="muted">{m.sent}</p>
                <p className="mailbox__body" dir="auto">
                  {m.body}
                </p>
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
