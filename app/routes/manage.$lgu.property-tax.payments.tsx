import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Pagination } from "~/components/pagination";
import { formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { listTaxPayments } from "~/modules/property-tax/payments.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "tax:payments.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const language = await getLanguage(request);
  const page = Number(new URL(request.url).searchParams.get("page")) || 1;
  const { rows, page: current, pages, total } = await listTaxPayments(session.claims, lgu.id, page);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      page: current,
      pages,
      total,
      payments: rows.map((r) => ({
        receiptNumber: r.receiptNumber,
        amount: formatMoney(r.amountMinor, r.currency, language),
        channel: r.channel,
        paidAt: formatDateTime(r.paidAt, language),
        taxDeclarationNumber: r.taxDeclarationNumber,
        dueDate: r.dueDate ? formatDate(r.dueDate, language) : null,
        ownerName: r.ownerName,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function TaxPayments() {
  const { lgu, payments, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("tax");
  const location = useLocation();
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/property-tax`} className="back-link">
          {t("import.back")}
        </Link>
      </p>
      <h1 id="payments-title">{t("payments.title")}</h1>
      <p>
        <Link to={`/manage/${lgu.slug}/property-tax/counter`}>{t("counter.title")}</Link>
      </p>
      {payments.length === 0 ? (
        <p className="empty">{t("payments.empty")}</p>
      ) : (
        <>
          <p>
            <a href={`/manage/${lgu.slug}/property-tax/payments.csv`} download>
              {t("payments.exportCsv")}
            </a>
          </p>
          <div className="table-wrap">
            <table className="data" aria-labelledby="payments-title">
              <thead>
                <tr>
                  <th scope="col">{t("payments.receipt")}</th>
                  <th scope="col">{t("lookup.declaration")}</th>
                  <th scope="col">{t("payments.owner")}</th>
                  <th scope="col">{t("lookup.dueDate")}</th>
                  <th scope="col" className="number">
                    {t("payments.amount")}
                  </th>
                  <th scope="col">{t("payments.channel")}</th>
                  <th scope="col">{t("payments.paidAt")}</th>
                </tr>
              </thead>
              <tbody>
                {payments.map((p) => (
                  <tr key={p.receiptNumber}>
                    <td>
                      <a href={`/lgus/${lgu.slug}/property-tax/receipts/${p.receiptNumber}.pdf`} dir="ltr">
                        {p.receiptNumber}
                      </a>
                    </td>
                    <td dir="ltr">{p.taxDeclarationNumber}</td>
                    <td>
                      <bdi>{p.ownerName}</bdi>
                    </td>
                    <td>{p.dueDate}</td>
                    <td className="number">{p.amount}</td>
                    <td>{t(`channels.${p.channel}`)}</td>
                    <td>{p.paidAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} pages={pages} search={location.search} />
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
