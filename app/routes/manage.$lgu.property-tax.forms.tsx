import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, fieldErrors, type ReplyLike } from "~/components/form";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { readUpload } from "~/modules/files/upload.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { addPropertyForm, listPropertyForms, MAX_FORM_BYTES, removePropertyForm, setFormPublished } from "~/modules/property-tax/forms.server";
import { formChangeSchema, formUploadSchema } from "~/modules/property-tax/schema";
import { formError, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "tax:forms.manageTitle");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const language = await getLanguage(request);
  const forms = await listPropertyForms(session.claims, lgu.id, false);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      forms: forms.map((f) => ({
        id: f.id,
        title: localized(f.title, language),
        published: f.published,
        size: formatNumber(Math.max(1, Math.round(f.sizeBytes / 1024)), language),
        addedOn: formatDate(f.createdAt, language),
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const here = `/manage/${lgu.slug}/property-tax/forms`;
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUpload(request, { file: MAX_FORM_BYTES });
    if (!upload.ok) return formError(replyWith(upload.problem === "tooLarge" ? { file: ["services:documents.too_large"] } : { "": ["tax:validation.file"] }), 400);
    const parsed = formUploadSchema.safeParse({ title: upload.fields.get("title"), titleLanguage: upload.fields.get("titleLanguage") ?? undefined });
    const file = upload.files.get("file");
    const errors: Record<string, string[]> = {};
    if (!parsed.success) errors.title = ["tax:validation.title"];
    if (!file) errors.file = ["tax:validation.pdfOnly"];
    if (!parsed.success || !file) return formError(replyWith(errors, { title: String(upload.fields.get("title") ?? "") }));
    try {
      await addPropertyForm(session.claims, lgu.id, { title: { [parsed.data.titleLanguage]: parsed.data.title }, file });
    } catch (error) {
      const answer = refusedForm(null, error);
      const body = (await answer.json()) as { reply: ReplyLike };
      return json({ reply: { ...body.reply, initialValue: { title: parsed.data.title } } }, { status: answer.status });
    }
    return redirectWithToast(here, { type: "success", messageKey: "tax:forms.added" });
  }
  const parsed = formChangeSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return formError(replyWith({ "": ["tax:errors.formNotFound"] }));
  try {
    if (parsed.data.intent === "remove") await removePropertyForm(session.claims, lgu.id, parsed.data.id);
    else await setFormPublished(session.claims, lgu.id, parsed.data.id, parsed.data.intent === "publish");
  } catch (error) {
    return refusedForm(null, error);
  }
  return redirectWithToast(here, { type: "success", messageKey: parsed.data.intent === "remove" ? "tax:forms.removed" : "tax:forms.updated" });
}

export default function PropertyFormsManage() {
  const { lgu, forms } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t, i18n } = useTranslation("tax");
  const fileErrors = fieldErrors(reply, "file");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/property-tax`} className="back-link">
          {t("import.back")}
        </Link>
      </p>
      <h1>{t("forms.manageTitle")}</h1>
      <section aria-labelledby="add-form-title" className="card stack">
        <h2 id="add-form-title">{t("forms.add")}</h2>
        <Form method="post" encType="multipart/form-data" className="form stack" noValidate>
          <FormErrors reply={reply} />
          <Field name="title" label={t("forms.titleLabel")} reply={reply} required maxLength={200} />
          <input type="hidden" name="titleLanguage" value={i18n.language} />
          <div className={`field${fileErrors.length ? " field--error" : ""}`}>
            <label htmlFor="form-file">{t("forms.file")}</label>
            <p id="form-file-hint" className="field__hint">
              {t("forms.fileHint")}
            </p>
            <input
              id="form-file"
              name="file"
              type="file"
              accept="application/pdf,.pdf"
              required
              aria-invalid={fileErrors.length ? true : undefined}
              aria-describedby={`form-file-hint${fileErrors.length ? " form-file-error" : ""}`}
            />
            {fileErrors.length ? (
              <p id="form-file-error" className="field__error">
                {fileErrors.map((k) => t(k)).join(" ")}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            {t("forms.submit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="forms-title" className="stack">
        <h2 id="forms-title">{t("forms.title")}</h2>
        {forms.length === 0 ? (
          <p className="empty">{t("forms.manageEmpty")}</p>
        ) : (
          <ul className="plan-list" role="list">
            {forms.map((f) => (
              <li key={f.id} className="card stack">
                <h3 className="card__title" id={`form-${f.id}`} lang={f.title?.lang}>
                  {f.title?.text}
                </h3>
                <p className="muted">
                  <span className="badge">{f.published ? t("forms.published") : t("forms.hidden")}</span> {t("forms.meta", { size: f.size, date: f.addedOn })}
                </p>
                <div className="plan-item__actions">
                  <a href={`/lgus/${lgu.slug}/property-tax/forms/${f.id}`} aria-describedby={`form-${f.id}`}>
                    {t("forms.download")}
                  </a>
                  <Form method="post">
                    <input type="hidden" name="id" value={f.id} />
                    <input type="hidden" name="intent" value={f.published ? "hide" : "publish"} />
                    <button type="submit" className="button button--secondary" aria-describedby={`form-${f.id}`}>
                      {f.published ? t("forms.hide") : t("forms.publish")}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="id" value={f.id} />
                    <input type="hidden" name="intent" value="remove" />
                    <button type="submit" className="button button--danger" aria-describedby={`form-${f.id}`}>
                      {t("forms.remove")}
                    </button>
                  </Form>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
