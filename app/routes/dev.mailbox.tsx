import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { desc, eq } from "drizzle-orm";
import { useTranslation } from "react-i18next";
import { getEmailPort } from "~/adapters/index.server";
import { getEnv } from "~/config/env.server";
import { asService } from "~/db/client.server";
import { emailOutbox } from "~/db/schema";
import { formatDateTime } from "~/i18n/format";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "auth:mailbox.title");

/**
 * The dev mailbox: the outbox's emails, newest first, so sign-up and reset links can be followed
 * without SMTP. Not there in production (the emails hold sign-in links), nor when SMTP is on.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (getEnv().NODE_ENV === "production" || getEmailPort().name !== "outbox") {
    throw new Response("Not found", { status: 404 });
  }
  const to = new URL(request.url).searchParams.get("to")?.trim().toLowerCase();
  const emails = await asService((tx) =>
    tx
      .select()
      .from(emailOutbox)
      .where(to ? eq(emailOutbox.toAddress, to) : undefined)
      .orderBy(desc(emailOutbox.createdAt))
      .limit(50),
  );
  return json({ emails, to: to ?? "" }, { headers: { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
}

const LINK = /(https?:\/\/[^\s]+)/g;

export default function Mailbox() {
  const { emails, to } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("auth");
  return (
    <div className="container section">
      <h1>{t("mailbox.title")}</h1>
      <p className="lead">{t("mailbox.intro")}</p>
      <form method="get" className="form">
        <div className="field">
          <label htmlFor="mailbox-to">{t("mailbox.filter")}</label>
          <input id="mailbox-to" name="to" type="email" defaultValue={to} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("mailbox.show")}
        </button>
      </form>
      {emails.length === 0 ? <p>{t("mailbox.empty")}</p> : null}
      <ol className="stack mailbox">
        {emails.map((email) => (
          <li key={email.id} className="card">
            <h2>
              <bdi>{email.subject}</bdi>
            </h2>
            <p className="muted">
              {t("mailbox.to")} <bdi>{email.toAddress}</bdi> · {formatDateTime(email.createdAt, i18n.language)}
            </p>
            <p className="mailbox__body" dir="auto">
              {email.bodyText.split(LINK).map((part, index) =>
                index % 2 === 1 ? (
                  <a key={index} href={part}>
                    {part}
                  </a>
                ) : (
                  <span key={index}>{part}</span>
                ),
              )}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
