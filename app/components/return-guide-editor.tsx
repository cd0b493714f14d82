/**
 * The editors' pages of the returnee guide, the same for the national guide (platform admins) and
 * an LGU's (its admins and editors): the topics with their review state, one topic's texts in five
 * languages, and the scope's directory entries. Plain POST forms: they work without JavaScript.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, type ReplyLike } from "./form";
import { PlaceSelect, SelectField, TextareaField, type PlaceGroupView } from "./form-extra";
import { Field } from "./form";

const LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fil", name: "Filipino", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
] as const;

export interface Scope {
  lguId: string | null;
  base: string;
  publicBase: string;
}

interface TopicRow {
  topic: string;
  id: string | null;
  languages: string[];
  reviewedOn: string | null;
  needsReview: boolean;
}

export function TopicsEditorList({ title, scope, days, topics }: { title: string; scope: Scope; days: number; topics: TopicRow[] }) {
  const { t } = useTranslation("returnGuide");
  return (
    <div className="container section stack">
      <h1>{title}</h1>
      <p className="lead">{t("editor.intro")}</p>
      <p>{t("editor.reviewAge", { days })}</p>
      <p>
        <Link to={`${scope.base}/services`}>{t("editor.services")}</Link> · <Link to={scope.publicBase}>{t("editor.view")}</Link>
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("contents")}</th>
              <th scope="col">{t("editor.languages")}</th>
              <th scope="col">{t("editor.reviewedColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {topics.map((row) => (
              <tr key={row.topic}>
                <th scope="row">
                  <Link to={`${scope.base}/${row.topic}`}>{t(`topics.${row.topic}.title`)}</Link>
                </th>
                <td>{row.languages.length ? <span dir="ltr">{row.languages.join(", ")}</span> : <span className="badge">{t("editor.notWritten")}</span>}</td>
                <td>
                  {row.reviewedOn ?? "—"} {row.needsReview ? <span className="badge">{t("editor.needsReview")}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface TopicData {
  scope: Scope;
  topic: string;
  id: string | null;
  sourceLanguage: string;
  body: Record<string, string>;
  reviewedOn: string | null;
  needsReview: boolean;
}

export function TopicEditor({ data, reply, busy }: { data: TopicData; reply?: ReplyLike; busy: boolean }) {
  const { t } = useTranslation("returnGuide");
  const other = LANGUAGES.filter((l) => l.code !== data.sourceLanguage);
  const source = LANGUAGES.find((l) => l.code === data.sourceLanguage) ?? LANGUAGES[0];
  const textField = (language: (typeof LANGUAGES)[number]) => (
    <TextareaField
      key={language.code}
      name={`body_${language.code}`}
      id={`body_${language.code}`}
      label={t("editor.textIn", { language: language.name })}
      reply={reply}
      defaultValue={data.body[language.code] ?? ""}
      rows={language.code === source.code ? 16 : 10}
      lang={language.code}
      dir={language.dir}
    />
  );
  const otherOpen = other.some((l) => reply?.error?.[`body_${l.code}`]?.length);
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={data.scope.base} className="back-link">
          {t("editor.back")}
        </Link>
      </p>
      <h1>{t(`topics.${data.topic}.title`)}</h1>
      <p>
        {data.reviewedOn ? t("lastReviewed", { date: data.reviewedOn }) : t("editor.notWritten")}{" "}
        {data.needsReview ? <span className="badge">{t("editor.needsReview")}</span> : null}{" "}
        {data.id ? <Link to={`${data.scope.publicBase}/${data.topic}`}>{t("editor.view")}</Link> : null}
      </p>
      {data.id ? (
        <Form method="post">
          <input type="hidden" name="intent" value="review" />
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("editor.markReviewed")}
          </button>
        </Form>
      ) : null}
      <Form method="post" className="form form--wide" noValidate>
        <FormErrors reply={reply} />
        <input type="hidden" name="intent" value="save" />
        <p className="field__hint" id="markdown-hint">
          {t("editor.markdownHint")}
        </p>
        <SelectField
          name="sourceLanguage"
          id="sourceLanguage"
          label={t("editor.sourceLanguage")}
          hint={t("editor.sourceHint")}
          reply={reply}
          defaultValue={data.sourceLanguage}
          options={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
        />
        {textField(source)}
        <details open={otherOpen || undefined}>
          <summary>{t("editor.otherLanguages")}</summary>
          {other.map(textField)}
        </details>
        <button type="submit" className="button" disabled={busy}>
          {t("editor.save")}
        </button>
      </Form>
    </div>
  );
}

interface ServiceRow {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  placeName: string;
  description: { text: string; lang: string } | null;
  values: Record<string, string | string[]>;
}

interface ServicesData {
  scope: Scope;
  placeGroups: PlaceGroupView[];
  languages: { code: string; name: string }[];
  services: ServiceRow[];
}

const KINDS = ["migrant_resource_centre", "one_stop_shop", "training_centre", "certification_body", "credit_business_support", "psychosocial_support"];
const ELIGIBILITIES = ["everyone", "returnees", "migrant_workers_and_families"];

function ServiceFields({ prefix, data, reply, values = {} }: { prefix: string; data: ServicesData; reply?: ReplyLike; values?: Record<string, string | string[]> }) {
  const { t } = useTranslation("returnGuide");
  const id = (name: string) => `${prefix}-${name}`;
  const text = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : "");
  const previousLanguages = reply?.initialValue?.languages;
  const chosen = new Set(Array.isArray(previousLanguages) ? (previousLanguages as string[]) : typeof previousLanguages === "string" ? [previousLanguages] : Array.isArray(values.languages) ? values.languages : []);
  const languageErrors = reply?.error?.languages ?? [];
  return (
    <>
      <SelectField name="kind" id={id("kind")} label={t("editor.fields.kind")} reply={reply} defaultValue={text("kind")} placeholder="" options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} required />
      <Field name="name" id={id("name")} label={t("editor.fields.name")} reply={reply} defaultValue={text("name")} required maxLength={200} />
      <PlaceSelect name="placeId" id={id("placeId")} label={t("editor.fields.place")} reply={reply} defaultValue={text("placeId")} placeGroups={data.placeGroups} placeholder="" required />
      <Field name="address" id={id("address")} label={t("editor.fields.address")} reply={reply} defaultValue={text("address")} required maxLength={500} />
      <Field name="phone" id={id("phone")} label={t("editor.fields.phone")} reply={reply} defaultValue={text("phone")} type="tel" dir="ltr" />
      <Field name="email" id={id("email")} label={t("editor.fields.email")} reply={reply} defaultValue={text("email")} type="email" dir="ltr" />
      <Field name="website" id={id("website")} label={t("editor.fields.website")} reply={reply} defaultValue={text("website")} type="url" dir="ltr" />
      <SelectField name="eligibility" id={id("eligibility")} label={t("editor.fields.eligibility")} reply={reply} defaultValue={text("eligibility") || "everyone"} options={ELIGIBILITIES.map((e) => ({ value: e, label: t(`eligibility.${e}`) }))} />
      <fieldset aria-describedby={languageErrors.length ? id("languages-error") : undefined}>
        <legend>{t("editor.fields.languages")}</legend>
        {languageErrors.length ? (
          <p id={id("languages-error")} className="field__error">
            {languageErrors.map((key) => t(key)).join(" ")}
          </p>
        ) : null}
        <div className="checks">
          {data.languages.map((l) => (
            <label key={l.code} className="check">
              <input type="checkbox" name="languages" value={l.code} defaultChecked={chosen.has(l.code)} /> {l.name}
            </label>
          ))}
        </div>
      </fieldset>
      {LANGUAGES.map((language) => (
        <details key={language.code} open={language.code === "en" || ["description", "hours", "eligibilityNote"].some((f) => reply?.error?.[`${f}_${language.code}`]?.length) || undefined}>
          <summary lang={language.code}>{language.name}</summary>
          <TextareaField name={`description_${language.code}`} id={id(`description_${language.code}`)} label={t("editor.fields.descriptionIn", { language: language.name })} reply={reply} defaultValue={text(`description_${language.code}`)} rows={3} lang={language.code} />
          <Field name={`hours_${language.code}`} id={id(`hours_${language.code}`)} label={t("editor.fields.hoursIn", { language: language.name })} reply={reply} defaultValue={text(`hours_${language.code}`)} lang={language.code} dir="auto" maxLength={300} />
          <Field name={`eligibilityNote_${language.code}`} id={id(`eligibilityNote_${language.code}`)} label={t("editor.fields.eligibilityNoteIn", { language: language.name })} reply={reply} defaultValue={text(`eligibilityNote_${language.code}`)} lang={language.code} dir="auto" maxLength={500} />
        </details>
      ))}
    </>
  );
}

export function ServicesEditor({ data, reply, busy }: { data: ServicesData; reply?: ReplyLike & { form?: string }; busy: boolean }) {
  const { t } = useTranslation("returnGuide");
  const replyFor = (form: string) => (reply?.form === form ? reply : undefined);
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={data.scope.base} className="back-link">
          {t("editor.back")}
        </Link>
      </p>
      <h1>{t("editor.servicesTitle")}</h1>
      <p className="lead">{t("editor.servicesIntro")}</p>
      {data.services.length === 0 ? (
        <p className="empty">{t("editor.noServices")}</p>
      ) : (
        <ul className="plan-list" role="list">
          {data.services.map((service) => {
            const form = `edit-${service.id}`;
            return (
              <li key={service.id}>
                <p>
                  <strong>
                    <bdi>{service.name}</bdi>
                  </strong>{" "}
                  <span className="badge">{t(`kinds.${service.kind}`)}</span> {service.active ? null : <span className="badge">{t("editor.inactive")}</span>}
                </p>
                <p className="plan-item__facts">
                  <bdi>{service.placeName}</bdi>
                </p>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={service.id} />
                  <input type="hidden" name="intent" value={service.active ? "off" : "on"} />
                  <button type="submit" className="link-button" disabled={busy}>
                    {t(service.active ? "editor.switchOff" : "editor.switchOn")} <span className="visually-hidden">{service.name}</span>
                  </button>
                </Form>
                <details className="plan-item__edit" open={Boolean(replyFor(form)) || undefined}>
                  <summary>
                    {t("editor.change")} <span className="visually-hidden">{service.name}</span>
                  </summary>
                  <Form method="post" className="form" noValidate>
                    <FormErrors reply={replyFor(form)} />
                    <input type="hidden" name="intent" value="save" />
                    <input type="hidden" name="id" value={service.id} />
                    <ServiceFields prefix={`service-${service.id}`} data={data} reply={replyFor(form)} values={service.values} />
                    <button type="submit" className="button" disabled={busy}>
                      {t("editor.save")}
                    </button>
                  </Form>
                </details>
              </li>
            );
          })}
        </ul>
      )}
      <Form method="post" className="form" noValidate aria-labelledby="new-service">
        <h2 id="new-service">{t("editor.newService")}</h2>
        <FormErrors reply={replyFor("create")} />
        <input type="hidden" name="intent" value="save" />
        <ServiceFields prefix="new" data={data} reply={replyFor("create")} />
        <button type="submit" className="button" disabled={busy}>
          {t("editor.save")}
        </button>
      </Form>
    </div>
  );
}
