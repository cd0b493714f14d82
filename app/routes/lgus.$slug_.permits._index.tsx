import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { withRls } from "~/db/client.server";
import { currencyMinorDigits, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { getLguBySlug } from "~/modules/lgus/queries.server";
import { offeredPermitTypes } from "~/modules/permits/applications.server";
import { scriptFree } from "~/utils/meta";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Links only: no JavaScript needed.
export const handle = scriptFree;

/** The permits an LGU issues online: what each needs, what it costs and how long it takes. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const lgu = SLUG.test(slug) && slug.length <= 100 ? await withRls(null, (tx) => getLguBySlug(tx, slug)) : null;
  if (!lgu) throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  const types = await offeredPermitTypes(null, lgu.id, language);
  const money = (minor: number, currency: string) => formatMoney(minor, currency, language);
  return json({
    lgu: { slug: lgu.slug, name: lgu.name },
    types: types.map((type) => ({
      id: type.id,
      slug: type.slug,
      name: type.name,
      description: type.description,
      processingDays: type.processingDays,
      validityMonths: type.validityMonths,
      fee: !type.schedule
        ? null
        : type.schedule.kind === "fixed"
          ? { kind: "fixed" as const, amount: money(type.schedule.amountMinor, type.currency) }
          : {
              kind: "bracketed" as const,
              figure: type.schedule.figure,
              brackets: type.schedule.brackets.map((b) => ({
                from: money(b.fromMinor, type.currency),
                to: b.toMinor === null ? null : money(b.toMinor, type.currency),
                fixed: b.fixedMinor ? money(b.fixedMinor, type.currency) : null,
                rate: b.rateBasisPoints ? (b.rateBasisPoints / 100).toLocaleString(language, { maximumFractionDigits: 4 }) : null,
              })),
            },
      digits: currencyMinorDigits(type.currency),
      requirements: type.requirements,
    })),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lgu.name} — Tulay` : "Tulay" }];

export default function LguPermits() {
  const { lgu, types } = useLoaderData<typeof loader>();
  const { t } = useTranslation("permits");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/lgus/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("offered.title", { lgu: lgu.name })}</h1>
      <p>
        {t("offered.intro")} <Link to="/permits/status">{t("offered.checkStatus")}</Link>
      </p>
      {types.length === 0 ? (
        <p className="empty">{t("offered.none")}</p>
      ) : (
        <ul className="plan-list" role="list">
          {types.map((type) => (
            <li key={type.id}>
              <h2 id={`type-${type.slug}`} lang={type.name?.lang}>
                {type.name?.text}
              </h2>
              {type.description?.text ? <p lang={type.description.lang}>{type.description.text}</p> : null}
              <dl className="facts">
                <dt>{t("offered.fee")}</dt>
                <dd>
                  {!type.fee ? (
                    t("offered.feeOnAssessment")
                  ) : type.fee.kind === "fixed" ? (
                    type.fee.amount
                  ) : (
                    <>
                      {t(`offered.byFigure.${type.fee.figure}`)}
                      <ul>
                        {type.fee.brackets.map((b) => (
                          <li key={b.from}>
                            {b.to ? t("offered.bracket", { from: b.from, to: b.to }) : t("offered.bracketOpen", { from: b.from })}:{" "}
                            {[b.fixed, b.rate ? t("offered.rate", { rate: b.rate }) : null].filter(Boolean).join(" + ")}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </dd>
                <dt>{t("offered.processing")}</dt>
                <dd>{t("offered.days", { count: type.processingDays })}</dd>
                <dt>{t("offered.validity")}</dt>
                <dd>{t("offered.months", { count: type.validityMonths })}</dd>
                <dt>{t("offered.requirements")}</dt>
                <dd>
                  <ul>
                    {type.requirements.map((r) => (
                      <li key={r.id}>
                        <span lang={r.label?.lang}>{r.label?.text}</span> {r.mandatory ? null : <span className="muted">({t("offered.optional")})</span>}
                      </li>
                    ))}
                  </ul>
                </dd>
              </dl>
              <p>
                <Link className="button" to={`/lgus/${lgu.slug}/permits/${type.slug}/apply`} aria-describedby={`type-${type.slug}`}>
                  {t("offered.apply")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
