import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { FormErrors, type ReplyLike } from "./form";
import { FileField, TextareaField } from "./form-extra";

export interface VerificationHistoryItem {
  id: string;
  status: "pending" | "approved" | "rejected";
  note: string | null;
  evidenceFilename: string;
  decisionReason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

/**
 * The applicant's side of verification, the same for LGUs and organisations: where things stand,
 * earlier requests with the reasons given, and the form that sends one evidence document.
 */
export function VerificationForm({
  status,
  history,
  reply,
  busy,
}: {
  status: string;
  history: VerificationHistoryItem[];
  reply?: ReplyLike;
  busy?: boolean;
}) {
  const { t, i18n } = useTranslation("organisations");
  const canApply = status === "unverified" || status === "rejected";
  return (
    <>
      <p className="notice" role="note">
        {t(`verification.statusNotice.${status}`, { defaultValue: t(`status.${status}`) })}
      </p>
      {canApply ? (
        <section aria-labelledby="apply-title">
          <h2 id="apply-title">{t("verification.applyTitle")}</h2>
          <p>{t("verification.applyIntro")}</p>
          <Form method="post" encType="multipart/form-data" className="form" noValidate>
            <FormErrors reply={reply} />
            <FileField
              name="evidence"
              label={t("fields.evidence")}
              hint={t("fields.evidenceHint")}
              reply={reply}
              accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
              required
            />
            <TextareaField name="note" label={t("fields.note")} hint={t("fields.noteHint")} reply={reply} maxLength={1000} />
            <button type="submit" className="button" aria-disabled={busy || undefined}>
              {busy ? t("verification.busy") : t("verification.submit")}
            </button>
          </Form>
        </section>
      ) : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("verification.historyTitle")}</h2>
        {history.length === 0 ? (
          <p className="empty">{t("verification.noHistory")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-labelledby="history-title">
              <thead>
                <tr>
                  <th scope="col">{t("verification.submittedOn")}</th>
                  <th scope="col">{t("verification.document")}</th>
                  <th scope="col">{t("verification.outcome")}</th>
                  <th scope="col">{t("verification.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{formatDate(item.createdAt, i18n.language)}</th>
                    <td>
                      <bdi>{item.evidenceFilename}</bdi>
                    </td>
                    <td>
                      {t(`requestStatus.${item.status}`)}
                      {item.decidedAt ? ` (${formatDate(item.decidedAt, i18n.language)})` : null}
                    </td>
                    <td dir="auto">{item.decisionReason ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
