import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, TextAreaField, type ReplyLike } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { changeChecklist, deleteChecklist, myChecklist, type ChecklistChange } from "~/modules/return-guide/checklist.server";
import { checklistItemSchema, checklistNoteSchema } from "~/modules/return-guide/schema";
import { notFound } from "~/utils/errors";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:checklist.title");

/** One of the member's checklists; someone else's does not exist for them (RLS), so it is a 404. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const checklist = await myChecklist(session.claims, params.id ?? "");
  if (!checklist) throw notFound("no such checklist for this member");
  return json(
    { checklist: { ...checklist, items: checklist.items.map((i) => ({ ...i, doneOn: i.doneAt ? formatDate(i.doneAt, language) : null })) } },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** Tick, note, add or remove a line, or delete the checklist: plain POST forms, each redirecting back. */
export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const id = params.id ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const back = `/me/return-checklist/${id}`;
  if (intent === "delete") {
    await deleteChecklist(session.claims, id);
    return redirectWithToast("/me/return-checklist", { type: "success", messageKey: "returnGuide:checklist.deleted" });
  }
  let change: ChecklistChange;
  let submission: Awaited<ReturnType<typeof parseForm>> | null = null;
  let toast = "returnGuide:checklist.ticked";
  if (intent === "tick" || intent === "untick") {
    change = { intent: "tick", item: String(form.get("item") ?? ""), done: intent === "tick" };
  } else if (intent === "note") {
    const parsed = await parseForm(form, checklistNoteSchema);
    if (parsed.status !== "success") return formError({ ...parsed.reply(), form: `note-${String(form.get("item") ?? "")}` });
    change = { intent: "note", item: parsed.value.item, note: parsed.value.note ?? "" };
    toast = "returnGuide:checklist.noteSaved";
  } else if (intent === "add") {
    const parsed = await parseForm(form, checklistItemSchema);
    if (parsed.status !== "success") return formError({ ...parsed.reply(), form: "add" });
    submission = parsed;
    change = { intent: "add", label: parsed.value.label };
    toast = "returnGuide:checklist.added";
  } else if (intent === "remove") {
    change = { intent: "remove", item: String(form.get("item") ?? "") };
    toast = "returnGuide:checklist.removed";
  } else {
    throw new Response("Bad request", { status: 400 });
  }
  try {
    await changeChecklist(session.claims, id, change);
  } catch (error) {
    const answer = refusedForm(submission, error);
    const body = (await answer.json()) as { reply: object };
    return json({ reply: { ...body.reply, form: intent === "add" ? "add" : "item" } }, { status: answer.status });
  }
  // Back to the line just changed (a fragment keeps the place on a long list without JavaScript).
  return intent === "add" ? redirectWithToast(back, { type: "success", messageKey: toast }) : redirect(`${back}#item-${"item" in change ? change.item : ""}`);
}

export default function ReturnChecklist() {
  const { checklist } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as (ReplyLike & { form?: string }) | undefined;
  const { t } = useTranslation("returnGuide");
  const busy = useNavigation().state === "submitting";
  const total = checklist.items.length;
  return (
    <div className="container section stack narrow">
      <p>
        <Link to="/me/return-checklist" className="back-link">
          {t("checklist.backToList")}
        </Link>
      </p>
      <h1>{t("checklist.title")}</h1>
      <p className="muted">
        {checklist.lgu ? (
          <Link to={`/lgus/${checklist.lgu.slug}/return/steps`}>{t("checklist.fromLgu", { lgu: checklist.lgu.name })}</Link>
        ) : (
          <Link to="/return/steps">{t("checklist.national")}</Link>
        )}
      </p>
      <div className="progress">
        <label htmlFor="checklist-progress">{t("checklist.progressLabel")}</label>
        <meter id="checklist-progress" min={0} max={Math.max(total, 1)} value={checklist.done}>
          {t("checklist.progress", { done: checklist.done, total })}
        </meter>
        <p role="status">{t("checklist.progress", { done: checklist.done, total })}</p>
      </div>
      {reply?.form === "item" ? <FormErrors reply={reply} /> : null}
      <ol className="plan-list">
        {checklist.items.map((item) => {
          const noteForm = `note-${item.id}`;
          return (
            <li key={item.id} id={`item-${item.id}`}>
              <p>
                {item.doneAt ? <span className="badge">{t("checklist.done")}</span> : null} <span dir="auto">{item.doneAt ? <s>{item.label}</s> : item.label}</span>
                {item.own ? <span className="muted"> ({t("checklist.yourLine")})</span> : null}
              </p>
              <div className="plan-item__actions">
                <Form method="post" className="inline-form">
                  <input type="hidden" name="item" value={item.id} />
                  <input type="hidden" name="intent" value={item.doneAt ? "untick" : "tick"} />
                  <button type="submit" className="button button--secondary" disabled={busy}>
                    {t(item.doneAt ? "checklist.markNotDone" : "checklist.markDone")} <span className="visually-hidden">{item.label}</span>
                  </button>
                </Form>
                {item.own ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="item" value={item.id} />
                    <input type="hidden" name="intent" value="remove" />
                    <button type="submit" className="link-button" disabled={busy}>
                      {t("checklist.remove")} <span className="visually-hidden">{item.label}</span>
                    </button>
                  </Form>
                ) : null}
              </div>
              <details className="plan-item__edit" open={Boolean(item.note) || reply?.form === noteForm || undefined}>
                <summary>
                  {t("checklist.note")} <span className="visually-hidden">{item.label}</span>
                </summary>
                <Form method="post" className="form">
                  <input type="hidden" name="intent" value="note" />
                  <input type="hidden" name="item" value={item.id} />
                  <TextAreaField name="note" id={`note-${item.id}`} label={t("checklist.note")} reply={reply?.form === noteForm ? reply : undefined} defaultValue={item.note ?? ""} rows={2} />
                  <button type="submit" className="button button--secondary" disabled={busy}>
                    {t("checklist.saveNote")}
                  </button>
                </Form>
              </details>
            </li>
          );
        })}
      </ol>
      <Form method="post" className="form" noValidate aria-labelledby="add-line">
        <h2 id="add-line">{t("checklist.add")}</h2>
        <FormErrors reply={reply?.form === "add" ? reply : undefined} />
        <input type="hidden" name="intent" value="add" />
        <Field name="label" id="label" label={t("checklist.add")} reply={reply?.form === "add" ? reply : undefined} required maxLength={500} />
        <button type="submit" className="button" disabled={busy}>
          {t("checklist.addButton")}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button button--danger" disabled={busy}>
          {t("checklist.delete")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
