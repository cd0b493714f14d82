import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { publicLedger } from "~/modules/contributions/public-ledger.server";
import { scriptFree } from "~/utils/meta";

export const handle = scriptFree;
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Tulay` : "Tulay" }];

/** The public ledger of a project (the CSV download is /projects/:slug/ledger.csv). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const ledger = SLUG.test(slug) ? await publicLedger(slug) : null;
  if (!ledger) throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  const money = (minor: number) => formatMoney(minor, ledger.project.currency, language);
  return json({
    slug: ledger.project.slug,
    title: localized(ledger.project.title, language)?.text ?? slug,
    titleLang: localized(ledger.project.title, language)?.lang,
    reconciles: ledger.reconciles,
    totals: Object.fromEntries(Object.entries(ledger.totals).map(([k, v]) => [k, money(v)])) as Record<keyof typeof ledger.totals, string>,
    rows: ledger.rows.map((r) => ({ ...r, amount: money(r.kind === "received" ? r.amountMinor : -r.amountMinor), date: formatDate(r.occurredOn, language) })),
  });
}

export default function PublicLedger() {
  const { slug, title, titleLang, totals, rows, reconciles } = useLoaderData<typeof loader>();
  const { t } = useTranslation("giving");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/projects/${slug}`} className="back-link" lang={titleLang}>
          {title}
        </Link>
      </p>
      <h1>{t("ledger.title")}</h1>
      <p className="lead">{t("ledger.intro")}</p>
      <dl className="facts">
        <dt>{t("ledger.received")}</dt>
        <dd>{totals.received}</dd>
        <dt>{t("ledger.refunded")}</dt>
        <dd>{totals.refunded}</dd>
        <dt>{t("ledger.raised")}</dt>
        <dd>{totals.raised}</dd>
        <dt>{t("ledger.spent")}</dt>
        <dd>{totals.spent}</dd>
        <dt>{t("ledger.balance")}</dt>
        <dd>{totals.balance}</dd>
      </dl>
      <p className={reconciles ? "muted" : "notice"}>{reconciles ? t("ledger.reconciles") : t("ledger.doesNotReconcile")}</p>
      <p>
        <a href={`/projects/${slug}/ledger.csv`} download>
          {t("ledger.csv")}
        </a>
      </p>
      {rows.length === 0 ? (
        <p className="empty">{t("ledger.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("ledger.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ledger.date")}</th>
                <th scope="col">{t("ledger.what")}</th>
                <th scope="col">{t("ledger.who")}</th>
                <th scope="col" className="number">
                  {t("ledger.amount")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.kind}-${r.id}`}>
                  <td>{r.date}</td>
                  <td>
                    {t(`ledger.kinds.${r.kind}`)}
                    {r.channel ? <span className="muted"> · {t(`channels.${r.channel}`)}</span> : null}
                  </td>
                  <td>
                    <bdi>{r.kind === "spent" ? r.detail : (r.donorName ?? t("ledger.noName"))}</bdi>
                  </td>
                  <td className="number">{r.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
