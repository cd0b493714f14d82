import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, TextAreaField, type ReplyLike } from "~/components/form";
import { FileField, SelectField } from "~/components/form-extra";
import { countryName, formatDate, formatDateTime, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { readUpload } from "~/modules/files/upload.server";
import { actOnLead, addCaseDocument, leadView } from "~/modules/investments/pipeline.server";
import { leadActionSchema } from "~/modules/investments/schema";
import { casePhases, movableStages } from "~/modules/investments/vocabulary";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:pipeline.title");

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const managed = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const language = await getLanguage(request);
  const lead = await leadView(managed.session.claims, managed.lgu.id, params.id ?? "", language);
  if (!lead) throw new Response("Not found", { status: 404 });
  return { ...managed, lead, language };
}

/** One lead as the investment office works on it: the investor's interest, contact (with consent), stage, plan, notes, messages, case. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lgu, lead: l, language } = await load(request, params);
  const money = (minor: number) => formatMoney(minor, l.currency, language);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      id: l.id,
      name: l.displayName,
      country: l.countryOfResidence ? countryName(l.countryOfResidence, language) : null,
      opportunity: { title: l.opportunityTitle, slug: l.opportunitySlug },
      expressed: formatDate(l.createdAt, language),
      role: l.role,
      amount: `${money(l.amountMinMinor)} – ${money(l.amountMaxMinor)}`,
      timeline: l.timeline,
      message: l.message,
      consent: l.consentToContact,
      contact: l.contact,
      stage: l.stage,
      assignedTo: l.assignedTo ?? "",
      assigneeName: l.assigneeName,
      nextAction: l.nextAction ?? "",
      nextActionOn: l.nextActionOn ?? "",
      nextActionOnText: l.nextActionOn ? formatDate(l.nextActionOn, language) : null,
      overdue: l.overdue,
      staff: l.staff,
      messages: l.messages.map((m) => ({ id: m.id, fromStaff: m.fromStaff, body: m.body, when: formatDateTime(m.createdAt, language) })),
      events: l.events.map((e) => ({ id: e.id, kind: e.kind, from: e.fromStage, to: e.toStage, note: e.note, actor: e.actorName, when: formatDateTime(e.occurredAt, language) })),
      caseFile: l.caseFile
        ? {
            phase: l.caseFile.phase,
            opened: formatDate(l.caseFile.openedAt, language),
            tasks: l.caseFile.tasks.map((task) => ({ id: task.id, title: task.title, phase: task.phase, due: task.dueOn ? formatDate(task.dueOn, language) : null, done: task.doneAt ? formatDate(task.doneAt, language) : null })),
            documents: l.caseFile.documents.map((d) => ({ id: d.id, fileName: d.fileName, uploaded: formatDate(d.uploadedAt, language) })),
            permit: l.caseFile.permit,
          }
        : null,
      today: new Date().toISOString().slice(0, 10),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Reply = ReplyLike & { form?: string };
const withForm = async (answer: Response, form: string) => {
  const body = (await answer.json()) as { reply: object };
  return json({ reply: { ...body.reply, form } as Reply }, { status: answer.status });
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu, lead } = await load(request, params);
  const back = (intent: string) => redirectWithToast(`/manage/${lgu.slug}/investments/leads/${lead.id}`, { type: "success", messageKey: `invest:lead.done.${intent}` });
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUpload(request, { document: 10 * 1024 * 1024 + 1 });
    const refuse = (key: string) => json({ reply: { status: "error", error: { document: [key] }, form: "document" } as Reply }, { status: 400 });
    if (!upload.ok) return refuse(upload.problem === "tooLarge" ? "services:documents.too_large" : "invest:validation.choice");
    const file = upload.files.get("document");
    if (!file) return refuse("services:documents.empty");
    try {
      await addCaseDocument(session.claims, lgu.id, lead.id, file);
    } catch (error) {
      return withForm(refusedForm(null, error), "document");
    }
    return back("document");
  }
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const submission = await parseForm(form, leadActionSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form: intent });
  try {
    await actOnLead(session.claims, lgu.id, lead.id, submission.value, siteUrl(request));
  } catch (error) {
    return withForm(refusedForm(submission, error), intent);
  }
  return back(submission.value.intent);
}

export default function LeadPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation("invest");
  const replyFor = (form: string) => (reply?.form === form ? reply : undefined);
  const open = d.stage !== "registered";
  // The database notes a phase change as "idea → elaboration" (codes); shown in words.
  const phaseChange = (note: string) => note.split(" → ").map((p) => ((casePhases as readonly string[]).includes(p) ? t(`phases.${p}`) : p)).join(" → ");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/manage/${d.lgu.slug}/investments/leads`} className="back-link">
          {t("lead.back")}
        </Link>
      </p>
      <h1>{t("lead.title", { name: d.name })}</h1>
      <p>
        <span className="badge">{t(`stages.${d.stage}`)}</span> {d.country ? t("lead.from", { country: d.country }) : null}
      </p>
      <dl className="facts">
        <dt>{t("lead.expressed", { date: d.expressed })}</dt>
        <dd>
          <Link to={`/invest/${d.opportunity.slug}`} lang={d.opportunity.title?.lang} dir="auto">
            {d.opportunity.title?.text}
          </Link>
        </dd>
        <dt>{t("lead.role")}</dt>
        <dd>{t(`roles.${d.role}`)}</dd>
        <dt>{t("lead.amount")}</dt>
        <dd>{d.amount}</dd>
        <dt>{t("lead.timeline")}</dt>
        <dd>{t(`timelines.${d.timeline}`)}</dd>
        <dt>{t("lead.message")}</dt>
        <dd dir="auto">{d.message}</dd>
      </dl>

      <section aria-labelledby="contact-title">
        <h2 id="contact-title">{t("lead.contact")}</h2>
        {d.consent && d.contact ? (
          <dl className="facts">
            <dt>{t("lead.email")}</dt>
            <dd>
              <a href={`mailto:${d.contact.email}`} dir="ltr">
                {d.contact.email}
              </a>
            </dd>
            <dt>{t("lead.phone")}</dt>
            <dd dir="ltr">{d.contact.phone ?? t("lead.noPhone")}</dd>
          </dl>
        ) : (
          <p className="notice">{t("lead.noConsent")}</p>
        )}
      </section>

      {open ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("lead.stageTitle")}</h2>
          <FormErrors reply={replyFor("move")} />
          <input type="hidden" name="intent" value="move" />
          <SelectField name="stage" id="lead-stage" label={t("lead.moveTo")} reply={replyFor("move")} defaultValue="" placeholder="—" options={movableStages.filter((s) => s !== d.stage).map((s) => ({ value: s, label: t(`stages.${s}`) }))} />
          <TextAreaField name="note" id="lead-stage-note" label={t("lead.note")} reply={replyFor("move")} rows={2} maxLength={2000} />
          <button type="submit" className="button">
            {t("lead.move")}
          </button>
        </Form>
      ) : null}

      <Form method="post" className="form" noValidate>
        <h2>{t("lead.assignTitle")}</h2>
        <FormErrors reply={replyFor("assign")} />
        <input type="hidden" name="intent" value="assign" />
        <SelectField name="officer" id="lead-officer" label={t("lead.officer")} reply={replyFor("assign")} defaultValue={d.assignedTo} placeholder={t("pipeline.unassigned")} options={d.staff.map((s) => ({ value: s.id, label: s.name }))} />
        <button type="submit" className="button button--secondary">
          {t("lead.assign")}
        </button>
      </Form>

      {open && d.stage !== "declined" ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("lead.planTitle")}</h2>
          {d.overdue && d.nextActionOnText ? <p className="badge badge--overdue">{t("lead.overdueSince", { date: d.nextActionOnText })}</p> : null}
          <FormErrors reply={replyFor("plan")} />
          <input type="hidden" name="intent" value="plan" />
          <Field name="nextAction" id="lead-next-action" label={t("lead.nextAction")} reply={replyFor("plan")} defaultValue={d.nextAction} maxLength={300} />
          <Field name="nextActionOn" id="lead-next-action-on" type="date" label={t("lead.nextActionOn")} reply={replyFor("plan")} defaultValue={d.nextActionOn} min={d.today} />
          <button type="submit" className="button button--secondary">
            {t("lead.plan")}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="messages-title" className="stack">
        <h2 id="messages-title">{t("lead.messagesTitle")}</h2>
        {d.messages.length === 0 ? (
          <p className="empty">{t("mine.noMessages")}</p>
        ) : (
          <ol className="plan-list">
            {d.messages.map((m) => (
              <li key={m.id}>
                <p className="muted">
                  {m.fromStaff ? t("mine.fromOffice") : <bdi>{d.name}</bdi>} · {m.when}
                </p>
                <p dir="auto">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        <Form method="post" className="form" noValidate>
          <FormErrors reply={replyFor("reply")} />
          <input type="hidden" name="intent" value="reply" />
          <TextAreaField name="body" id="lead-reply" label={t("lead.reply")} reply={replyFor("reply")} rows={3} maxLength={4000} />
          <button type="submit" className="button">
            {t("lead.sendReply")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="case-title" className="stack">
        <h2 id="case-title">{t("case.title")}</h2>
        {!d.caseFile ? (
          <p className="empty">{t("case.none")}</p>
        ) : (
          <>
            <p>
              {t("case.opened", { date: d.caseFile.opened })} · {t("case.phase")}: <span className="badge">{t(`phases.${d.caseFile.phase}`)}</span>
            </p>
            <ol className="inline-list" aria-label={t("case.phase")}>
              {casePhases.map((p) => (
                <li key={p} aria-current={p === d.caseFile!.phase ? "step" : undefined}>
                  {t(`phases.${p}`)}
                </li>
              ))}
            </ol>
            <Form method="post" className="form" noValidate>
              <FormErrors reply={replyFor("phase")} />
              <input type="hidden" name="intent" value="phase" />
              <SelectField name="phase" id="case-phase" label={t("case.setPhase")} reply={replyFor("phase")} defaultValue={d.caseFile.phase} options={casePhases.map((p) => ({ value: p, label: t(`phases.${p}`) }))} />
              <button type="submit" className="button button--secondary">
                {t("case.setPhase")}
              </button>
            </Form>

            <h3>{t("case.permitTitle")}</h3>
            {d.caseFile.permit ? (
              <p>
                <span dir="ltr">{t("case.permitLinked", { reference: d.caseFile.permit.reference ?? "" })}</span>
                {d.caseFile.permit.status ? ` — ${t(`permits:status.${d.caseFile.permit.status}`)}` : null}
                {d.caseFile.permit.byInvestor === null ? null : ` (${d.caseFile.permit.byInvestor ? t("case.permitByInvestor") : t("case.permitByOther")})`}
                {d.caseFile.permit.status ? (
                  <>
                    {" "}
                    <Link to={`/manage/${d.lgu.slug}/permits/${d.caseFile.permit.id}`}>{t("case.permitOpen")}</Link>
                  </>
                ) : null}
              </p>
            ) : (
              <p className="muted">{t("case.permitNone")}</p>
            )}
            <Form method="post" className="form" noValidate>
              <FormErrors reply={replyFor("linkPermit")} />
              <input type="hidden" name="intent" value="linkPermit" />
              <Field name="reference" id="case-reference" label={t("case.permitReference")} hint={t("case.permitHint")} reply={replyFor("linkPermit")} dir="ltr" maxLength={80} />
              <button type="submit" className="button button--secondary">
                {t("case.link")}
              </button>
            </Form>

            <h3>{t("case.tasks")}</h3>
            {d.caseFile.tasks.length === 0 ? (
              <p className="muted">{t("case.noTasks")}</p>
            ) : (
              <ul className="plan-list" role="list">
                {d.caseFile.tasks.map((task) => (
                  <li key={task.id}>
                    <p dir="auto">
                      {task.title} <span className="muted">({t(`phases.${task.phase}`)}{task.due ? ` · ${t("case.dueOn")} ${task.due}` : ""})</span>
                    </p>
                    {task.done ? (
                      <p className="muted">{t("case.doneOn", { date: task.done })}</p>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="taskDone" />
                        <input type="hidden" name="task" value={task.id} />
                        <button type="submit" className="button button--secondary" aria-label={`${t("case.markDone")}: ${task.title}`}>
                          {t("case.markDone")}
                        </button>
                      </Form>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <FormErrors reply={replyFor("taskDone")} />
            <Form method="post" className="form" noValidate>
              <FormErrors reply={replyFor("task")} />
              <input type="hidden" name="intent" value="task" />
              <Field name="title" id="case-task-title" label={t("case.taskTitle")} reply={replyFor("task")} maxLength={300} />
              <Field name="dueOn" id="case-task-due" type="date" label={t("case.dueOn")} reply={replyFor("task")} />
              <button type="submit" className="button button--secondary">
                {t("case.addTask")}
              </button>
            </Form>

            <h3>{t("case.documents")}</h3>
            {d.caseFile.documents.length === 0 ? (
              <p className="muted">{t("case.noDocuments")}</p>
            ) : (
              <ul>
                {d.caseFile.documents.map((doc) => (
                  <li key={doc.id}>
                    <a href={`/manage/${d.lgu.slug}/investments/documents/${doc.id}`}>
                      <bdi>{doc.fileName}</bdi>
                    </a>{" "}
                    <span className="muted">{doc.uploaded}</span>
                  </li>
                ))}
              </ul>
            )}
            <Form method="post" encType="multipart/form-data" className="form">
              <FormErrors reply={replyFor("document")} />
              <FileField name="document" id="case-document" label={t("case.document")} reply={replyFor("document")} accept="application/pdf,image/jpeg,image/png" required />
              <button type="submit" className="button button--secondary">
                {t("case.upload")}
              </button>
            </Form>
          </>
        )}
      </section>

      <Form method="post" className="form" noValidate>
        <h2>{t("lead.noteTitle")}</h2>
        <FormErrors reply={replyFor("note")} />
        <input type="hidden" name="intent" value="note" />
        <TextAreaField name="note" id="lead-note" label={t("lead.noteField")} reply={replyFor("note")} rows={2} maxLength={2000} />
        <button type="submit" className="button button--secondary">
          {t("lead.addNote")}
        </button>
      </Form>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("lead.historyTitle")}</h2>
        {d.events.length === 0 ? (
          <p className="empty">{t("lead.noHistory")}</p>
        ) : (
          <ol className="plan-list">
            {d.events.map((e) => (
              <li key={e.id}>
                <p>
                  <strong>{e.kind === "stage" ? t("lead.events.stage", { from: t(`stages.${e.from}`), to: t(`stages.${e.to}`) }) : t(`lead.events.${e.kind}`)}</strong>{" "}
                  <span className="muted">
                    {e.when}
                    {e.actor ? ` · ${t("lead.by", { name: e.actor })}` : ""}
                  </span>
                </p>
                {e.note ? <p dir="auto">{e.kind === "case" ? phaseChange(e.note) : e.note}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
