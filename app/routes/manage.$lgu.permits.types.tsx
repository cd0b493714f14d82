import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, previousValue, TextAreaField, type ReplyLike } from "~/components/form";
import { currencyMinorDigits } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { feeFigures } from "~/modules/permits/fees";
import { createPermitType, officePermitTypes, setPermitTypeActive } from "~/modules/permits/office.server";
import { permitTypeSchema, requirementLines, scheduleFromForm } from "~/modules/permits/types-schema";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:types.title");

const CURRENCIES = ["PHP", "MXN", "USD", "GTQ", "MAD", "XOF"];

/** The permit types an LGU offers online: its permits officers define them and switch them on or off. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "permits_officer"]);
  const types = await officePermitTypes(session.claims, lgu.id, await getLanguage(request));
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, types, currencies: CURRENCIES }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "permits_officer"]);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const back = `/manage/${lgu.slug}/permits/types`;
  if (intent === "activate" || intent === "deactivate") {
    try {
      await setPermitTypeActive(session.claims, lgu.id, String(formData.get("id") ?? ""), intent === "activate");
    } catch (error) {
      return refusedForm(null, error);
    }
    return redirectWithToast(back, { type: "success", messageKey: `permits:types.${intent}d` });
  }
  const submission = await parseForm(formData, permitTypeSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const form = submission.value;
  const schedule = scheduleFromForm(form, currencyMinorDigits(form.currency));
  if (!schedule.ok) return formError(submission.reply({ fieldErrors: { [schedule.field]: [schedule.message] } }));
  const name = Object.fromEntries(
    Object.entries({ en: form.nameEn, fil: form.nameFil, es: form.nameEs, fr: form.nameFr, ar: form.nameAr }).filter(([, value]) => value),
  ) as Record<string, string>;
  try {
    await createPermitType(session.claims, lgu.id, {
      slug: form.slug,
      name,
      description: form.descriptionEn ? { en: form.descriptionEn } : {},
      schedule: schedule.schedule,
      currency: form.currency,
      processingDays: form.processingDays,
      validityMonths: form.validityMonths,
      requirements: requirementLines(form),
    });
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast(back, { type: "success", messageKey: "permits:types.created" });
}

export default function PermitTypes() {
  const { lgu, types, currencies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("permits");
  const busy = useNavigation().state === "submitting";
  const feeKind = previousValue(reply, "feeKind") ?? "fixed";
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/manage/${lgu.slug}/permits`} className="back-link">
          {t("office.title")}
        </Link>
      </p>
      <h1>{t("types.title")}</h1>
      {types.length === 0 ? (
        <p className="empty">{t("types.none")}</p>
      ) : (
        <ul className="plan-list" role="list">
          {types.map((type) => (
            <li key={type.id}>
              <p>
                <strong lang={type.name?.lang}>{type.name?.text}</strong> <span className="badge">{t(type.active ? "types.active" : "types.inactive")}</span>
              </p>
              <p className="plan-item__facts">
                <span dir="ltr">{type.slug}</span>
                <span>{t("offered.days", { count: type.processingDays })}</span>
                <span>{t("types.requirementCount", { count: type.requirements })}</span>
                <span>{t("types.applicationCount", { count: type.applications })}</span>
              </p>
              <Form method="post" className="inline-form">
                <input type="hidden" name="id" value={type.id} />
                <input type="hidden" name="intent" value={type.active ? "deactivate" : "activate"} />
                <button type="submit" className="link-button" disabled={busy}>
                  {t(type.active ? "types.deactivate" : "types.activate")} <span className="visually-hidden">{type.name?.text}</span>
                </button>
              </Form>
            </li>
          ))}
        </ul>
      )}

      <Form method="post" className="form" noValidate aria-labelledby="new-type">
        <h2 id="new-type">{t("types.new")}</h2>
        <FormErrors reply={reply} />
        <input type="hidden" name="intent" value="create" />
        <Field name="slug" label={t("types.slug")} hint={t("types.slugHint")} reply={reply} dir="ltr" required />
        <Field name="nameEn" label={t("types.nameEn")} reply={reply} lang="en" required />
        <details>
          <summary>{t("types.otherLanguages")}</summary>
          <Field name="nameFil" label={t("types.nameIn", { language: "Filipino" })} reply={reply} lang="fil" />
          <Field name="nameEs" label={t("types.nameIn", { language: "Español" })} reply={reply} lang="es" />
          <Field name="nameFr" label={t("types.nameIn", { language: "Français" })} reply={reply} lang="fr" />
          <Field name="nameAr" label={t("types.nameIn", { language: "العربية" })} reply={reply} lang="ar" dir="rtl" />
        </details>
        <TextAreaField name="descriptionEn" label={t("types.description")} reply={reply} rows={3} />
        <div className="field">
          <label htmlFor="field-currency">{t("types.currency")}</label>
          <select id="field-currency" name="currency" defaultValue={previousValue(reply, "currency") ?? "PHP"}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <Field name="processingDays" label={t("types.processingDays")} reply={reply} inputMode="numeric" defaultValue="5" required />
        <Field name="validityMonths" label={t("types.validityMonths")} reply={reply} inputMode="numeric" defaultValue="12" required />
        <fieldset>
          <legend>{t("types.feeKind")}</legend>
          <label>
            <input type="radio" name="feeKind" value="fixed" defaultChecked={feeKind === "fixed"} /> {t("types.fixed")}
          </label>
          <label>
            <input type="radio" name="feeKind" value="bracketed" defaultChecked={feeKind === "bracketed"} /> {t("types.bracketed")}
          </label>
        </fieldset>
        <Field name="fixedAmount" label={t("types.fixedAmount")} hint={t("types.fixedAmountHint")} reply={reply} inputMode="decimal" />
        <div className="field">
          <label htmlFor="field-figure">{t("types.figure")}</label>
          <select id="field-figure" name="figure" defaultValue={previousValue(reply, "figure") ?? "capital"}>
            {feeFigures.map((f) => (
              <option key={f} value={f}>
                {t(`types.figures.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <TextAreaField name="brackets" label={t("types.brackets")} hint={t("types.bracketsHint")} reply={reply} dir="ltr" />
        <TextAreaField name="required" label={t("types.required")} hint={t("types.linesHint")} reply={reply} />
        <TextAreaField name="optional" label={t("types.optional")} hint={t("types.linesHint")} reply={reply} rows={2} />
        <button type="submit" className="button" disabled={busy}>
          {t("types.create")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
