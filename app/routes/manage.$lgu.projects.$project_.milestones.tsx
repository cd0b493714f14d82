import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors } from "~/components/form";
import { SelectField } from "~/components/form-extra";
import { LANGUAGE_NAMES } from "~/components/project-form";
import { EditDisclosure, PlanPage, RemoveItemForm, replyFor, type PlanReply } from "~/components/project-plan";
import { formatDate } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import { loadPlanPage, planAction, planChange } from "~/modules/projects/plan-page.server";
import { milestoneSchema, milestoneStatuses, milestoneStatusSchema, planItemSchema } from "~/modules/projects/plan-schema";
import { listMilestones, removeMilestone, saveMilestone, setMilestoneStatus } from "~/modules/projects/plan.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:planEditor.sections.milestones");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, project, header, language, textLanguage } = await loadPlanPage(request, params);
  const milestones = await listMilestones(session.claims, project.id);
  return json(
    {
      header,
      milestones: milestones.map((m) => ({
        id: m.id,
        title: localized(m.title, language),
        status: m.status,
        target: formatDate(m.targetDate, language),
        completed: m.completedOn ? formatDate(m.completedOn, language) : null,
        values: { title: m.title[textLanguage] ?? "", targetDate: m.targetDate, status: m.status, completedOn: m.completedOn ?? "" },
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const action = (args: ActionFunctionArgs) =>
  planAction(args, "milestones", {
    remove: planChange({ form: "remove", schema: planItemSchema, apply: (c, l, p, v) => removeMilestone(c, l, p, v.id), done: () => "projects:milestonesEditor.removed" }),
    status: planChange({
      form: "status",
      schema: milestoneStatusSchema,
      apply: (c, l, p, v) => setMilestoneStatus(c, l, p, v.id, v.status),
      done: () => "projects:milestonesEditor.statusChanged",
    }),
    save: planChange({
      form: "milestone",
      schema: milestoneSchema,
      apply: saveMilestone,
      done: (v) => (v.id ? "projects:milestonesEditor.saved" : "projects:milestonesEditor.added"),
    }),
  });

interface MilestoneValues {
  title: string;
  targetDate: string;
  status: string;
  completedOn: string;
}

function MilestoneForm({
  formId,
  id,
  values,
  reply,
  textLanguage,
  submitLabel,
}: {
  formId: string;
  id?: string;
  values: MilestoneValues;
  reply?: PlanReply;
  textLanguage: string;
  submitLabel: string;
}) {
  const { t } = useTranslation("projects");
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="language" value={textLanguage} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <FormErrors reply={reply} />
      <Field
        id={`${formId}-title`}
        name="title"
        label={t("milestonesEditor.milestoneTitle", { language: LANGUAGE_NAMES[textLanguage] ?? textLanguage })}
        reply={reply}
        defaultValue={values.title}
        maxLength={200}
        lang={textLanguage}
        dir="auto"
      />
      <Field id={`${formId}-target`} name="targetDate" type="date" label={t("milestonesEditor.targetDate")} hint={t("milestonesEditor.dateHint")} reply={reply} defaultValue={values.targetDate} />
      <fieldset className="fieldset">
        <legend>{t("milestonesEditor.progressLegend")}</legend>
        <SelectField
          id={`${formId}-status`}
          name="status"
          label={t("milestonesEditor.status")}
          reply={reply}
          defaultValue={values.status}
          options={milestoneStatuses.map((s) => ({ value: s, label: t(`milestonesEditor.statuses.${s}`) }))}
        />
        <Field
          id={`${formId}-completed`}
          name="completedOn"
          type="date"
          label={t("milestonesEditor.completedOn")}
          hint={t("milestonesEditor.completedOnHint")}
          reply={reply}
          defaultValue={values.completedOn}
        />
      </fieldset>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

/** The quick way to move a milestone along, without opening its details. */
function StatusForm({ id, status, describedBy, reply }: { id: string; status: string; describedBy: string; reply?: PlanReply }) {
  const { t } = useTranslation("projects");
  return (
    <Form method="post" className="plan-item__actions">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="id" value={id} />
      <FormErrors reply={reply} />
      <SelectField
        id={`status-${id}`}
        name="status"
        label={t("milestonesEditor.status")}
        reply={reply}
        defaultValue={status}
        options={milestoneStatuses.map((s) => ({ value: s, label: t(`milestonesEditor.statuses.${s}`) }))}
      />
      <button type="submit" className="button button--secondary" aria-describedby={describedBy}>
        {t("milestonesEditor.changeStatus")}
      </button>
    </Form>
  );
}

export default function ProjectMilestones() {
  const { header, milestones } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as PlanReply | undefined;
  const { t } = useTranslation("projects");
  return (
    <PlanPage header={header} section="milestones" intro={t("milestonesEditor.intro")} localizedText>
      <section aria-labelledby="milestones-list-title" className="stack">
        <h2 id="milestones-list-title">{t("milestonesEditor.listTitle")}</h2>
        {milestones.length === 0 ? (
          <p className="empty">{t("milestonesEditor.none")}</p>
        ) : (
          <ul className="plan-list" role="list">
            {milestones.map((m) => (
              <li key={m.id}>
                <h3 id={`milestone-${m.id}`} lang={m.title?.lang} dir="auto">
                  {m.title?.text}
                </h3>
                <p className="plan-item__facts">
                  <span>{t("page.target", { date: m.target })}</span>
                  <span>{m.status === "done" && m.completed ? t("page.milestoneDone", { date: m.completed }) : t(`milestonesEditor.statuses.${m.status}`)}</span>
                </p>
                {header.canEdit ? (
                  <>
                    <StatusForm id={m.id} status={m.status} describedBy={`milestone-${m.id}`} reply={replyFor(reply, `status-${m.id}`)} />
                    <div className="plan-item__actions">
                      <RemoveItemForm id={m.id} describedBy={`milestone-${m.id}`} reply={replyFor(reply, `remove-${m.id}`)} />
                    </div>
                    <EditDisclosure
                      open={reply?.form === `milestone-${m.id}`}
                      label={
                        <>
                          {t("planEditor.edit")} <span className="visually-hidden">{m.title?.text}</span>
                        </>
                      }
                    >
                      <MilestoneForm
                        formId={`milestone-${m.id}`}
                        id={m.id}
                        values={m.values}
                        reply={replyFor(reply, `milestone-${m.id}`)}
                        textLanguage={header.textLanguage}
                        submitLabel={t("planEditor.save")}
                      />
                    </EditDisclosure>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {header.canEdit ? (
        <section aria-labelledby="add-milestone-title" className="stack">
          <h2 id="add-milestone-title">{t("milestonesEditor.addTitle")}</h2>
          <MilestoneForm
            key={milestones.map((m) => m.id).join()}
            formId="milestone-new"
            values={{ title: "", targetDate: "", status: "planned", completedOn: "" }}
            reply={replyFor(reply, "milestone-new")}
            textLanguage={header.textLanguage}
            submitLabel={t("milestonesEditor.add")}
          />
        </section>
      ) : null}
    </PlanPage>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
