import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { ProjectForm } from "~/components/project-form";
import { getLanguage } from "~/i18n/i18next.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { createDraft } from "~/modules/projects/editing.server";
import { projectFormSchema } from "~/modules/projects/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:manage.new");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, language: await getLanguage(request) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  const submission = await parseForm(request, projectFormSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const project = await createDraft(session.claims, lgu.id, submission.value);
    return redirectWithToast(`/manage/${lgu.slug}/projects/${project.slug}`, { type: "success", messageKey: "projects:manage.created" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function NewProject() {
  const { lgu, language } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("projects");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/projects`} className="back-link">
          {t("manage.title")}
        </Link>
      </p>
      <h1>{t("manage.new")}</h1>
      <p className="lead">{t("manage.newIntro")}</p>
      <ProjectForm
        reply={reply}
        busy={busy}
        submitLabel={t("form.create")}
        values={{ textLanguage: language, title: "", summary: "", description: "", sector: "education", sdgGoals: [], goal: "", currency: "PHP", startsOn: "", endsOn: "", planReference: "", implementingPartner: "" }}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
