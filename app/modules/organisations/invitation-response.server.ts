/** Where a person lands after answering an invitation, with the toast that says what happened. */
import { redirectWithToast } from "~/utils/toast.server";

export function afterInvitationResponse(accept: boolean, target: { lguSlug: string | null; organisationSlug: string | null }) {
  const to = !accept
    ? "/me/organisations"
    : target.lguSlug
      ? `/manage/${target.lguSlug}`
      : `/me/organisations/${target.organisationSlug}`;
  return redirectWithToast(to, {
    type: "success",
    messageKey: accept ? "organisations:invitations.accepted" : "organisations:invitations.declined",
  });
}
