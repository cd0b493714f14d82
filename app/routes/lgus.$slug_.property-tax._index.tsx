import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, type ReplyLike } from "~/components/form";
import { formatDate, formatMoney, formatNumber } from "~/i18n/format";
import { getLanguage, i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { getPaymentsPort } from "~/adapters/index.server";
import { getClaims, clientIp } from "~/modules/auth/session.server";
import { sandboxEnabled } from "~/modules/contributions/giving.server";
import { listPropertyForms } from "~/modules/property-tax/forms.server";
import { requirePublicLgu } from "~/modules/property-tax/lgu.server";
import { lguToday, lookUpAssessments } from "~/modules/property-tax/payments.server";
import { lookupSchema } from "~/modules/property-tax/schema";
import { formError, parseForm, replyWith } from "~/utils/forms.server";
import { scriptFree } from "~/utils/meta";

// Plain forms and links: no JavaScript needed.
export const handle = scriptFree;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — ${data.lgu.name} — Tulay` : "Tulay" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lgu = await requirePublicLgu(params.slug);
  const language = await getLanguage(request);
  const forms = await listPropertyForms(null, lgu.id);
  const t = await i18nServer.getFixedT(language, "tax");
  return json({
    lgu,
    title: t("title"),
    forms: forms.map((f) => ({ id: f.id, title: localized(f.title, language), size: formatNumber(Math.max(1, Math.round(f.sizeBytes / 1024)), language) })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lgu = await requirePublicLgu(params.slug);
  const submission = await parseForm(request, lookupSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const language = await getLanguage(request);
  const answer = await lookUpAssessments(await getClaims(request), lgu.id, submission.value, clientIp(context as { clientIp?: string }));
  if (answer.status === "rate_limited") return json({ reply: replyWith({ "": ["tax:lookup.rateLimited"] }, submission.value), results: null }, { status: 429 });
  if (answer.status === "not_found") return json({ reply: replyWith({ "": ["tax:lookup.notFound"] }, submission.value), results: null }, { status: 404 });
  const today = lguToday();
  return json({
    reply: { status: "success" as const, initialValue: submission.value },
    results: {
      asOf: formatDate(today, language),
      payable: sandboxEnabled() || getPaymentsPort() !== null,
      assessments: answer.assessments.map((a) => ({
        id: a.id,
        taxDeclarationNumber: a.taxDeclarationNumber,
        propertyLocation: a.propertyLocation,
        dueDate: formatDate(a.dueDate, language),
        taxDue: formatMoney(a.taxDueMinor, a.currency, language),
        penalty: formatMoney(a.penaltyMinor, a.currency, language),
        monthsLate: a.monthsLate,
        total: formatMoney(a.totalMinor, a.currency, language),
        receiptNumber: a.receiptNumber,
      })),
    },
  });
}

export default function PropertyTaxLookup() {
  const { lgu, forms } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const reply = data?.reply as ReplyLike | undefined;
  const results = data && "results" in data ? data.results : null;
  const { t } = useTranslation("tax");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/lgus/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("title")}</h1>
      <section aria-labelledby="lookup-title" className="card stack">
        <h2 id="lookup-title">{t("lookup.title")}</h2>
        <p>{t("lookup.intro")}</p>
        <Form method="post" className="form stack" noValidate>
          <FormErrors reply={reply} />
          <Field name="taxDeclarationNumber" label={t("lookup.declaration")} hint={t("lookup.declarationHint")} reply={reply} required maxLength={40} autoComplete="off" dir="ltr" />
          <Field name="lastName" label={t("lookup.lastName")} hint={t("lookup.lastNameHint")} reply={reply} required maxLength={100} autoComplete="family-name" />
          <button type="submit" className="button">
            {t("lookup.submit")}
          </button>
        </Form>
      </section>
      {results ? (
        <section aria-labelledby="results-title" className="stack" role="status">
          <h2 id="results-title">{t("lookup.results")}</h2>
          <p className="muted">{t("lookup.asOf", { date: results.asOf })}</p>
          <ul className="plan-list" role="list">
            {results.assessments.map((a) => (
              <li key={a.id} className="card stack">
                <h3 className="card__title" id={`td-${a.id}`}>
                  <span dir="ltr">{a.taxDeclarationNumber}</span> · {a.dueDate}
                </h3>
                <dl className="facts">
                  <dt>{t("lookup.location")}</dt>
                  <dd>
                    <bdi>{a.propertyLocation}</bdi>
                  </dd>
                  <dt>{t("lookup.dueDate")}</dt>
                  <dd>{a.dueDate}</dd>
                  <dt>{t("lookup.taxDue")}</dt>
                  <dd>{a.taxDue}</dd>
                  {a.receiptNumber ? null : (
                    <>
                      <dt>{t("lookup.penalty")}</dt>
                      <dd>
                        {a.penalty}
                        {a.monthsLate > 0 ? ` (${t("lookup.monthsLate", { count: a.monthsLate })})` : null}
                      </dd>
                      <dt>{t("lookup.total")}</dt>
                      <dd>
                        <strong>{a.total}</strong>
                      </dd>
                    </>
                  )}
                </dl>
                {a.receiptNumber ? (
                  <p className="notice">{t("lookup.paid", { number: a.receiptNumber })}</p>
                ) : results.payable ? (
                  <p>
                    <Link to={`/lgus/${lgu.slug}/property-tax/pay/${a.id}`} className="button" aria-describedby={`td-${a.id}`}>
                      {t("lookup.pay")}
                    </Link>
                  </p>
                ) : (
                  <p className="muted">{t("lookup.payAtTreasury")}</p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="forms-title" className="stack">
        <h2 id="forms-title">{t("forms.title")}</h2>
        {forms.length === 0 ? (
          <p className="empty">{t("forms.empty")}</p>
        ) : (
          <ul className="stack" role="list">
            {forms.map((f) => (
              <li key={f.id}>
                <a href={`/lgus/${lgu.slug}/property-tax/forms/${f.id}`} lang={f.title?.lang}>
                  {f.title?.text}
                </a>{" "}
                <span className="muted">{t("forms.pdfSize", { size: f.size })}</span>
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
