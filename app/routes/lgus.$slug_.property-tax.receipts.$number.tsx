import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { requirePublicLgu } from "~/modules/property-tax/lgu.server";
import { taxReceipt } from "~/modules/property-tax/payments.server";
import { notFound } from "~/utils/errors";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "tax:paid.title");

/** A property tax payment's page, for its payer and the LGU's staff (RLS); the PDF is beside it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lgu = await requirePublicLgu(params.slug);
  const session = await requireUser(request);
  const receipt = await taxReceipt(session.claims, params.number ?? "");
  if (!receipt || receipt.payment.lguId !== lgu.id) throw notFound("no such receipt for this caller");
  const language = await getLanguage(request);
  return json(
    {
      lgu,
      number: receipt.payment.receiptNumber,
      amount: formatMoney(receipt.payment.amountMinor, receipt.payment.currency, language),
      paidAt: formatDateTime(receipt.payment.paidAt, language),
      declaration: receipt.assessment?.taxDeclarationNumber ?? null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function TaxPaid() {
  const { lgu, number, amount, paidAt, declaration } = useLoaderData<typeof loader>();
  const { t } = useTranslation("tax");
  return (
    <div className="container section stack narrow">
      <h1>{t("paid.title")}</h1>
      <p className="notice" role="status">
        {t("paid.text", { amount, date: paidAt })}
      </p>
      <dl className="facts">
        <dt>{t("receipt.number")}</dt>
        <dd dir="ltr">{number}</dd>
        {declaration ? (
          <>
            <dt>{t("lookup.declaration")}</dt>
            <dd dir="ltr">{declaration}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/lgus/${lgu.slug}/property-tax/receipts/${number}.pdf`} className="button" download>
          {t("paid.download")}
        </a>
      </p>
      <p>
        <Link to={`/lgus/${lgu.slug}/property-tax`}>{t("paid.back")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
