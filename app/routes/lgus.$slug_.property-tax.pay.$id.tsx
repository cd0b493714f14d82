import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, type ReplyLike } from "~/components/form";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { sandboxEnabled } from "~/modules/contributions/giving.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { requirePublicLgu } from "~/modules/property-tax/lgu.server";
import { assessmentToPay, lguToday, paySandbox } from "~/modules/property-tax/payments.server";
import { notFound } from "~/utils/errors";
import { scriptFree } from "~/utils/meta";

export const handle = scriptFree;

export const meta: MetaFunction = () => [{ title: "Demo sandbox — Tulay" }, { name: "robots", content: "noindex" }];

/**
 * Paying an assessment through the demo sandbox (labelled on every part of the page; refused where
 * the sandbox is off). The payer signs in first, so the receipt is theirs to download again.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!sandboxEnabled()) throw notFound("sandbox off");
  const lgu = await requirePublicLgu(params.slug);
  await requireUser(request);
  const assessment = await assessmentToPay(lgu.id, params.id ?? "");
  if (!assessment) throw notFound("no such assessment");
  if (assessment.receiptNumber) throw redirect(`/lgus/${lgu.slug}/property-tax/receipts/${assessment.receiptNumber}`);
  const language = await getLanguage(request);
  return json(
    {
      lgu,
      asOf: formatDate(lguToday(), language),
      assessment: {
        taxDeclarationNumber: assessment.taxDeclarationNumber,
        propertyLocation: assessment.propertyLocation,
        dueDate: formatDate(assessment.dueDate, language),
        taxDue: formatMoney(assessment.taxDueMinor, assessment.currency, language),
        penalty: formatMoney(assessment.penaltyMinor, assessment.currency, language),
        total: formatMoney(assessment.totalMinor, assessment.currency, language),
      },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (!sandboxEnabled()) throw notFound("sandbox off");
  const lgu = await requirePublicLgu(params.slug);
  const session = await requireUser(request);
  try {
    const receipt = await paySandbox(session.claims, lgu.id, params.id ?? "");
    return redirect(`/lgus/${lgu.slug}/property-tax/receipts/${receipt}`);
  } catch (error) {
    return refusedForm(null, error);
  }
}

export default function PayPropertyTax() {
  const { lgu, asOf, assessment } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("tax");
  return (
    <div className="container section stack narrow">
      <p className="sandbox-banner" role="note">
        <strong>{t("pay.sandboxBadge")}</strong> {t("pay.sandboxBanner")}
      </p>
      <h1>{t("pay.title")}</h1>
      <FormErrors reply={reply} />
      <dl className="facts">
        <dt>{t("lookup.declaration")}</dt>
        <dd dir="ltr">{assessment.taxDeclarationNumber}</dd>
        <dt>{t("lookup.location")}</dt>
        <dd>
          <bdi>{assessment.propertyLocation}</bdi>
        </dd>
        <dt>{t("lookup.dueDate")}</dt>
        <dd>{assessment.dueDate}</dd>
        <dt>{t("lookup.taxDue")}</dt>
        <dd>{assessment.taxDue}</dd>
        <dt>{t("lookup.penalty")}</dt>
        <dd>{assessment.penalty}</dd>
        <dt>{t("lookup.total")}</dt>
        <dd>
          <strong>{assessment.total}</strong>
        </dd>
      </dl>
      <p className="muted">{t("lookup.asOf", { date: asOf })}</p>
      <div className="plan-item__actions">
        <Form method="post">
          <button type="submit" className="button">
            {t("pay.confirm", { amount: assessment.total })}
          </button>
        </Form>
        <Link to={`/lgus/${lgu.slug}/property-tax`} className="button button--secondary">
          {t("pay.cancel")}
        </Link>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
