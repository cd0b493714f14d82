import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { requireUser } from "~/modules/auth/session.server";
import { myContribution } from "~/modules/contributions/giving.server";
import { receiptsOf } from "~/modules/contributions/receipts.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "giving:gift.title");

/** A donor's own gift or pledge: its status, its reference and, for a pledge, how to send the money. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const gift = await myContribution(session.claims, params.reference ?? "");
  if (!gift) throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  const issued = await receiptsOf(session.claims, gift.id);
  return json(
    {
      reference: gift.reference,
      kind: gift.kind,
      channel: gift.channel,
      status: gift.status,
      anonymous: gift.anonymous,
      amount: formatMoney(gift.amountMinor, gift.currency, language),
      dueOn: gift.dueOn ? formatDate(gift.dueOn, language) : null,
      project: { slug: gift.projectSlug, title: localized(gift.projectTitle, language) },
      receipts: issued.map((r) => ({ number: r.number, amount: formatMoney(r.amountMinor, r.currency, language), issued: formatDate(r.issuedAt, language) })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function MyGift() {
  const gift = useLoaderData<typeof loader>();
  const { t } = useTranslation("giving");
  const offline = gift.channel === "bank_transfer" || gift.channel === "remittance" || gift.channel === "cash";
  return (
    <div className="container section stack narrow">
      {gift.channel === "sandbox" ? (
        <p className="sandbox-banner" role="note">
          <strong>{t("sandbox.badge")}</strong> {t("sandbox.banner")}
        </p>
      ) : null}
      <h1>{t(`gift.heading.${gift.kind}`)}</h1>
      <p>
        <span className="badge">{t(`status.${gift.status}`)}</span>
      </p>
      <dl className="facts">
        <dt>{t("gift.project")}</dt>
        <dd>
          <Link to={`/projects/${gift.project.slug}`} lang={gift.project.title?.lang}>
            {gift.project.title?.text}
          </Link>
        </dd>
        <dt>{t("gift.amount")}</dt>
        <dd>{gift.amount}</dd>
        <dt>{t("gift.channel")}</dt>
        <dd>{t(`channels.${gift.channel}`)}</dd>
        <dt>{t("gift.reference")}</dt>
        <dd dir="ltr">
          <strong>{gift.reference}</strong>
        </dd>
        {gift.dueOn ? (
          <>
            <dt>{t("gift.dueOn")}</dt>
            <dd>{gift.dueOn}</dd>
          </>
        ) : null}
        <dt>{t("gift.shownAs")}</dt>
        <dd>{gift.anonymous ? t("gift.anonymous") : t("gift.named")}</dd>
      </dl>
      {offline && gift.status === "pending" ? (
        <section aria-labelledby="instructions-title" className="card stack">
          <h2 id="instructions-title">{t("gift.instructionsTitle")}</h2>
          <p>{t(`instructions.${gift.channel}`, { reference: gift.reference, amount: gift.amount })}</p>
          <p className="muted">{t("instructions.after")}</p>
        </section>
      ) : null}
      {gift.receipts.length ? (
        <section aria-labelledby="receipts-title" className="stack">
          <h2 id="receipts-title">{t("receipt.listTitle")}</h2>
          <ul className="plan-list" role="list">
            {gift.receipts.map((r) => (
              <li key={r.number}>
                <a href={`/receipts/${r.number}.pdf`}>
                  {t("receipt.download", { number: r.number })}
                </a>
                <p className="plan-item__facts">
                  <span>{r.amount}</span>
                  <span>{r.issued}</span>
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {gift.channel === "sandbox" && gift.status === "pending" ? (
        <p>
          <Link to={`/sandbox/${gift.reference}`}>{t("sandbox.continue")}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
