import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { getClaims, requireUser } from "~/modules/auth/session.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { describeInvitation, respondToInvitation } from "~/modules/organisations/invitations.server";
import { afterInvitationResponse } from "~/modules/organisations/invitation-response.server";
import { invitationResponseSchema } from "~/modules/organisations/schema";
import { notFound } from "~/utils/errors";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";

// The page is about a one-time credential: never kept in a shared cache.
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "organisations:invitations.title");

const noStore = { "Cache-Control": "private, no-store" };

/** What the emailed link is for, and Accept / Decline once the invited person is signed in. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  const claims = await getClaims(request);
  const invitation = await describeInvitation(token, claims);
  if (!invitation) throw notFound("unknown invitation token");
  const here = new URL(request.url).pathname;
  return json(
    { invitation, signedIn: Boolean(claims), signInHref: `/login?${new URLSearchParams({ redirectTo: here })}` },
    { headers: noStore }
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const submission = await parseForm(request, invitationResponseSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const accept = submission.value.intent === "accept";
  try {
    const target = await respondToInvitation(session.claims, params.token ?? "", accept);
    return afterInvitationResponse(accept, target);
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function InvitationPage() {
  const { invitation, signedIn, signInHref } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t, i18n } = useTranslation("organisations");
  const open = invitation.status === "pending" && !invitation.expired;
  return (
    <div className="container section narrow stack">
      <h1>{t("invitations.title")}</h1>
      <p className="lead">
        {t(invitation.kind === "lgu" ? "invitations.forLgu" : "invitations.forOrganisation", { role: t(`roles.${invitation.role}`) })}{" "}
        <strong>
          <bdi>{invitation.targetName}</bdi>
        </strong>
      </p>
      <FormErrors reply={reply} />
      {!open ? (
        <p className="notice" role="note">
          {invitation.status === "pending"
            ? t("invitations.expiredBody")
            : invitation.status === "revoked"
            ? t("invitations.revokedBody")
            : t("invitations.usedBody")}
        </p>
      ) : !signedIn ? (
        <>
          <p>{t("invitations.signInPrompt")}</p>
          <p className="actions">
            <Link to={signInHref} className="button">
              {t("invitations.signIn")}
            </Link>{" "}
            <Link to="/signup" className="button button--secondary">
              {t("invitations.signUp")}
            </Link>
          </p>
        </>
      ) : invitation.forYou === false ? (
        <p className="notice" role="note">
          {t("invitations.wrongEmailBody")}
        </p>
      ) : (
        <>
          <p className="muted">{t("invitations.expiresOn", { date: formatDate(invitation.expiresAt, i18n.language) })}</p>
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="accept" className="button">
              {t("invitations.accept")}
            </button>{" "}
            <button type="submit" name="intent" value="decline" className="button button--secondary">
              {t("invitations.decline")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
