import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors } from "~/components/form";
import { SelectField, TextareaField } from "~/components/form-extra";
import { LANGUAGE_NAMES, ProjectForm } from "~/components/project-form";
import { isSupportedLanguage, supportedLanguages } from "~/i18n/config";
import { getLanguage } from "~/i18n/i18next.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { getManagedProject, moveProject, nextMoves, toMajorUnits, updateProject } from "~/modules/projects/editing.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { postUpdate } from "~/modules/projects/follow.server";
import { projectFormSchema, transitionSchema, updateSchema } from "~/modules/projects/schema";
import { notFound } from "~/utils/errors";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:manage.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu, roles, isAdmin } = await requireManagedLgu(request, params.lgu);
  const project = await getManagedProject(session.claims, lgu.id, params.project ?? "");
  if (!project) throw notFound("no such project for this LGU");
  const requested = new URL(request.url).searchParams.get("text");
  const textLanguage = isSupportedLanguage(requested) ? requested : await getLanguage(request);
  const canEdit = isAdmin || roles.includes("editor");
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      project: { slug: project.slug, status: project.status, cancelReason: project.cancelReason, public: project.publishedAt !== null },
      canEdit: canEdit && !["completed", "cancelled"].includes(project.status),
      moves: nextMoves(project.status, isAdmin, canEdit),
      values: {
        textLanguage,
        title: project.title[textLanguage] ?? "",
        summary: project.summary[textLanguage] ?? "",
        description: project.description[textLanguage] ?? "",
        sector: project.sector,
        sdgGoals: project.sdgGoals,
        goal: toMajorUnits(project.goalMinor, project.currency),
        currency: project.currency,
        startsOn: project.startsOn ?? "",
        endsOn: project.endsOn ?? "",
        planReference: project.planReference ?? "",
        implementingPartner: project.implementingPartner ?? "",
      },
      languagesWritten: Object.keys(project.title),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu);
  const slug = params.project ?? "";
  const formData = await request.formData();
  if (formData.get("intent") === "update") {
    const submission = await parseForm(formData, updateSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "update" });
    try {
      const told = await postUpdate(session.claims, lgu.id, slug, submission.value, siteUrl(request));
      return redirectWithToast(`/manage/${lgu.slug}/projects/${slug}`, { type: "success", messageKey: "projects:manage.updatePosted", values: { count: String(told) } });
    } catch (error) {
      const answer = refusedForm(submission, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form: "update" } }, { status: answer.status });
    }
  }
  if (formData.get("intent") === "move") {
    const submission = await parseForm(formData, transitionSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "move" });
    try {
      await moveProject(session.claims, lgu.id, slug, submission.value.to, submission.value.reason);
    } catch (error) {
      const answer = refusedForm(submission, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form: "move" } }, { status: answer.status });
    }
    return redirectWithToast(`/manage/${lgu.slug}/projects/${slug}`, { type: "success", messageKey: `projects:manage.moved.${submission.value.to}` });
  }
  const submission = await parseForm(formData, projectFormSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form: "save" });
  try {
    await updateProject(session.claims, lgu.id, slug, submission.value);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast(`/manage/${lgu.slug}/projects/${slug}?text=${submission.value.textLanguage}`, { type: "success", messageKey: "projects:manage.saved" });
}

export default function EditProject() {
  const { lgu, project, canEdit, moves, values, languagesWritten } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const reply = data?.reply as { form?: string; error?: Record<string, string[] | null> | null } | undefined;
  const { t } = useTranslation("projects");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/projects`} className="back-link">
          {t("manage.title")}
        </Link>
      </p>
      <h1 dir="auto">{values.title || project.slug}</h1>
      <p>
        <span className="badge">{t(`status.${project.status}`)}</span>{" "}
        {project.public ? <Link to={`/projects/${project.slug}`}>{t("manage.publicPage")}</Link> : <span className="muted">{t("manage.notPublic")}</span>}
      </p>
      <p className="muted">{t("manage.languagesWritten", { languages: languagesWritten.join(", ") })}</p>

      {moves.length ? (
        <section aria-labelledby="moves-title" className="card stack">
          <h2 id="moves-title">{t("manage.movesTitle")}</h2>
          <FormErrors reply={reply?.form === "move" ? reply : undefined} />
          {moves
            .filter((to) => to !== "cancelled")
            .map((to) => (
              <Form method="post" key={to}>
                <input type="hidden" name="intent" value="move" />
                <input type="hidden" name="to" value={to} />
                <button type="submit" className="button button--secondary">
                  {t(`manage.move.${to}`)}
                </button>
              </Form>
            ))}
          {moves.includes("cancelled") ? (
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="move" />
              <input type="hidden" name="to" value="cancelled" />
              <TextareaField name="reason" label={t("manage.cancelReason")} hint={t("manage.cancelReasonHint")} reply={reply?.form === "move" ? reply : undefined} rows={2} />
              <button type="submit" className="button button--danger">
                {t("manage.move.cancelled")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      {canEdit && project.public ? (
        <section aria-labelledby="update-title" className="card stack">
          <h2 id="update-title">{t("manage.updateTitle")}</h2>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="update" />
            <FormErrors reply={reply?.form === "update" ? reply : undefined} />
            <SelectField
              id="update-language"
              name="language"
              label={t("manage.updateLanguage")}
              defaultValue={values.textLanguage}
              options={supportedLanguages.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l }))}
            />
            <TextareaField id="update-body" name="body" label={t("manage.updateBody")} reply={reply?.form === "update" ? reply : undefined} rows={4} maxLength={4000} dir="auto" />
            <button type="submit" className="button">
              {t("manage.updatePost")}
            </button>
          </Form>
        </section>
      ) : null}

      {canEdit ? (
        <section aria-labelledby="details-title">
          <h2 id="details-title">{t("manage.details")}</h2>
          <nav aria-label={t("form.otherLanguages")}>
            <ul className="inline-list" role="list">
              {supportedLanguages.map((l) => (
                <li key={l}>
                  <Link to={`?text=${l}`} aria-current={l === values.textLanguage ? "true" : undefined} lang={l}>
                    {LANGUAGE_NAMES[l]}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <ProjectForm values={values} reply={reply?.form === "move" || reply?.form === "update" ? undefined : reply} busy={busy} submitLabel={t("form.save")} fixedLanguage />
        </section>
      ) : (
        <p className="notice">{t("manage.readOnly")}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
