import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { OpportunityForm } from "~/components/opportunity-form";
import { getLanguage } from "~/i18n/i18next.server";
import { saveOpportunity } from "~/modules/investments/opportunities.server";
import { opportunityFormSchema } from "~/modules/investments/schema";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:office.newTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, language: await getLanguage(request) });
}

/** Saves a new opportunity as a draft, or publishes it at once ("intent" = publish). */
export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const form = await request.formData();
  const submission = await parseForm(form, opportunityFormSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const publish = form.get("intent") === "publish";
    const saved = await saveOpportunity(session.claims, lgu.id, null, submission.value, publish);
    return redirectWithToast(`/manage/${lgu.slug}/investments/${saved.id}`, { type: "success", messageKey: publish ? "invest:office.done.open" : "invest:office.done.created" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function NewOpportunity() {
  const { lgu, language } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("invest");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/investments`} className="back-link">
          {t("office.title")}
        </Link>
      </p>
      <h1>{t("office.newTitle")}</h1>
      <OpportunityForm
        isNew
        reply={reply}
        busy={busy}
        values={{
          textLanguage: language,
          title: "",
          summary: "",
          description: "",
          sector: "agro_tourism",
          kind: "joint_venture",
          location: "",
          ticketMin: "",
          ticketMax: "",
          currency: "PHP",
          timeline: "six_to_12_months",
          incentives: [],
          incentivesNote: "",
          contactOffice: "",
          contactEmail: "",
        }}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
