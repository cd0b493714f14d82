import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { VerificationForm } from "~/components/verification-form";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { applyFromForm, verificationHistory } from "~/modules/verification/requests.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "organisations:verification.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin"]);
  const history = await verificationHistory(session.claims, { lguId: lgu.id });
  return json({ lgu: { slug: lgu.slug, name: lgu.name, verificationStatus: lgu.verificationStatus }, history });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin"]);
  const refused = await applyFromForm(request, session.claims, { lguId: lgu.id });
  if (refused) return json({ reply: refused.reply }, { status: refused.status });
  return redirectWithToast(`/manage/${lgu.slug}/verification`, { type: "success", messageKey: "organisations:verification.applied" });
}

export default function LguVerification() {
  const { lgu, history } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("organisations");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("verification.title")}</h1>
      <VerificationForm status={lgu.verificationStatus} history={history} reply={reply} busy={busy} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
