import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, fieldErrors, FormErrors, previousValue, TextAreaField, type ReplyLike } from "~/components/form";
import { currencyMinorDigits } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { feeFigures, validateFeeSchedule } from "~/modules/permits/fees";
import { createPermitType, officePermitTypes, setPermitTypeActive, updatePermitType } from "~/modules/permits/office.server";
import { permitTypeEditSchema, permitTypeSchema, requirementLines, scheduleFromForm, scheduleToForm } from "~/modules/permits/types-schema";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:types.title");

const CURRENCIES = ["PHP", "MXN", "USD", "GTQ", "MAD", "XOF"];

/** The permit types an LGU offers online: its permits officers define, change and switch them on or off. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "permits_officer"]);
  const language = await getLanguage(request);
  const types = await officePermitTypes(session.claims, lgu.id);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      currencies: CURRENCIES,
      types: types.map((type) => {
        const names = type.name as Record<string, string>;
        const descriptions = type.description as Record<string, string>;
        const schedule = validateFeeSchedule(type.feeSchedule);
        return {
          id: type.id,
          slug: type.slug,
          name: localized(type.name as Record<string, string>, language),
          active: type.active,
          processingDays: type.processingDays,
          requirements: type.requirementList.map((r) => ({ id: r.id, label: localized(r.label, language), mandatory: r.mandatory, used: r.used })),
          applications: type.applications,
          values: {
            id: type.id,
            slug: type.slug,
            nameEn: names.en ?? "",
            nameFil: names.fil ?? "",
            nameEs: names.es ?? "",
            nameFr: names.fr ?? "",
            nameAr: names.ar ?? "",
            descriptionEn: descriptions.en ?? "",
            descriptionFil: descriptions.fil ?? "",
            descriptionEs: descriptions.es ?? "",
            descriptionFr: descriptions.fr ?? "",
            descriptionAr: descriptions.ar ?? "",
            currency: type.currency,
            processingDays: String(type.processingDays),
            validityMonths: String(type.validityMonths),
            ...scheduleToForm(schedule.ok ? schedule.schedule : null, (minor) => toMajorUnits(minor, type.currency)),
          },
        };
      }),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

type Translated<F extends string> = { [K in `${F}${"En" | "Fil" | "Es" | "Fr" | "Ar"}`]?: string };

/** The filled-in languages of a translatable field (`nameEn`, `nameFil`, … → { en, fil, … }). */
const translationsOf = <F extends "name" | "description">(form: Translated<F>, field: F) => {
  const value = (suffix: string) => (form as Record<string, string | undefined>)[`${field}${suffix}`];
  return Object.fromEntries(Object.entries({ en: value("En"), fil: value("Fil"), es: value("Es"), fr: value("Fr"), ar: value("Ar") }).filter(([, text]) => text)) as Record<string, string>;
};

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
  if (intent === "update") {
    const submission = await parseForm(formData, permitTypeEditSchema);
    const form = `update-${String(formData.get("id") ?? "")}`;
    if (submission.status !== "success") return formError({ ...submission.reply(), form });
    const value = submission.value;
    const schedule = scheduleFromForm(value, currencyMinorDigits(value.currency));
    if (!schedule.ok) return formError({ ...submission.reply({ fieldErrors: { [schedule.field]: [schedule.message] } }), form });
    try {
      await updatePermitType(session.claims, lgu.id, value.id, {
        name: translationsOf(value, "name"),
        description: translationsOf(value, "description"),
        schedule: schedule.schedule,
        processingDays: value.processingDays,
        validityMonths: value.validityMonths,
        add: requirementLines(value),
        remove: value.remove ?? [],
      });
    } catch (error) {
      const answer = refusedForm(submission, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form } }, { status: answer.status });
    }
    return redirectWithToast(back, { type: "success", messageKey: "permits:types.updated" });
  }
  const submission = await parseForm(formData, permitTypeSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form: "create" });
  const value = submission.value;
  const schedule = scheduleFromForm(value, currencyMinorDigits(value.currency));
  if (!schedule.ok) return formError({ ...submission.reply({ fieldErrors: { [schedule.field]: [schedule.message] } }), form: "create" });
  try {
    await createPermitType(session.claims, lgu.id, {
      slug: value.slug,
      name: translationsOf(value, "name"),
      description: translationsOf(value, "description"),
      schedule: schedule.schedule,
      currency: value.currency,
      processingDays: value.processingDays,
      validityMonths: value.validityMonths,
      requirements: requirementLines(value),
    });
  } catch (error) {
    const answer = refusedForm(submission, error);
    const body = (await answer.json()) as { reply: object };
    return json({ reply: { ...body.reply, form: "create" } }, { status: answer.status });
  }
  return redirectWithToast(back, { type: "success", messageKey: "permits:types.created" });
}

