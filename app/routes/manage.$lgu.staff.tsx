import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { InviteForm, LeaveSection } from "~/components/membership-forms";
import { FormErrors } from "~/components/form";
import { PendingInvitations } from "~/components/pending-invitations";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { inviteByEmail, listPendingInvitations, revokeInvitation } from "~/modules/organisations/invitations.server";
import { leaveLgu, listLguStaff, removeLguRole } from "~/modules/organisations/memberships.server";
import { lguRoles, lguStaffActionSchema } from "~/modules/organisations/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "organisations:staff.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu, isAdmin } = await requireManagedLgu(request, params.lgu);
  const [staff, invitations] = await Promise.all([
    listLguStaff(session.claims, lgu.id),
    isAdmin ? listPendingInvitations(session.claims, { lguId: lgu.id }) : Promise.resolve([]),
  ]);
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, isAdmin, staff, invitations });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = await parseForm(request, lguStaffActionSchema);
  if (submission.status !== "success") {
    await requireManagedLgu(request, params.lgu);
    return formError(submission.reply());
  }
  const input = submission.value;
  // Leaving is anyone's right; everything else is an admin's.
  const { session, lgu } = await requireManagedLgu(request, params.lgu, input.intent === "leave" ? undefined : ["admin"]);
  const here = `/manage/${lgu.slug}/staff`;
  try {
    switch (input.intent) {
      case "invite":
        await inviteByEmail(session.claims, { lguId: lgu.id, role: input.role }, input.email, {
          locale: await getLanguage(request),
          baseUrl: siteUrl(request),
        });
        return redirectWithToast(here, { type: "success", messageKey: "organisations:staff.invited", values: { email: input.email } });
      case "revoke":
        await revokeInvitation(session.claims, { lguId: lgu.id }, input.invitationId);
        return redirectWithToast(here, { type: "success", messageKey: "organisations:staff.revoked" });
      case "remove":
        await removeLguRole(session.claims, lgu.id, input.membershipId);
        return redirectWithToast(here, { type: "success", messageKey: "organisations:staff.removed" });
      case "leave":
        await leaveLgu(session.claims, lgu.id);
        return redirectWithToast("/me/organisations", { type: "success", messageKey: "organisations:staff.left" });
    }
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function LguStaff() {
  const { lgu, isAdmin, staff, invitations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t, i18n } = useTranslation("organisations");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.intro")}</p>
      <FormErrors reply={reply} />

      <section aria-labelledby="staff-title">
        <h2 id="staff-title">{t("staff.listTitle")}</h2>
        <div className="table-wrap">
          <table className="data" aria-labelledby="staff-title">
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("staff.roles")}</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((person) => (
                <tr key={person.userId}>
                  <th scope="row" id={`person-${person.userId}`}>
                    <bdi>{person.displayName ?? t("members.unknownName")}</bdi>
                    {person.isMe ? ` ${t("members.you")}` : null}
                  </th>
                  <td>
                    <ul role="list" className="stack">
                      {person.roles.map((role) => (
                        <li key={role.membershipId}>
                          <span id={`role-${role.membershipId}`}>{t(`roles.${role.role}`)}</span>{" "}
                          <span className="muted">({t("staff.since", { date: formatDate(role.since, i18n.language) })})</span>
                          {isAdmin ? (
                            <>
                              {" "}
                              <Form method="post" className="inline-form">
                                <input type="hidden" name="intent" value="remove" />
                                <input type="hidden" name="membershipId" value={role.membershipId} />
                                <button
                                  type="submit"
                                  className="link-button danger"
                                  aria-describedby={`person-${person.userId} role-${role.membershipId}`}
                                >
                                  {t("staff.removeRole")}
                                </button>
                              </Form>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {isAdmin ? (
        <>
          <InviteForm
            title={t("staff.inviteTitle")}
            intro={t("staff.inviteIntro")}
            roles={lguRoles}
            defaultRole="editor"
            reply={reply}
          />
          <PendingInvitations invitations={invitations} />
        </>
      ) : null}

      <LeaveSection title={t("staff.leaveTitle")} intro={t("staff.leaveIntro")} label={t("staff.leave")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
