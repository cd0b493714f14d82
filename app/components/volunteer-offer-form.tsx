import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, type ReplyLike } from "./form";
import { CheckboxField, SelectField, TextareaField } from "./form-extra";
import { workModes } from "~/modules/projects/vocabulary";

/**
 * The offer of help: how the volunteer can work, when, a message, and consent to share their name
 * and email with this LGU. For an offer to an LGU in general, the skill is chosen too.
 */
export function VolunteerOfferForm({
  reply,
  lguName,
  skills,
  defaultMode,
}: {
  reply?: ReplyLike;
  lguName: string;
  /** For an offer to a town in general: the skills to choose from (the taxonomy's common skills). */
  skills?: { value: string; label: string }[];
  defaultMode?: string;
}) {
  const { t } = useTranslation(["volunteer", "projects"]);
  return (
    <Form method="post" className="form stack" noValidate>
      <FormErrors reply={reply} />
      {skills ? (
        <SelectField
          name="skill"
          id="offer-skill"
          label={t("volunteer:form.skill")}
          reply={reply}
          placeholder={t("volunteer:form.chooseSkill")}
          options={skills}
          required
        />
      ) : null}
      <SelectField
        name="mode"
        id="offer-mode"
        label={t("volunteer:form.mode")}
        reply={reply}
        defaultValue={defaultMode}
        placeholder={t("volunteer:form.choose")}
        options={workModes.map((m) => ({ value: m, label: t(`projects:workModes.${m}`) }))}
        required
      />
      <Field name="availableFrom" id="offer-from" type="date" label={t("volunteer:form.availableFrom")} hint={t("volunteer:form.availableHint")} reply={reply} />
      <Field name="availableUntil" id="offer-until" type="date" label={t("volunteer:form.availableUntil")} reply={reply} />
      <TextareaField name="message" id="offer-message" label={t("volunteer:form.message")} hint={t("volunteer:form.messageHint")} reply={reply} rows={5} maxLength={1000} required />
      <CheckboxField name="consent" id="offer-consent" label={t("volunteer:form.consent", { lgu: lguName })} reply={reply} />
      <button type="submit" className="button">
        {t("volunteer:form.submit")}
      </button>
    </Form>
  );
}