type Values = Record<string, string>;

/** The fields of a type's form; `prefix` keeps ids apart when several forms share the page. */
function TypeFields({ prefix, reply, values = {}, currencies, editing }: { prefix: string; reply?: ReplyLike; values?: Values; currencies: string[]; editing: boolean }) {
  const { t } = useTranslation("permits");
  const id = (name: string) => `${prefix}-${name}`;
  const value = (name: string) => previousValue(reply, name) ?? values[name];
  const feeKind = value("feeKind") ?? "fixed";
  return (
    <>
      {editing ? (
        <>
          <input type="hidden" name="slug" value={values.slug} />
          <input type="hidden" name="currency" value={values.currency} />
        </>
      ) : (
        <Field name="slug" id={id("slug")} label={t("types.slug")} hint={t("types.slugHint")} reply={reply} dir="ltr" required />
      )}
      <Field name="nameEn" id={id("nameEn")} label={t("types.nameEn")} reply={reply} defaultValue={values.nameEn} lang="en" required />
      <details>
        <summary>{t("types.otherLanguages")}</summary>
        <Field name="nameFil" id={id("nameFil")} label={t("types.nameIn", { language: "Filipino" })} reply={reply} defaultValue={values.nameFil} lang="fil" />
        <Field name="nameEs" id={id("nameEs")} label={t("types.nameIn", { language: "Español" })} reply={reply} defaultValue={values.nameEs} lang="es" />
        <Field name="nameFr" id={id("nameFr")} label={t("types.nameIn", { language: "Français" })} reply={reply} defaultValue={values.nameFr} lang="fr" />
        <Field name="nameAr" id={id("nameAr")} label={t("types.nameIn", { language: "العربية" })} reply={reply} defaultValue={values.nameAr} lang="ar" dir="rtl" />
      </details>
      <TextAreaField name="descriptionEn" id={id("descriptionEn")} label={t("types.description")} reply={reply} defaultValue={values.descriptionEn} rows={3} lang="en" />
      <details>
        <summary>{t("types.descriptionOtherLanguages")}</summary>
        <TextAreaField name="descriptionFil" id={id("descriptionFil")} label={t("types.descriptionIn", { language: "Filipino" })} reply={reply} defaultValue={values.descriptionFil} rows={3} lang="fil" />
        <TextAreaField name="descriptionEs" id={id("descriptionEs")} label={t("types.descriptionIn", { language: "Español" })} reply={reply} defaultValue={values.descriptionEs} rows={3} lang="es" />
        <TextAreaField name="descriptionFr" id={id("descriptionFr")} label={t("types.descriptionIn", { language: "Français" })} reply={reply} defaultValue={values.descriptionFr} rows={3} lang="fr" />
        <TextAreaField name="descriptionAr" id={id("descriptionAr")} label={t("types.descriptionIn", { language: "العربية" })} reply={reply} defaultValue={values.descriptionAr} rows={3} lang="ar" dir="rtl" />
      </details>
      {editing ? null : (
        <div className="field">
          <label htmlFor={id("currency")}>{t("types.currency")}</label>
          <select id={id("currency")} name="currency" defaultValue={value("currency") ?? "PHP"}>
            {currencies.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      )}
      <Field name="processingDays" id={id("processingDays")} label={t("types.processingDays")} reply={reply} inputMode="numeric" defaultValue={values.processingDays ?? "5"} required />
      <Field name="validityMonths" id={id("validityMonths")} label={t("types.validityMonths")} reply={reply} inputMode="numeric" defaultValue={values.validityMonths ?? "12"} required />
      <fieldset>
        <legend>{t("types.feeKind")}</legend>
        <label>
          <input type="radio" name="feeKind" value="fixed" defaultChecked={feeKind === "fixed"} /> {t("types.fixed")}
        </label>
        <label>
          <input type="radio" name="feeKind" value="bracketed" defaultChecked={feeKind === "bracketed"} /> {t("types.bracketed")}
        </label>
      </fieldset>
      <Field name="fixedAmount" id={id("fixedAmount")} label={t("types.fixedAmount")} hint={t("types.fixedAmountHint")} reply={reply} defaultValue={values.fixedAmount} inputMode="decimal" />
      <div className="field">
        <label htmlFor={id("figure")}>{t("types.figure")}</label>
        <select id={id("figure")} name="figure" defaultValue={value("figure") ?? "capital"}>
          {feeFigures.map((f) => (
            <option key={f} value={f}>
              {t(`types.figures.${f}`)}
            </option>
          ))}
        </select>
      </div>
      <TextAreaField name="brackets" id={id("brackets")} label={t("types.brackets")} hint={t("types.bracketsHint")} reply={reply} defaultValue={values.brackets} dir="ltr" />
      <TextAreaField name="required" id={id("required")} label={t(editing ? "types.addRequired" : "types.required")} hint={t("types.linesHint")} reply={reply} />
      <TextAreaField name="optional" id={id("optional")} label={t(editing ? "types.addOptional" : "types.optional")} hint={t("types.linesHint")} reply={reply} rows={2} />
    </>
  );
}

export default function PermitTypes() {
  const { lgu, types, currencies } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as (ReplyLike & { form?: string }) | undefined;
  const { t } = useTranslation("permits");
  const busy = useNavigation().state === "submitting";
  const replyFor = (form: string) => (reply?.form === form ? reply : undefined);
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
          {types.map((type) => {
            const form = `update-${type.id}`;
            const removeErrors = fieldErrors(replyFor(form), "remove");
            return (
              <li key={type.id}>
                <p>
                  <strong lang={type.name?.lang}>{type.name?.text}</strong> <span className="badge">{t(type.active ? "types.active" : "types.inactive")}</span>
                </p>
                <p className="plan-item__facts">
                  <span dir="ltr">{type.slug}</span>
                  <span>{t("offered.days", { count: type.processingDays })}</span>
                  <span>{t("types.requirementCount", { count: type.requirements.length })}</span>
                  <span>{t("types.applicationCount", { count: type.applications })}</span>
                </p>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={type.id} />
                  <input type="hidden" name="intent" value={type.active ? "deactivate" : "activate"} />
                  <button type="submit" className="link-button" disabled={busy}>
                    {t(type.active ? "types.deactivate" : "types.activate")} <span className="visually-hidden">{type.name?.text}</span>
                  </button>
                </Form>
                <details className="plan-item__edit" open={Boolean(replyFor(form)) || undefined}>
                  <summary>
                    {t("types.change")} <span className="visually-hidden">{type.name?.text}</span>
                  </summary>
                  <Form method="post" className="form" noValidate>
                    <FormErrors reply={replyFor(form)} />
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="id" value={type.id} />
                    <TypeFields prefix={`type-${type.id}`} reply={replyFor(form)} values={type.values} currencies={currencies} editing />
                    <fieldset>
                      <legend>{t("types.currentDocuments")}</legend>
                      {removeErrors.length ? (
                        <p id={`type-${type.id}-remove-error`} className="field__error">
                          {removeErrors.map((key) => t(key)).join(" ")}
                        </p>
                      ) : null}
                      <ul>
                        {type.requirements.map((r) => (
                          <li key={r.id}>
                            {r.used ? (
                              <span lang={r.label?.lang}>
                                {r.label?.text} <span className="muted">({t("types.inUse")})</span>
                              </span>
                            ) : (
                              <label>
                                <input type="checkbox" name="remove" value={r.id} /> {t("types.remove", { label: r.label?.text ?? "" })}
                              </label>
                            )}
                          </li>
                        ))}
                      </ul>
                    </fieldset>
                    <button type="submit" className="button" disabled={busy}>
                      {t("types.save")}
                    </button>
                  </Form>
                </details>
              </li>
            );
          })}
        </ul>
      )}

      <Form method="post" className="form" noValidate aria-labelledby="new-type">
        <h2 id="new-type">{t("types.new")}</h2>
        <FormErrors reply={replyFor("create")} />
        <input type="hidden" name="intent" value="create" />
        <TypeFields prefix="field" reply={replyFor("create")} currencies={currencies} editing={false} />
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
