import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { requireUser } from "~/modules/auth/session.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { listMyInvitations, respondToMyInvitation } from "~/modules/organisations/invitations.server";
import { afterInvitationResponse } from "~/modules/organisations/invitation-response.server";
import { listMine } from "~/modules/organisations/organisations.server";
import { myInvitationResponseSchema } from "~/modules/organisations/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "organisations:mine.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const [mine, invitations] = await Promise.all([listMine(session.claims), listMyInvitations(session.claims)]);
  return json({ ...mine, invitations });
}

/** Accepting or declining an invitation listed here (the emailed link does the same). */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const submission = await parseForm(request, myInvitationResponseSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const accept = submission.value.intent === "accept";
  try {
    const target = await respondToMyInvitation(session.claims, submission.value.invitationId, accept);
    return afterInvitationResponse(accept, target);
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function MyOrganisations() {
  const { organisations, lgus, invitations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t, i18n } = useTranslation("organisations");
  return (
    <div className="container section stack">
      <h1>{t("mine.title")}</h1>
      <p className="lead">{t("mine.intro")}</p>
      <p className="actions">
        <Link to="/organisations/new" className="button">
          {t("mine.createOrganisation")}
        </Link>{" "}
        <Link to="/lgus/register" className="button button--secondary">
          {t("mine.registerLgu")}
        </Link>
      </p>
      <FormErrors reply={reply} />

      <section aria-labelledby="invitations-title">
        <h2 id="invitations-title">{t("mine.invitationsTitle")}</h2>
        {invitations.length === 0 ? (
          <p className="empty">{t("mine.noInvitations")}</p>
        ) : (
          <ul className="stack" role="list">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="card">
                <p>
                  {t(invitation.kind === "lgu" ? "mine.invitationToLgu" : "mine.invitationToOrganisation", {
                    role: t(`roles.${invitation.role}`),
                  })}{" "}
                  <strong>
                    <bdi>{invitation.targetName}</bdi>
                  </strong>
                </p>
                <p className="muted">{t("mine.expires", { date: formatDate(invitation.expiresAt, i18n.language) })}</p>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="invitationId" value={invitation.id} />
                  <button type="submit" name="intent" value="accept" className="button">
                    {t("invitations.accept")}
                  </button>{" "}
                  <button type="submit" name="intent" value="decline" className="button button--secondary">
                    {t("invitations.decline")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="organisations-title">
        <h2 id="organisations-title">{t("mine.organisationsTitle")}</h2>
        {organisations.length === 0 ? (
          <p className="empty">{t("mine.noOrganisations")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-labelledby="organisations-title">
              <thead>
                <tr>
                  <th scope="col">{t("mine.name")}</th>
                  <th scope="col">{t("fields.kind")}</th>
                  <th scope="col">{t("mine.role")}</th>
                  <th scope="col">{t("mine.status")}</th>
                </tr>
              </thead>
              <tbody>
                {organisations.map((organisation) => (
                  <tr key={organisation.slug}>
                    <th scope="row">
                      <Link to={`/me/organisations/${organisation.slug}`}>
                        <bdi>{organisation.name}</bdi>
                      </Link>
                    </th>
                    <td>{t(`kinds.${organisation.kind}`)}</td>
                    <td>{t(`roles.${organisation.role}`)}</td>
                    <td>{t(`status.${organisation.verificationStatus}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="lgus-title">
        <h2 id="lgus-title">{t("mine.lgusTitle")}</h2>
        {lgus.length === 0 ? (
          <p className="empty">{t("mine.noLgus")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" aria-labelledby="lgus-title">
              <thead>
                <tr>
                  <th scope="col">{t("mine.name")}</th>
                  <th scope="col">{t("mine.roles")}</th>
                  <th scope="col">{t("mine.status")}</th>
                </tr>
              </thead>
              <tbody>
                {lgus.map((lgu) => (
                  <tr key={lgu.slug}>
                    <th scope="row">
                      <Link to={`/manage/${lgu.slug}`}>
                        <bdi>{lgu.name}</bdi>
                      </Link>
                    </th>
                    <td>{lgu.roles.map((role) => t(`roles.${role}`)).join(", ")}</td>
                    <td>{t(`status.${lgu.verificationStatus}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
