import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, type ReplyLike } from "~/components/form";
import { SelectField, TextareaField } from "~/components/form-extra";
import { LANGUAGE_NAMES } from "~/components/project-form";
import { isSupportedLanguage, supportedLanguages } from "~/i18n/config";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { addGuideStep, guideSteps, removeGuideStep, updateGuideStep } from "~/modules/investments/guide.server";
import { guideStepSchema } from "~/modules/investments/schema";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { officePermitTypes } from "~/modules/permits/office.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:guideEditor.title");

/** The investment guide as the LGU's investment staff write it: steps, a language at a time, each optionally linked to a permit type. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const language = await getLanguage(request);
  const asked = new URL(request.url).searchParams.get("text");
  const textLanguage = isSupportedLanguage(asked) ? asked : language;
  const steps = await guideSteps(session.claims, lgu.id, language);
  // Permit types as the permits office sees them; an investment officer without that role sees the active, public ones.
  const types = await officePermitTypes(session.claims, lgu.id);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      textLanguage,
      steps: steps.map((s) => ({ id: s.id, title: s.titleRaw[textLanguage] ?? "", body: s.bodyRaw[textLanguage] ?? "", shown: s.title, permitTypeId: s.permitTypeId ?? "" })),
      permitTypes: types.map((p) => ({ id: p.id, name: localized(p.name, language)?.text ?? p.slug })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const step = String(form.get("step") ?? "");
  const text = String(form.get("textLanguage") ?? "");
  const back = (key: string) => redirectWithToast(`/manage/${lgu.slug}/investments/guide${isSupportedLanguage(text) ? `?text=${text}` : ""}`, { type: "success", messageKey: key });
  try {
    if (intent === "remove" && /^[0-9a-f-]{36}$/i.test(step)) {
      await removeGuideStep(session.claims, lgu.id, step);
      return back("invest:guideEditor.done.removed");
    }
    const submission = await parseForm(form, guideStepSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: intent === "save" ? step : "add" });
    if (intent === "save" && /^[0-9a-f-]{36}$/i.test(step)) {
      await updateGuideStep(session.claims, lgu.id, step, submission.value);
      return back("invest:guideEditor.done.saved");
    }
    await addGuideStep(session.claims, lgu.id, submission.value);
    return back("invest:guideEditor.done.added");
  } catch (error) {
    const answer = refusedForm(null, error);
    const body = (await answer.json()) as { reply: object };
    return json({ reply: { ...body.reply, form: intent === "save" ? step : "add" } }, { status: answer.status });
  }
}

type Reply = ReplyLike & { form?: string };

export default function GuideEditor() {
  const { lgu, textLanguage, steps, permitTypes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation("invest");
  const replyFor = (form: string) => (reply?.form === form ? reply : undefined);
  const permitOptions = permitTypes.map((p) => ({ value: p.id, label: p.name }));
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/investments`} className="back-link">
          {t("office.title")}
        </Link>
      </p>
      <h1>{t("guideEditor.title")}</h1>
      <p className="lead">{t("guideEditor.intro")}</p>
      <p>
        <Link to={`/lgus/${lgu.slug}/invest`}>{t("guideEditor.public")}</Link>
      </p>
      <nav aria-label={t("office.textLanguage")}>
        <p>{t("office.editingLanguage", { language: LANGUAGE_NAMES[textLanguage] ?? textLanguage })}</p>
        <ul className="inline-list" role="list">
          {supportedLanguages.map((l) => (
            <li key={l}>
              <Link to={`?text=${l}`} aria-current={l === textLanguage ? "page" : undefined} lang={l}>
                {LANGUAGE_NAMES[l]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ol className="plan-list">
        {steps.map((s, index) => (
          <li key={`${s.id}-${textLanguage}`}>
            <h2 lang={s.shown?.lang} dir="auto">
              {s.shown?.text}
            </h2>
            <Form method="post" className="form" noValidate>
              <FormErrors reply={replyFor(s.id)} />
              <input type="hidden" name="step" value={s.id} />
              <input type="hidden" name="textLanguage" value={textLanguage} />
              <Field name="title" id={`step-${index}-title`} label={t("guideEditor.stepTitle")} reply={replyFor(s.id)} defaultValue={s.title} maxLength={160} dir="auto" />
              <TextareaField name="body" id={`step-${index}-body`} label={t("guideEditor.body")} reply={replyFor(s.id)} defaultValue={s.body} rows={3} maxLength={2000} />
              <SelectField name="permitType" id={`step-${index}-permit`} label={t("guideEditor.permitType")} reply={replyFor(s.id)} defaultValue={s.permitTypeId} placeholder={t("guideEditor.noPermit")} options={permitOptions} />
              <div className="actions">
                <button type="submit" className="button button--secondary" name="intent" value="save">
                  {t("guideEditor.save")}
                </button>
                <button type="submit" className="button button--danger" name="intent" value="remove">
                  {t("guideEditor.remove")}
                </button>
              </div>
            </Form>
          </li>
        ))}
      </ol>
      <Form method="post" className="form" noValidate>
        <h2>{t("guideEditor.add")}</h2>
        <FormErrors reply={replyFor("add")} />
        <input type="hidden" name="textLanguage" value={textLanguage} />
        <Field name="title" id="new-step-title" label={t("guideEditor.stepTitle")} reply={replyFor("add")} maxLength={160} dir="auto" />
        <TextareaField name="body" id="new-step-body" label={t("guideEditor.body")} reply={replyFor("add")} rows={3} maxLength={2000} />
        <SelectField name="permitType" id="new-step-permit" label={t("guideEditor.permitType")} reply={replyFor("add")} placeholder={t("guideEditor.noPermit")} options={permitOptions} />
        <button type="submit" className="button" name="intent" value="add">
          {t("guideEditor.add")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
