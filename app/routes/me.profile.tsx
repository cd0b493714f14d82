import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrors, Field, FormErrors, SubmitButton, type ReplyLike } from "~/components/form";
import { CheckboxField, SelectField, TextareaField } from "~/components/form-extra";
import { countryName, intlLocale, languageName } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { getOwnProfile, hometownChoices, saveProfile } from "~/modules/people/profile.server";
import { profileSchema } from "~/modules/people/schema";
import {
  countryCodes,
  languageOptions,
  migrationStatusOptions,
  sectorOptions,
  visibilityOptions,
  willingnessOptions,
} from "~/modules/people/vocabulary";
import { formError, parseForm, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "account:profile.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const [own, places] = await Promise.all([getOwnProfile(session), hometownChoices(session)]);
  // Names are worked out here, once: the browser's Intl data can differ from the server's, and
  // the page must hydrate to exactly what the server rendered.
  const countries = countryCodes
    .map((code) => ({ code, name: countryName(code, language) }))
    .sort((a, b) => a.name.localeCompare(b.name, intlLocale(language)));
  const choices = places.map((p) => ({ id: p.id, label: `${p.name} (${countryName(p.countryCode, language)})` }));
  const languages = languageOptions.map((code) => ({ code, name: languageName(code, language) }));
  return json({ ...own, choices, countries, languages }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const submission = await parseForm(request, profileSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const known = new Set((await hometownChoices(session)).map((p) => p.id));
  if (submission.value.hometowns.some((id) => !known.has(id))) {
    return formError(replyWith({ hometowns: ["account:validation.invalidChoice"] }));
  }
  await saveProfile(session, submission.value);
  return redirectWithToast("/me", { type: "success", messageKey: "account:profile.saved" });
}

function Fieldset({ legend, name, reply, children, hint }: { legend: string; name?: string; reply?: ReplyLike; children: ReactNode; hint?: string }) {
  const { t } = useTranslation();
  const errors = name ? fieldErrors(reply, name) : [];
  const errorId = name ? `fieldset-${name}-error` : undefined;
  return (
    <fieldset className="fieldset" aria-describedby={errors.length ? errorId : undefined}>
      <legend>{legend}</legend>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {children}
      {errors.length ? (
        <p id={errorId} className="field__error">
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

function Checks({ name, options, checked, label }: { name: string; options: readonly string[]; checked: readonly string[]; label: (o: string) => string }) {
  return (
    <div className="checks">
      {options.map((option) => (
        <label key={option} className="check">
          <input type="checkbox" name={name} value={option} defaultChecked={checked.includes(option)} />
          {label(option)}
        </label>
      ))}
    </div>
  );
}

function Privacy({ name, value }: { name: string; value: string }) {
  const { t } = useTranslation("account");
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{t("profile.whoSees")}</label>
      <select id={`field-${name}`} name={name} defaultValue={value}>
        {visibilityOptions.map((option) => (
          <option key={option} value={option}>
            {t(`visibility.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function ProfilePage() {
  const { profile, sensitive, hometownIds, choices, countries, languages } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const reply = data?.reply;
  const { t } = useTranslation("account");
  const busy = useNavigation().state === "submitting";
  const languageLabel = (code: string) => languages.find((l) => l.code === code)?.name ?? code;
  const countryOptions = countries.map((c) => ({ value: c.code, label: c.name }));
  if (!profile) return null;
  return (
    <div className="container section">
      <h1>{t("profile.title")}</h1>
      <p className="lead">{t("profile.intro")}</p>
      <Form method="post" className="form form--wide" noValidate>
        <FormErrors reply={reply} />
        <Fieldset legend={t("profile.basics")} hint={t("profile.basicsHint")}>
          <Field name="displayName" label={t("fields.displayName")} reply={reply} defaultValue={profile.displayName} required maxLength={120} />
          <SelectField
            name="countryOfResidence"
            label={t("fields.countryOfResidence")}
            reply={reply}
            placeholder={t("fields.notSaying")}
            options={countryOptions}
            defaultValue={profile.countryOfResidence ?? ""}
          />
          <Field name="city" label={t("fields.city")} reply={reply} defaultValue={profile.city ?? ""} maxLength={120} />
          <SelectField
            name="hometowns"
            label={t("fields.hometowns")}
            hint={t("fields.hometownsHint")}
            reply={reply}
            multiple
            size={6}
            options={choices.map((place) => ({ value: place.id, label: place.label }))}
            defaultValue={hometownIds}
          />
          <Privacy name="basicsVisibility" value={profile.basicsVisibility} />
        </Fieldset>

        <Fieldset legend={t("profile.engagement")}>
          <Fieldset legend={t("fields.languages")} name="languages" reply={reply}>
            <Checks name="languages" options={languageOptions} checked={profile.languages} label={languageLabel} />
          </Fieldset>
          <Fieldset legend={t("fields.sectors")} name="sectors" reply={reply}>
            <Checks name="sectors" options={sectorOptions} checked={profile.sectors} label={(o) => t(`sectors.${o}`)} />
          </Fieldset>
          <Fieldset legend={t("fields.willingness")} name="willingness" reply={reply}>
            <Checks name="willingness" options={willingnessOptions} checked={profile.willingness} label={(o) => t(`willingness.${o}`)} />
          </Fieldset>
          <CheckboxField
            name="investmentInvitations"
            id="investment-invitations"
            label={t("fields.investmentInvitations")}
            hint={t("fields.investmentInvitationsHint")}
            reply={reply}
            defaultChecked={profile.investmentInvitationsSince !== null}
          />
          <p>
            {t("skills:mine.fromProfile")} <Link to="/me/skills">{t("skills:mine.title")}</Link>
          </p>
          <Privacy name="engagementVisibility" value={profile.engagementVisibility} />
        </Fieldset>

        <Fieldset legend={t("profile.returnee")} hint={t("profile.returneeHint")}>
          <Field name="yearsAbroad" type="number" inputMode="numeric" min={0} max={80} label={t("fields.yearsAbroad")} reply={reply} defaultValue={profile.yearsAbroad ?? ""} />
          <SelectField
            name="countriesWorked"
            label={t("fields.countriesWorked")}
            reply={reply}
            multiple
            size={6}
            options={countryOptions}
            defaultValue={profile.countriesWorked}
          />
          <Field name="occupation" label={t("fields.occupation")} reply={reply} defaultValue={profile.occupation ?? ""} maxLength={160} />
          <TextareaField
            name="certificates"
            label={t("fields.certificates")}
            hint={t("fields.certificatesHint")}
            reply={reply}
            rows={3}
            defaultValue={profile.certificates.join("\n")}
          />
          <Privacy name="returneeVisibility" value={profile.returneeVisibility} />
        </Fieldset>

        <Fieldset legend={t("profile.sensitive")} hint={t("profile.sensitiveHint")}>
          <div className="field">
            <label htmlFor="field-migrationStatus">{t("fields.migrationStatus")}</label>
            <select id="field-migrationStatus" name="migrationStatus" defaultValue={sensitive?.migrationStatus ?? ""}>
              <option value="">{t("fields.notSaying")}</option>
              {migrationStatusOptions.map((o) => (
                <option key={o} value={o}>
                  {t(`migrationStatus.${o}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="field-returnCircumstances">{t("fields.returnCircumstances")}</label>
            <textarea id="field-returnCircumstances" name="returnCircumstances" rows={3} maxLength={2000} defaultValue={sensitive?.returnCircumstances ?? ""} />
          </div>
        </Fieldset>
        <SubmitButton busy={busy} busyLabel={t("profile.saving")}>
          {t("profile.save")}
        </SubmitButton>
      </Form>
    </div>
  );
}
