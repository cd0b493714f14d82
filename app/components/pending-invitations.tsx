import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";

/** Invitations sent and not yet answered, each with a revoke button (LGU staff and organisation members pages). */
export function PendingInvitations({
  invitations,
}: {
  invitations: { id: string; email: string; role: string; expiresAt: string; expired: boolean }[];
}) {
  const { t, i18n } = useTranslation("organisations");
  return (
    <section aria-labelledby="pending-title">
      <h2 id="pending-title">{t("members.pendingTitle")}</h2>
      {invitations.length === 0 ? (
        <p className="empty">{t("members.noPending")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" aria-labelledby="pending-title">
            <thead>
              <tr>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("members.expires")}</th>
                <th scope="col">{t("members.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row" id={`invitation-${invitation.id}`}>
                    <bdi>{invitation.email}</bdi>
                  </th>
                  <td>{t(`roles.${invitation.role}`)}</td>
                  <td>{invitation.expired ? t("members.expired") : formatDate(invitation.expiresAt, i18n.language)}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" className="link-button danger" aria-describedby={`invitation-${invitation.id}`}>
                        {t("members.revoke")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
