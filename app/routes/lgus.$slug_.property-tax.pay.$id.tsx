import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, type ReplyLike } from "~/components/form";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { getPaymentsPort } from "~/adapters/index.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { requireUser } from "~/modules/auth/session.server";
import { sandboxEnabled } from "~/modules/contributions/giving.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { startCardPayment } from "~/modules/property-tax/card.server";
import { requirePublicLgu } from "~/modules/property-tax/lgu.server";
import { assessmentToPay, lguToday, paySandbox } from "~/modules/property-tax/payments.server";
import { notFound } from "~/utils/errors";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;

const canPay = () => sandboxEnabled() || getPaymentsPort() !== null;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...titleFromRoot(matches, "tax:pay.title"),
  { name: "robots", content: "noindex" },
  // Back from the card checkout before the provider's confirmation arrived: look again shortly.
  ...(data?.waiting ? [{ httpEquiv: "refresh", content: "3" } as const] : []),
];

/**
 * Paying an assessment: by card (the payments port's hosted checkout, recorded when its webhook
 * confirms it) where a provider is configured, and through the demo sandbox (labelled; refused
 * where the sandbox is off). The payer signs in first, so the receipt is theirs to download again.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!canPay()) throw notFound("no way to pay online");
  const lgu = await requirePublicLgu(params.slug);
  await requireUser(request);
  const assessment = await assessmentToPay(lgu.id, params.id ?? "");
  if (!assessment) throw notFound("no such assessment");
  if (assessment.receiptNumber) throw redirect(`/lgus/${lgu.slug}/property-tax/receipts/${assessment.receiptNumber}`);
  const language = await getLanguage(request);
  return json(
    {
      lgu,
      card: getPaymentsPort() !== null,
      sandbox: sandboxEnabled(),
      waiting: new URL(request.url).searchParams.get("from") === "checkout",
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
  if (!canPay()) throw notFound("no way to pay online");
  const lgu = await requirePublicLgu(params.slug);
  const session = await requireUser(request);
  const intent = (await request.formData()).get("intent");
  try {
    if (intent === "card") return redirect(await startCardPayment({ ...session.claims, email: session.user.email ?? undefined }, lgu, params.id ?? "", siteUrl(request)));
    const receipt = await paySandbox(session.claims, lgu.id, params.id ?? "");
    return redirect(`/lgus/${lgu.slug}/property-tax/receipts/${receipt}`);
  } catch (error) {
    return refusedForm(null, error);
  }
}

export default function PayPropertyTax() {
  const { lgu, asOf, assessment, card, sandbox, waiting } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("tax");
  return (
    <div className="container section stack narrow">
      <h1>{t("pay.title")}</h1>
      {waiting ? (
        <p className="notice" role="status">
          {t("pay.waiting")}
        </p>
      ) : null}
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
      {card ? (
        <Form method="post">
          <input type="hidden" name="intent" value="card" />
          <button type="submit" className="button">
            {t("pay.card", { amount: assessment.total })}
          </button>
        </Form>
      ) : null}
      {sandbox ? (
        <section aria-labelledby="sandbox-title" className="card stack">
          <p className="sandbox-banner" role="note">
            <strong id="sandbox-title">{t("pay.sandboxBadge")}</strong> {t("pay.sandboxBanner")}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="sandbox" />
            <button type="submit" className="button button--secondary">
              {t("pay.confirm", { amount: assessment.total })}
            </button>
          </Form>
        </section>
      ) : null}
      <p>
        <Link to={`/lgus/${lgu.slug}/property-tax`}>{t("pay.cancel")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
