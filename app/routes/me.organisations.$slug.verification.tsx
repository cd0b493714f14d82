import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { VerificationForm } from "~/components/verification-form";
import { requireManagedOrganisation } from "~/modules/organisations/access.server";
import { applyFromForm, verificationHistory } from "~/modules/verification/requests.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "organisations:verification.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, organisation } = await requireManagedOrganisation(request, params.slug, ["officer"]);
  const history = await verificationHistory(session.claims, { organisationId: organisation.id });
  return json({
    organisation: { slug: organisation.slug, name: organisation.name, verificationStatus: organisation.verificationStatus },
    history,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, organisation } = await requireManagedOrganisation(request, params.slug, ["officer"]);
  const refused = await applyFromForm(request, session.claims, { organisationId: organisation.id });
  if (refused) return json({ reply: refused.reply }, { status: refused.status });
  return redirectWithToast(`/me/organisations/${organisation.slug}/verification`, {
    type: "success",
    messageKey: "organisations:verification.applied",
  });
}

export default function OrganisationVerification() {
  const { organisation, history } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("organisations");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section stack">
      <p>
        <Link to={`/me/organisations/${organisation.slug}`} className="back-link">
          <bdi>{organisation.name}</bdi>
        </Link>
      </p>
      <h1>{t("verification.title")}</h1>
      <VerificationForm status={organisation.verificationStatus} history={history} reply={reply} busy={busy} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
