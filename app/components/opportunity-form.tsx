import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n/config";
import { opportunityCurrencies } from "~/modules/investments/schema";
import { incentiveCodes, investmentSectors, opportunityKinds, timelines } from "~/modules/investments/vocabulary";
import { Field, FormErrors, SubmitButton, fieldErrors, type ReplyLike } from "./form";
import { SelectField, TextareaField } from "./form-extra";
import { LANGUAGE_NAMES } from "./project-form";

export interface OpportunityFormValues {
  textLanguage: string;
  title: string;
  summary: string;
  description: string;
  sector: string;
  kind: string;
  location: string;
  ticketMin: string;
  ticketMax: string;
  currency: string;
  timeline: string;
  incentives: string[];
  incentivesNote: string;
  contactOffice: string;
  contactEmail: string;
}

/**
 * An opportunity's details, one language of text at a time (other languages' texts are kept).
 * New ones can be saved as a draft or published at once; plain text only.
 */
export function OpportunityForm({ values, reply, busy, fixedLanguage = false, isNew }: { values: OpportunityFormValues; reply?: ReplyLike; busy?: boolean; fixedLanguage?: boolean; isNew: boolean }) {
  const { t } = useTranslation("invest");
  const previousIncentives = reply?.initialValue?.incentives;
  const checkedIncentives = reply?.initialValue ? (Array.isArray(previousIncentives) ? previousIncentives : typeof previousIncentives === "string" ? [previousIncentives] : []) : values.incentives;
  const incentiveErrors = fieldErrors(reply, "incentives");
  return (
    <Form method="post" className="form form--wide" noValidate>
      <FormErrors reply={reply} />
      {fixedLanguage ? (
        <>
          <input type="hidden" name="textLanguage" value={values.textLanguage} />
          <p>{t("office.editingLanguage", { language: LANGUAGE_NAMES[values.textLanguage] ?? values.textLanguage })}</p>
        </>
      ) : (
        <SelectField
          name="textLanguage"
          label={t("office.textLanguage")}
          hint={t("office.textLanguageHint")}
          reply={reply}
          defaultValue={values.textLanguage}
          options={supportedLanguages.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] ?? l }))}
        />
      )}
      <Field name="title" label={t("office.title_field")} reply={reply} defaultValue={values.title} required maxLength={160} dir="auto" />
      <TextareaField name="summary" label={t("office.summary")} reply={reply} defaultValue={values.summary} rows={2} maxLength={400} />
      <TextareaField name="description" label={t("office.description")} reply={reply} defaultValue={values.description} rows={8} maxLength={8000} />
      <SelectField name="sector" label={t("detail.sector")} reply={reply} defaultValue={values.sector} options={investmentSectors.map((s) => ({ value: s, label: t(`sectors.${s}`) }))} />
      <SelectField name="kind" label={t("detail.kind")} reply={reply} defaultValue={values.kind} options={opportunityKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
      <Field name="location" label={t("office.location")} reply={reply} defaultValue={values.location} maxLength={200} dir="auto" />
      <SelectField name="currency" label={t("office.currency")} reply={reply} defaultValue={values.currency} options={opportunityCurrencies.map((c) => ({ value: c, label: c }))} />
      <Field name="ticketMin" label={t("office.ticketMin")} reply={reply} defaultValue={values.ticketMin} inputMode="decimal" required />
      <Field name="ticketMax" label={t("office.ticketMax")} reply={reply} defaultValue={values.ticketMax} inputMode="decimal" required />
      <SelectField name="timeline" label={t("detail.timeline")} reply={reply} defaultValue={values.timeline} options={timelines.map((v) => ({ value: v, label: t(`timelines.${v}`) }))} />
      <fieldset className="fieldset" aria-describedby={incentiveErrors.length ? "incentives-error" : undefined}>
        <legend>{t("detail.incentives")}</legend>
        <div className="checks">
          {incentiveCodes.map((code) => (
            <label key={code} className="check">
              <input type="checkbox" name="incentives" value={code} defaultChecked={checkedIncentives.includes(code)} /> {t(`incentives.${code}`)}
            </label>
          ))}
        </div>
        {incentiveErrors.length ? (
          <p id="incentives-error" className="field__error">
            {incentiveErrors.map((k) => t(k)).join(" ")}
          </p>
        ) : null}
      </fieldset>
      <TextareaField name="incentivesNote" label={t("office.incentivesNote")} reply={reply} defaultValue={values.incentivesNote} rows={2} maxLength={1000} />
      <Field name="contactOffice" label={t("office.contactOffice")} reply={reply} defaultValue={values.contactOffice} required maxLength={200} />
      <Field name="contactEmail" type="email" label={t("office.contactEmail")} reply={reply} defaultValue={values.contactEmail} maxLength={200} />
      {isNew ? (
        <div className="actions">
          <button type="submit" className="button button--secondary" name="intent" value="draft">
            {t("office.saveDraft")}
          </button>{" "}
          <button type="submit" className="button" name="intent" value="publish">
            {t("office.saveAndPublish")}
          </button>
        </div>
      ) : (
        <>
          <input type="hidden" name="intent" value="save" />
          <SubmitButton busy={busy}>{t("office.save")}</SubmitButton>
        </>
      )}
    </Form>
  );
}
