import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors } from "~/components/form";
import { formatDateTime } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requirePlatformAdmin } from "~/modules/auth/session.server";
import { exchangeRateTable, setExchangeRate } from "~/modules/contributions/giving.server";
import { rateSchema } from "~/modules/contributions/schema";
import { orResponse, refusedForm } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "giving:rates.title");

/** The platform admins' exchange rates: each currency's value in US dollars, for approximate amounts. */
export async function loader({ request }: LoaderFunctionArgs) {
  await orResponse(requirePlatformAdmin(request));
  const language = await getLanguage(request);
  const { rows } = await exchangeRateTable();
  return json(
    { rates: rows.map((r) => ({ currency: r.currency, usdPerUnit: String(Number(r.usdPerUnit)), updatedAt: formatDateTime(r.updatedAt, language) })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await orResponse(requirePlatformAdmin(request));
  const submission = await parseForm(request, rateSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    await setExchangeRate(session.claims, submission.value);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast("/admin/rates", { type: "success", messageKey: "giving:rates.saved", values: { currency: submission.value.currency } });
}

export default function Rates() {
  const { rates } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("giving");
  return (
    <div className="container section stack">
      <p>
        <Link to="/admin" className="back-link">
          {t("admin:queue.title")}
        </Link>
      </p>
      <h1>{t("rates.title")}</h1>
      <p className="lead">{t("rates.intro")}</p>
      {rates.length === 0 ? (
        <p className="empty">{t("rates.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("rates.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("rates.currency")}</th>
                <th scope="col" className="number">
                  {t("rates.usdPerUnit")}
                </th>
                <th scope="col">{t("rates.updated")}</th>
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr key={r.currency}>
                  <th scope="row">{r.currency}</th>
                  <td className="number" dir="ltr">
                    {r.usdPerUnit}
                  </td>
                  <td>{r.updatedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Form method="post" className="form form--inline" noValidate>
        <FormErrors reply={reply} />
        <Field name="currency" label={t("rates.currency")} hint={t("rates.currencyHint")} reply={reply} maxLength={3} autoComplete="off" dir="ltr" />
        <Field name="usdPerUnit" label={t("rates.usdPerUnit")} hint={t("rates.usdPerUnitHint")} reply={reply} inputMode="decimal" dir="ltr" />
        <button type="submit" className="button">
          {t("rates.save")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
