import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors } from "~/components/form";
import { CheckboxField, SelectField, TextareaField } from "~/components/form-extra";
import { LANGUAGE_NAMES } from "~/components/project-form";
import { EditDisclosure, PlanPage, RemoveItemForm, replyFor, type PlanReply } from "~/components/project-plan";
import { formatDate, formatMoney, languageName } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { loadPlanPage, planAction, planChange } from "~/modules/projects/plan-page.server";
import { needSchema, planItemSchema } from "~/modules/projects/plan-schema";
import { listNeeds, removeNeed, saveNeed } from "~/modules/projects/plan.server";
import { needKinds, workModes } from "~/modules/projects/vocabulary";
import { languageOptions } from "~/modules/people/vocabulary";
import { skillChoiceGroups, type SkillChoiceGroup } from "~/modules/skills/taxonomy.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "projects:planEditor.sections.needs");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, project, header, language, textLanguage } = await loadPlanPage(request, params);
  const needs = await listNeeds(session.claims, project.id);
  // The skills taxonomy as one <select> with groups: works without JavaScript.
  const skillGroups = await skillChoiceGroups(session.claims, language);
  const skillNames = new Map(skillGroups.flatMap((g) => g.options.map((o) => [o.value, o.label] as const)));
  return json(
    {
      header,
      skillGroups,
      currency: project.currency,
      languages: languageOptions.map((code) => ({ value: code, label: languageName(code, language) })),
      needs: needs.map((n) => ({
        id: n.id,
        kind: n.kind,
        description: localized(n.description, language),
        amount: n.amountMinor === null ? null : formatMoney(n.amountMinor, project.currency, language),
        skill: n.skill ? (skillNames.get(n.skill) ?? n.skill) : null,
        quantity: n.quantity,
        volunteering:
          n.kind === "skill"
            ? {
                mode: n.mode,
                dates: n.startsOn ? `${formatDate(n.startsOn, language)}${n.endsOn ? ` – ${formatDate(n.endsOn, language)}` : ""}` : null,
                language: n.language ? languageName(n.language, language) : null,
                expertMission: n.expertMission,
                closed: n.closedAt !== null,
                fulfilled: n.fulfilled,
              }
            : null,
        values: {
          kind: n.kind,
          description: n.description[textLanguage] ?? "",
          amount: n.amountMinor === null ? "" : toMajorUnits(n.amountMinor, project.currency),
          skill: n.skill ?? "",
          quantity: n.quantity === null ? "" : String(n.quantity),
          mode: n.mode ?? "",
          startsOn: n.startsOn ?? "",
          endsOn: n.endsOn ?? "",
          needLanguage: n.language ?? "",
          expertMission: n.expertMission,
          closed: n.closedAt !== null,
        },
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export const action = (args: ActionFunctionArgs) =>
  planAction(args, "needs", {
    remove: planChange({ form: "remove", schema: planItemSchema, apply: (c, l, p, v) => removeNeed(c, l, p, v.id), done: () => "projects:needsEditor.removed" }),
    save: planChange({
      form: "need",
      schema: needSchema,
      apply: saveNeed,
      done: (v) => (v.id ? "projects:needsEditor.saved" : "projects:needsEditor.added"),
    }),
  });

interface NeedValues {
  kind: string;
  description: string;
  amount: string;
  skill: string;
  quantity: string;
  mode: string;
  startsOn: string;
  endsOn: string;
  needLanguage: string;
  expertMission: boolean;
  closed: boolean;
}

function NeedForm({
  formId,
  id,
  values,
  reply,
  currency,
  textLanguage,
  submitLabel,
  languages,
  skillGroups,
}: {
  languages: { value: string; label: string }[];
  skillGroups: SkillChoiceGroup[];
  formId: string;
  id?: string;
  values: NeedValues;
  reply?: PlanReply;
  currency: string;
  textLanguage: string;
  submitLabel: string;
}) {
  const { t } = useTranslation("projects");
  return (
    <Form method="post" className="form" noValidate>
      <input type="hidden" name="language" value={textLanguage} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      <FormErrors reply={reply} />
      <SelectField
        id={`${formId}-kind`}
        name="kind"
        label={t("needsEditor.kind")}
        reply={reply}
        defaultValue={values.kind}
        options={needKinds.map((k) => ({ value: k, label: t(`needs.${k}`) }))}
      />
      <TextareaField
        id={`${formId}-description`}
        name="description"
        label={t("needsEditor.description", { language: LANGUAGE_NAMES[textLanguage] ?? textLanguage })}
        hint={t("needsEditor.descriptionHint")}
        reply={reply}
        defaultValue={values.description}
        rows={2}
        maxLength={300}
        lang={textLanguage}
      />
      <fieldset className="fieldset">
        <legend>{t("needsEditor.detailsLegend")}</legend>
        <Field
          id={`${formId}-amount`}
          name="amount"
          label={t("needsEditor.amount", { currency })}
          hint={t("needsEditor.amountHint")}
          reply={reply}
          defaultValue={values.amount}
          inputMode="decimal"
          autoComplete="off"
        />
        <SelectField
          id={`${formId}-skill`}
          name="skill"
          label={t("needsEditor.skill")}
          hint={t("needsEditor.skillHint")}
          reply={reply}
          defaultValue={values.skill}
          placeholder={t("needsEditor.noSkill")}
          groups={skillGroups.map((g, i) => (i === 0 ? { ...g, label: t("needsEditor.commonSkills") } : g))}
        />
        <Field
          id={`${formId}-quantity`}
          name="quantity"
          label={t("needsEditor.quantity")}
          hint={t("needsEditor.quantityHint")}
          reply={reply}
          defaultValue={values.quantity}
          inputMode="numeric"
          autoComplete="off"
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t("needsEditor.volunteeringLegend")}</legend>
        <p className="field__hint">{t("needsEditor.volunteeringHint")}</p>
        <SelectField
          id={`${formId}-mode`}
          name="mode"
          label={t("needsEditor.mode")}
          reply={reply}
          defaultValue={values.mode}
          placeholder={t("needsEditor.choose")}
          options={workModes.map((m) => ({ value: m, label: t(`workModes.${m}`) }))}
        />
        <Field id={`${formId}-startsOn`} name="startsOn" type="date" label={t("needsEditor.startsOn")} reply={reply} defaultValue={values.startsOn} />
        <Field id={`${formId}-endsOn`} name="endsOn" type="date" label={t("needsEditor.endsOn")} reply={reply} defaultValue={values.endsOn} />
        <SelectField
          id={`${formId}-needLanguage`}
          name="needLanguage"
          label={t("needsEditor.needLanguage")}
          reply={reply}
          defaultValue={values.needLanguage}
          placeholder={t("needsEditor.anyLanguage")}
          options={languages}
        />
        <CheckboxField id={`${formId}-expertMission`} name="expertMission" label={t("needsEditor.expertMission")} hint={t("needsEditor.expertMissionHint")} reply={reply} defaultChecked={values.expertMission} />
        <CheckboxField id={`${formId}-closed`} name="closed" label={t("needsEditor.closed")} hint={t("needsEditor.closedHint")} reply={reply} defaultChecked={values.closed} />
      </fieldset>
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

export default function ProjectNeeds() {
  const { header, currency, needs, languages, skillGroups } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as PlanReply | undefined;
  const { t } = useTranslation("projects");
  return (
    <PlanPage header={header} section="needs" intro={t("needsEditor.intro")} localizedText>
      <section aria-labelledby="needs-list-title" className="stack">
        <h2 id="needs-list-title">{t("needsEditor.listTitle")}</h2>
        {needs.length === 0 ? (
          <p className="empty">{t("needsEditor.none")}</p>
        ) : (
          <ul className="plan-list" role="list">
            {needs.map((need) => (
              <li key={need.id}>
                <h3 id={`need-${need.id}`} lang={need.description?.lang} dir="auto">
                  {need.description?.text}
                </h3>
                <p className="plan-item__facts">
                  <span>{t(`needs.${need.kind}`)}</span>
                  {need.amount ? <span>{need.amount}</span> : null}
                  {need.skill ? <span>{need.skill}</span> : null}
                  {need.quantity ? <span>{t("page.quantity", { count: need.quantity })}</span> : null}
                  {need.volunteering?.mode ? <span>{t(`workModes.${need.volunteering.mode}`)}</span> : null}
                  {need.volunteering?.dates ? <span>{need.volunteering.dates}</span> : null}
                  {need.volunteering?.language ? <span>{need.volunteering.language}</span> : null}
                  {need.volunteering?.expertMission ? <span className="badge">{t("needs.expertMission")}</span> : null}
                  {need.volunteering?.closed ? <span className="badge">{t("needs.closed")}</span> : null}
                </p>
                {header.canEdit ? (
                  <div className="plan-item__actions">
                    <RemoveItemForm id={need.id} describedBy={`need-${need.id}`} reply={replyFor(reply, `remove-${need.id}`)} />
                  </div>
                ) : null}
                {header.canEdit ? (
                  <EditDisclosure
                    open={reply?.form === `need-${need.id}`}
                    label={
                      <>
                        {t("planEditor.edit")} <span className="visually-hidden">{need.description?.text}</span>
                      </>
                    }
                  >
                    <NeedForm
                      formId={`need-${need.id}`}
                      id={need.id}
                      values={need.values}
                      reply={replyFor(reply, `need-${need.id}`)}
                      currency={currency}
                      textLanguage={header.textLanguage}
                      languages={languages}
                      skillGroups={skillGroups}
                      submitLabel={t("planEditor.save")}
                    />
                  </EditDisclosure>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      {header.canEdit ? (
        <section aria-labelledby="add-need-title" className="stack">
          <h2 id="add-need-title">{t("needsEditor.addTitle")}</h2>
          <NeedForm
            key={needs.map((n) => n.id).join()}
            formId="need-new"
            values={{ kind: "money", description: "", amount: "", skill: "", quantity: "", mode: "", startsOn: "", endsOn: "", needLanguage: "", expertMission: false, closed: false }}
            reply={replyFor(reply, "need-new")}
            languages={languages}
            skillGroups={skillGroups}
            currency={currency}
            textLanguage={header.textLanguage}
            submitLabel={t("needsEditor.add")}
          />
        </section>
      ) : null}
    </PlanPage>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
