import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Field, type ReplyLike } from "~/components/form";

export interface PermitFieldValues {
  businessName?: string;
  lineOfBusiness?: string;
  address?: string;
  ownerName?: string;
  ownerPhone?: string;
  declared?: string;
}

/** The applicant's details of a permit application (starting it, or correcting it later). */
export function PermitApplicationFields({ reply, values = {}, currency }: { reply?: ReplyLike; values?: PermitFieldValues; currency: string }) {
  const { t } = useTranslation("permits");
  return (
    <>
      <Field name="businessName" label={t("fields.businessName")} reply={reply} defaultValue={values.businessName} autoComplete="organization" required />
      <Field name="lineOfBusiness" label={t("fields.lineOfBusiness")} hint={t("fields.lineOfBusinessHint")} reply={reply} defaultValue={values.lineOfBusiness} required />
      <Field name="address" label={t("fields.address")} hint={t("fields.addressHint")} reply={reply} defaultValue={values.address} autoComplete="street-address" required />
      <Field name="ownerName" label={t("fields.ownerName")} reply={reply} defaultValue={values.ownerName} autoComplete="name" required />
      <Field name="ownerPhone" label={t("fields.ownerPhone")} hint={t("fields.ownerPhoneHint")} reply={reply} defaultValue={values.ownerPhone} type="tel" autoComplete="tel" required />
      <Field name="declared" label={t("fields.declared", { currency })} hint={t("fields.declaredHint")} reply={reply} defaultValue={values.declared} inputMode="decimal" required />
    </>
  );
}

/** What happened to an application so far, oldest first, with the office's words where it gave any. */
export function PermitHistory({ history }: { history: { id: number; to: string; when: string; note: string | null }[] }) {
  const { t } = useTranslation("permits");
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("mine.history")}</h2>
      {history.length === 0 ? (
        <p className="empty">{t("mine.noHistory")}</p>
      ) : (
        <ol>
          {history.map((h) => (
            <li key={h.id}>
              {h.when}: {t(`status.${h.to}`)}
              {h.note ? (
                <>
                  {" "}
                  — <q dir="auto">{h.note}</q>
                </>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** An application's details as submitted, read-only; `children` adds rows (the fee, for the office). */
export function PermitDetails({ details, declared, currency, withPhone = false, children }: { details: PermitFieldValues; declared: string; currency: string; withPhone?: boolean; children?: ReactNode }) {
  const { t } = useTranslation("permits");
  return (
    <dl className="facts">
      <dt>{t("fields.businessName")}</dt>
      <dd>
        <bdi>{details.businessName}</bdi>
      </dd>
      <dt>{t("fields.lineOfBusiness")}</dt>
      <dd>
        <bdi>{details.lineOfBusiness}</bdi>
      </dd>
      <dt>{t("fields.address")}</dt>
      <dd>
        <bdi>{details.address}</bdi>
      </dd>
      <dt>{t("fields.ownerName")}</dt>
      <dd>
        <bdi>{details.ownerName}</bdi>
      </dd>
      {withPhone ? (
        <>
          <dt>{t("fields.ownerPhone")}</dt>
          <dd dir="ltr">{details.ownerPhone}</dd>
        </>
      ) : null}
      <dt>{t("fields.declared", { currency })}</dt>
      <dd>{declared}</dd>
      {children}
    </dl>
  );
}
