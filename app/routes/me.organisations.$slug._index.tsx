import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { InviteForm, LeaveSection } from "~/components/membership-forms";
import { PendingInvitations } from "~/components/pending-invitations";
import { FormErrors } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { refusedForm, requireManagedOrganisation } from "~/modules/organisations/access.server";
import { inviteByEmail, listPendingInvitations, revokeInvitation } from "~/modules/organisations/invitations.server";
import {
  changeOrganisationRole,
  leaveOrganisation,
  listOrganisationMembers,
  removeOrganisationMember,
} from "~/modules/organisations/memberships.server";
import { organisationMembersActionSchema, organisationRoles } from "~/modules/organisations/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.organisation.name} — Tulay` : "Tulay" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, organisation, isOfficer } = await requireManagedOrganisation(request, params.slug);
  const tenant = { organisationId: organisation.id };
  const [members, invitations] = await Promise.all([
    listOrganisationMembers(session.claims, organisation.id),
    isOfficer ? listPendingInvitations(session.claims, tenant) : Promise.resolve([]),
  ]);
  return json({
    organisation: {
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      verificationStatus: organisation.verificationStatus,
    },
    isOfficer,
    members,
    invitations,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = await parseForm(formData, organisationMembersActionSchema);
  if (submission.status !== "success") {
    await requireManagedOrganisation(request, params.slug);
    return formError(submission.reply());
  }
  const input = submission.value;
  const { session, organisation } = await requireManagedOrganisation(
    request,
    params.slug,
    input.intent === "leave" ? undefined : ["officer"]
  );
  const here = `/me/organisations/${organisation.slug}`;
  const tenant = { organisationId: organisation.id };
  try {
    switch (input.intent) {
      case "invite":
        await inviteByEmail(session.claims, { ...tenant, role: input.role }, input.email, {
          locale: await getLanguage(request),
          baseUrl: siteUrl(request),
        });
        return redirectWithToast(here, { type: "success", messageKey: "organisations:members.invited", values: { email: input.email } });
      case "revoke":
        await revokeInvitation(session.claims, tenant, input.invitationId);
        return redirectWithToast(here, { type: "success", messageKey: "organisations:members.revoked" });
      case "remove":
        await removeOrganisationMember(session.claims, organisation.id, input.membershipId);
        return redirectWithToast(here, { type: "success", messageKey: "organisations:members.removed" });
      case "changeRole":
        await changeOrganisationRole(session.claims, organisation.id, input.membershipId, input.role);
        return redirectWithToast(here, { type: "success", messageKey: "organisations:members.roleChanged" });
      case "leave":
        await leaveOrganisation(session.claims, organisation.id);
        return redirectWithToast("/me/organisations", { type: "success", messageKey: "organisations:members.left" });
    }
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function ManageOrganisation() {
  const { organisation, isOfficer, members, invitations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t, i18n } = useTranslation("organisations");
  return (
    <div className="container section stack">
      <h1>
        <bdi>{organisation.name}</bdi>
      </h1>
      <p className="muted">
        {t(`kinds.${organisation.kind}`)} · {t("manage.statusLine", { status: t(`status.${organisation.verificationStatus}`) })}
      </p>
      <ul className="actions" role="list">
        <li>
          <Link to={`/associations/${organisation.slug}`}>{t("manage.publicPage")}</Link>
        </li>
        {organisation.kind !== "association" ? (
          <li>
            <Link to={`/me/organisations/${organisation.slug}/jobs`}>{t("jobs:post.listHeading")}</Link>
          </li>
        ) : null}
        {isOfficer ? (
          <li>
            <Link to={`/me/organisations/${organisation.slug}/verification`}>{t("manage.verificationLink")}</Link>
          </li>
        ) : null}
      </ul>
      <FormErrors reply={reply} />

      <section aria-labelledby="members-title">
        <h2 id="members-title">{t("members.title")}</h2>
        <div className="table-wrap">
          <table className="data" aria-labelledby="members-title">
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.role")}</th>
                <th scope="col">{t("members.since")}</th>
                {isOfficer ? <th scope="col">{t("members.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.membershipId}>
                  <th scope="row" id={`member-${member.membershipId}`}>
                    <bdi>{member.displayName ?? t("members.unknownName")}</bdi>
                    {member.isMe ? ` ${t("members.you")}` : null}
                  </th>
                  <td>{t(`roles.${member.role}`)}</td>
                  <td>{formatDate(member.since, i18n.language)}</td>
                  {isOfficer ? (
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="changeRole" />
                        <input type="hidden" name="membershipId" value={member.membershipId} />
                        <input type="hidden" name="role" value={member.role === "officer" ? "member" : "officer"} />
                        <button type="submit" className="link-button" aria-describedby={`member-${member.membershipId}`}>
                          {member.role === "officer" ? t("members.makeMember") : t("members.makeOfficer")}
                        </button>
                      </Form>
                      {member.isMe ? null : (
                        <>
                          {" · "}
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="membershipId" value={member.membershipId} />
                            <button type="submit" className="link-button danger" aria-describedby={`member-${member.membershipId}`}>
                              {t("members.remove")}
                            </button>
                          </Form>
                        </>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {isOfficer ? (
        <>
          <InviteForm
            title={t("members.inviteTitle")}
            intro={t("members.inviteIntro")}
            roles={organisationRoles}
            defaultRole="member"
            reply={reply}
          />
          <PendingInvitations invitations={invitations} />
        </>
      ) : null}

      <LeaveSection title={t("members.leaveTitle")} intro={t("members.leaveIntro")} label={t("members.leave")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
