import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors } from "~/components/form";
import { SelectField, TextareaField } from "~/components/form-extra";
import { LANGUAGE_NAMES, ProjectForm } from "~/components/project-form";
import { isSupportedLanguage, supportedLanguages } from "~/i18n/config";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { getManagedProject, moveProject, nextMoves, toMajorUnits, updateProject } from "~/modules/projects/editing.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { postUpdate } from "~/modules/projects/follow.server";
import { addBudgetLine, listLedger, removeBudgetLine, reportSpending } from "~/modules/projects/ledger.server";
import { budgetLineSchema, projectFormSchema, spendingCategories, spendingSchema, transitionSchema, updateSchema } from "~/modules/projects/schema";
import { MAX_EVIDENCE_BYTES } from "~/modules/files/documents.server";
import { readUpload, type UploadedFile } from "~/modules/files/upload.server";
import { FormProblem } from "~/modules/organisations/errors.server";
import { MAX_PHOTO_BYTES, preparePhoto, type NewPhoto } from "~/modules/projects/photos.server";
import { notFound } from "~/utils/errors";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

const UPDATE_PHOTO_FIELDS = ["photo1", "photo2", "photo3"] as const;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:manage.edit");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu, roles, isAdmin } = await requireManagedLgu(request, params.lgu);
  const project = await getManagedProject(session.claims, lgu.id, params.project ?? "");
  if (!project) throw notFound("no such project for this LGU");
  const requested = new URL(request.url).searchParams.get("text");
  const textLanguage = isSupportedLanguage(requested) ? requested : await getLanguage(request);
  const canEdit = isAdmin || roles.includes("editor");
  const language = await getLanguage(request);
  const ledger = await listLedger(session.claims, project.id);
  const money = (minor: number) => formatMoney(minor, project.currency, language);
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
      canReportSpending: isAdmin || roles.includes("treasurer"),
      lines: ledger.lines.map((l) => ({ id: l.id, label: localized(l.label, language), amount: money(l.amountMinor) })),
      spending: ledger.spending.map((r) => ({
        id: r.id,
        amount: money(r.amountMinor),
        spentOn: formatDate(r.spentOn, language),
        payee: r.payee,
        category: r.category,
        evidence: r.evidencePath ? `/projects/${project.slug}/spending/${r.id}/evidence` : null,
      })),
      currency: project.currency,
      photoMegabytes: MAX_PHOTO_BYTES / (1024 * 1024),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu);
  const slug = params.project ?? "";
  // Spending (an evidence document) and updates (photos) come as multipart forms.
  let formData: FormData;
  let files = new Map<string, UploadedFile>();
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const upload = await readUpload(request, { evidence: MAX_EVIDENCE_BYTES, ...Object.fromEntries(UPDATE_PHOTO_FIELDS.map((f) => [f, MAX_PHOTO_BYTES])) });
    if (!upload.ok) {
      if (upload.problem === "unreadable") return formError({ status: "error", error: { "": ["projects:photos.errors.unreadable"] } });
      const evidence = upload.field === "evidence";
      const message = evidence ? "projects:ledger.errors.evidenceTooLarge" : "projects:photos.errors.tooLarge";
      return formError({ status: "error", error: { [upload.field]: [message] }, form: evidence ? "spending" : "update" });
    }
    formData = upload.fields;
    files = upload.files;
  } else {
    formData = await request.formData();
  }
  const intent = formData.get("intent");
  if (intent === "line" || intent === "removeLine" || intent === "spending") {
    const form = String(intent);
    const answerRefusal = async (submission: Parameters<typeof refusedForm>[0], error: unknown) => {
      const answer = refusedForm(submission, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form } }, { status: answer.status });
    };
    if (intent === "removeLine") {
      try {
        await removeBudgetLine(session.claims, lgu.id, slug, String(formData.get("lineId") ?? ""));
      } catch (error) {
        return answerRefusal(null, error);
      }
      return redirectWithToast(`/manage/${lgu.slug}/projects/${slug}`, { type: "success", messageKey: "projects:ledger.lineRemoved" });
    }
    const submission = await parseForm(formData, intent === "line" ? budgetLineSchema : spendingSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form });
    try {
      if (intent === "line") await addBudgetLine(session.claims, lgu.id, slug, submission.value as { language: string; label: string; amount: string });
      else {
        const value = submission.value as { amount: string; spentOn: string; payee: string; category: string; budgetLineId?: string };
        await reportSpending(session.claims, lgu.id, slug, value, files.get("evidence") ?? null);
      }
    } catch (error) {
      return answerRefusal(submission, error);
    }
    return redirectWithToast(`/manage/${lgu.slug}/projects/${slug}`, { type: "success", messageKey: intent === "line" ? "projects:ledger.lineAdded" : "projects:ledger.spendingAdded" });
  }
  if (intent === "update") {
    const submission = await parseForm(formData, updateSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "update" });
    try {
      const photos = await updatePhotos(files, formData, submission.value.language);
      const told = await postUpdate(session.claims, lgu.id, slug, { ...submission.value, photos }, siteUrl(request));
      return redirectWithToast(`/manage/${lgu.slug}/projects/${slug}`, { type: "success", messageKey: "projects:manage.updatePosted", values: { count: told } });
    } catch (error) {
      const answer = refusedForm(submission, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form: "update" } }, { status: answer.status });
    }
  }
  if (intent === "move") {
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

/** The photos of an update: up to three file fields, each with its own alt text (required). */
async function updatePhotos(files: Map<string, UploadedFile>, formData: FormData, language: string): Promise<NewPhoto[]> {
  const photos: NewPhoto[] = [];
  for (const [i, field] of UPDATE_PHOTO_FIELDS.entries()) {
    const file = files.get(field);
    if (!file) continue;
    const alt = String(formData.get(`alt${i + 1}`) ?? "").trim();
    if (alt.length < 3) throw new FormProblem(`alt${i + 1}`, "projects:photos.validation.altRequired");
    if (alt.length > 250) throw new FormProblem(`alt${i + 1}`, "projects:validation.tooLong");
    photos.push({ alt: { [language]: alt }, variants: await preparePhoto(file.bytes, field) });
  }
  return photos;
}

export default function EditProject() {
  const { lgu, project, canEdit, moves, values, languagesWritten, canReportSpending, lines, spending, currency, photoMegabytes } = useLoaderData<typeof loader>();
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
      <nav aria-labelledby="plan-title">
        <h2 id="plan-title">{t("planEditor.title")}</h2>
        <ul className="inline-list" role="list">
          {(["needs", "milestones", "cofunders", "place", "photos"] as const).map((section) => (
            <li key={section}>
              <Link to={`/manage/${lgu.slug}/projects/${project.slug}/${section}`}>{t(`planEditor.sections.${section}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>

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

      <section aria-labelledby="ledger-title" className="stack">
        <h2 id="ledger-title">{t("ledger.title")}</h2>
        <FormErrors reply={reply?.form === "removeLine" ? reply : undefined} />
        {lines.length === 0 ? (
          <p className="empty">{t("ledger.noLines")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{t("page.budget")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("page.line")}</th>
                  <th scope="col" className="number">
                    {t("page.planned")}
                  </th>
                  {canEdit ? <th scope="col">{t("ledger.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id}>
                    <th scope="row" id={`line-${line.id}`} lang={line.label?.lang} dir="auto">
                      {line.label?.text}
                    </th>
                    <td className="number">{line.amount}</td>
                    {canEdit ? (
                      <td>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="removeLine" />
                          <input type="hidden" name="lineId" value={line.id} />
                          <button type="submit" className="link-button danger" aria-describedby={`line-${line.id}`}>
                            {t("ledger.remove")}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canEdit ? (
          <Form method="post" className="form">
            <h3>{t("ledger.addLine")}</h3>
            <input type="hidden" name="intent" value="line" />
            <input type="hidden" name="language" value={values.textLanguage} />
            <FormErrors reply={reply?.form === "line" ? reply : undefined} />
            <Field id="line-label" name="label" label={t("ledger.lineLabel")} reply={reply?.form === "line" ? reply : undefined} maxLength={160} dir="auto" />
            <Field id="line-amount" name="amount" label={t("ledger.amount", { currency })} reply={reply?.form === "line" ? reply : undefined} inputMode="decimal" />
            <button type="submit" className="button button--secondary">
              {t("ledger.addLineSubmit")}
            </button>
          </Form>
        ) : null}
        <h3>{t("page.spending")}</h3>
        {spending.length === 0 ? (
          <p className="empty">{t("page.noSpending")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{t("page.spending")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("page.date")}</th>
                  <th scope="col">{t("page.payee")}</th>
                  <th scope="col">{t("page.category")}</th>
                  <th scope="col" className="number">
                    {t("page.amount")}
                  </th>
                  <th scope="col">{t("page.evidence")}</th>
                </tr>
              </thead>
              <tbody>
                {spending.map((r) => (
                  <tr key={r.id}>
                    <td>{r.spentOn}</td>
                    <th scope="row" id={`spending-${r.id}`}>
                      <bdi>{r.payee}</bdi>
                    </th>
                    <td>{t(`ledger.categories.${r.category}`, { defaultValue: r.category })}</td>
                    <td className="number">{r.amount}</td>
                    <td>
                      {r.evidence ? (
                        <a href={r.evidence} aria-describedby={`spending-${r.id}`}>
                          {t("page.evidenceLink")}
                        </a>
                      ) : (
                        <span className="muted">{t("page.noEvidence")}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canReportSpending ? (
          <Form method="post" className="form" encType="multipart/form-data">
            <h3>{t("ledger.report")}</h3>
            <p className="field__hint">{t("ledger.reportHint")}</p>
            <input type="hidden" name="intent" value="spending" />
            <FormErrors reply={reply?.form === "spending" ? reply : undefined} />
            <Field id="spending-amount" name="amount" label={t("ledger.amount", { currency })} reply={reply?.form === "spending" ? reply : undefined} inputMode="decimal" />
            <Field id="spending-date" name="spentOn" type="date" label={t("ledger.spentOn")} reply={reply?.form === "spending" ? reply : undefined} />
            <Field id="spending-payee" name="payee" label={t("page.payee")} reply={reply?.form === "spending" ? reply : undefined} maxLength={200} />
            <SelectField
              id="spending-category"
              name="category"
              label={t("page.category")}
              reply={reply?.form === "spending" ? reply : undefined}
              options={spendingCategories.map((c) => ({ value: c, label: t(`ledger.categories.${c}`) }))}
            />
            <SelectField
              id="spending-line"
              name="budgetLineId"
              label={t("page.line")}
              reply={reply?.form === "spending" ? reply : undefined}
              placeholder={t("ledger.noLine")}
              options={lines.map((l) => ({ value: l.id, label: l.label?.text ?? "" }))}
            />
            <Field
              id="spending-evidence"
              name="evidence"
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              label={t("ledger.evidence")}
              hint={t("ledger.evidenceHint")}
              reply={reply?.form === "spending" ? reply : undefined}
            />
            <button type="submit" className="button">
              {t("ledger.reportSubmit")}
            </button>
          </Form>
        ) : null}
      </section>

      {canEdit && project.public ? (
        <section aria-labelledby="update-title" className="card stack">
          <h2 id="update-title">{t("manage.updateTitle")}</h2>
          <Form method="post" className="form" encType="multipart/form-data">
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
            {[1, 2, 3].map((n) => (
              <fieldset className="fieldset" key={n}>
                <legend>{t("photos.updatePhoto", { n })}</legend>
                <Field
                  id={`update-photo${n}`}
                  name={`photo${n}`}
                  type="file"
                  accept="image/jpeg,image/png,image/webp"
                  label={t("photos.file")}
                  hint={n === 1 ? t("photos.fileHint", { size: photoMegabytes }) : undefined}
                  reply={reply?.form === "update" ? reply : undefined}
                />
                <Field id={`update-alt${n}`} name={`alt${n}`} label={t("photos.altShort")} hint={n === 1 ? t("photos.altHint") : undefined} reply={reply?.form === "update" ? reply : undefined} maxLength={250} dir="auto" />
              </fieldset>
            ))}
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
