import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n/config";
import { sectorOptions } from "~/modules/people/vocabulary";
import { projectCurrencies } from "~/modules/projects/schema";
import { Field, FormErrors, SubmitButton, type ReplyLike } from "./form";
import { SelectField, TextareaField } from "./form-extra";

export interface ProjectFormValues {
  textLanguage: string;
  title: string;
  summary: string;
  description: string;
  sector: string;
  sdgGoals: number[];
  goal: string;
  currency: string;
  startsOn: string;
  endsOn: string;
  planReference: string;
  implementingPartner: string;
}

// Endonyms, the same in every locale (as in the language switcher).
export const LANGUAGE_NAMES: Record<string, string> = { en: "English", fil: "Filipino", es: "Español", fr: "Français", ar: "العربية" };

const SDGS = Array.from({ length: 17 }, (_, i) => i + 1);

/**
 * A project's details, one language of text at a time (the language select says which; other
 * languages' text is kept). Plain text only: the page shows it as text, never as HTML.
 */
export function ProjectForm({
  values,
  reply,
  busy,
  submitLabel,
  fixedLanguage = false,
}: {
  values: ProjectFormValues;
  reply?: ReplyLike;
  busy?: boolean;
  submitLabel: string;
  /** When editing, the text language is chosen by link (?text=) so the fields always match it. */
  fixedLanguage?: boolean;
}) {
  const { t } = useTranslation("projects");
  const languageNames = LANGUAGE_NAMES;
  return (
    <Form method="post" className="form form--wide" noValidate>
      <input type="hidden" name="intent" value="save" />
      <FormErrors reply={reply} />
      {fixedLanguage ? (
        <>
          <input type="hidden" name="textLanguage" value={values.textLanguage} />
          <p>{t("form.editingLanguage", { language: languageNames[values.textLanguage] ?? values.textLanguage })}</p>
        </>
      ) : (
        <SelectField
          name="textLanguage"
          label={t("form.textLanguage")}
          hint={t("form.textLanguageHint")}
          reply={reply}
          defaultValue={values.textLanguage}
          options={supportedLanguages.map((l) => ({ value: l, label: languageNames[l] ?? l }))}
        />
      )}
      <Field name="title" label={t("form.title")} reply={reply} defaultValue={values.title} required maxLength={160} dir="auto" />
      <TextareaField name="summary" label={t("form.summary")} reply={reply} defaultValue={values.summary} rows={2} maxLength={400} dir="auto" />
      <TextareaField name="description" label={t("form.description")} hint={t("form.descriptionHint")} reply={reply} defaultValue={values.description} rows={8} maxLength={8000} dir="auto" />
      <SelectField
        name="sector"
        label={t("form.sector")}
        reply={reply}
        defaultValue={values.sector}
        options={sectorOptions.map((s) => ({ value: s, label: t(`account:sectors.${s}`) }))}
      />
      <fieldset className="fieldset">
        <legend>{t("form.sdgs")}</legend>
        <div className="checks">
          {SDGS.map((goal) => (
            <label key={goal} className="check">
              <input type="checkbox" name="sdgGoals" value={goal} defaultChecked={values.sdgGoals.includes(goal)} />
              {t("page.sdg", { goal })}
            </label>
          ))}
        </div>
      </fieldset>
      <Field name="goal" label={t("form.goal")} hint={t("form.goalHint")} reply={reply} defaultValue={values.goal} required inputMode="decimal" />
      <SelectField
        name="currency"
        label={t("form.currency")}
        reply={reply}
        defaultValue={values.currency}
        options={projectCurrencies.map((c) => ({ value: c, label: c }))}
      />
      <Field name="startsOn" type="date" label={t("form.startsOn")} reply={reply} defaultValue={values.startsOn} />
      <Field name="endsOn" type="date" label={t("form.endsOn")} reply={reply} defaultValue={values.endsOn} />
      <Field name="planReference" label={t("form.planReference")} hint={t("form.planReferenceHint")} reply={reply} defaultValue={values.planReference} maxLength={300} />
      <Field name="implementingPartner" label={t("form.implementingPartner")} reply={reply} defaultValue={values.implementingPartner} maxLength={200} />
      <SubmitButton busy={busy} busyLabel={t("form.saving")}>
        {submitLabel}
      </SubmitButton>
    </Form>
  );
}
