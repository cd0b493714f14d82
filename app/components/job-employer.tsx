/**
 * The employer's job pages (an organisation's or an LGU's; the routes pass what their loaders
 * returned): the list of jobs, the posting form, one job with its pipeline, and one applicant.
 * Plain forms and links: they work without JavaScript.
 */
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n/config";
import { languageName } from "~/i18n/format";
import { languageOptions } from "~/modules/people/vocabulary";
import { applicationStatuses, employmentTypes, salaryCurrencies, sectorCodes } from "~/modules/jobs/vocabulary";
import { Field, FormErrors, fieldErrors, type ReplyLike } from "./form";
import { PlaceSelect, SelectField, TextareaField, type PlaceGroupView } from "./form-extra";

export interface EmployerJobRow {
  id: string;
  title: { text: string; lang: string } | null;
  open: boolean;
  closes: string;
  applicants: number;
  fresh: number;
}

export function EmployerJobList({ base, name, verified, jobs }: { base: string; name: string; verified: boolean; jobs: EmployerJobRow[] }) {
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack">
      <h1>{t("post.listTitle", { name })}</h1>
      {verified ? (
        <p>
          <Link to={`${base}/new`} className="button">
            {t("post.new")}
          </Link>
        </p>
      ) : (
        <p className="notice">{t("errors.posterNotVerified")}</p>
      )}
      {jobs.length === 0 ? (
        <p className="muted">{t("post.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">{t("post.listTitle", { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("post.job")}</th>
                <th scope="col">{t("post.state")}</th>
                <th scope="col">{t("job.closes")}</th>
                <th scope="col">{t("post.applicants")}</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.id}>
                  <th scope="row">
                    <Link to={`${base}/${job.id}`} lang={job.title?.lang} dir="auto">
                      {job.title?.text}
                    </Link>
                  </th>
                  <td>{job.open ? t("post.open") : t("post.closedState")}</td>
                  <td>{job.closes}</td>
                  <td>{t("post.applicantsCount", { count: job.applicants, fresh: job.fresh })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export interface JobFormValues {
  textLanguage: string;
  title: string;
  description: string;
  sector: string;
  occupationCode: string;
  skillsRequired: string[];
  skillsPreferred: string[];
  languages: string[];
  placeId: string;
  remote: boolean;
  employmentType: string;
  salaryMin: string;
  salaryMax: string;
  salaryCurrency: string;
  openings: string;
  closesOn: string;
}

interface Choices {
  occupations: { code: string; label: string; groups: { code: string; label: string }[] }[];
  skills: { value: string; label: string }[];
  places: PlaceGroupView[];
}

function Checks({ name, label, options, checked, reply, optionLabel }: { name: string; label: string; options: readonly string[]; checked: string[]; reply?: ReplyLike; optionLabel: (o: string) => string }) {
  const { t } = useTranslation();
  const errors = fieldErrors(reply, name);
  const previous = reply?.initialValue?.[name];
  const selected = Array.isArray(previous) ? (previous as string[]) : typeof previous === "string" ? [previous] : reply?.initialValue ? [] : checked;
  return (
    <fieldset className="fieldset" aria-describedby={errors.length ? `${name}-error` : undefined}>
      <legend>{label}</legend>
      <div className="checks">
        {options.map((option) => (
          <label key={option} className="check">
            <input type="checkbox" name={name} value={option} defaultChecked={selected.includes(option)} />
            {optionLabel(option)}
          </label>
        ))}
      </div>
      {errors.length ? (
        <p id={`${name}-error`} className="field__error">
          {errors.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Posting or changing a job: the text in one language at a time, then every detail. */
export function JobForm({ reply, values, choices, submitLabel }: { reply?: ReplyLike; values: JobFormValues | null; choices: Choices; submitLabel: string }) {
  const { t, i18n } = useTranslation("jobs");
  const v = values;
  const remote = reply?.initialValue ? reply.initialValue.remote === "on" : Boolean(v?.remote);
  return (
    <Form method="post" className="form form--wide" noValidate>
      <FormErrors reply={reply} />
      <SelectField
        name="textLanguage"
        label={t("post.textLanguage")}
        hint={t("post.textLanguageHint")}
        reply={reply}
        defaultValue={v?.textLanguage ?? i18n.language}
        options={supportedLanguages.map((l) => ({ value: l, label: languageName(l, i18n.language) }))}
      />
      <Field name="title" label={t("post.title")} reply={reply} defaultValue={v?.title} maxLength={160} required dir="auto" />
      <TextareaField name="description" label={t("post.description")} hint={t("post.descriptionHint")} reply={reply} defaultValue={v?.description} rows={8} maxLength={8000} />
      <SelectField
        name="sector"
        label={t("post.sector")}
        reply={reply}
        defaultValue={v?.sector}
        placeholder=""
        options={sectorCodes.map((s) => ({ value: s, label: t(`sectors.${s}`) }))}
      />
      <SelectField
        name="occupationCode"
        label={t("post.occupation")}
        hint={t("post.occupationHint")}
        reply={reply}
        defaultValue={v?.occupationCode}
        placeholder=""
        groups={choices.occupations.map((m) => ({ label: m.label, options: m.groups.map((g) => ({ value: g.code, label: g.label })) }))}
      />
      <SelectField name="skillsRequired" label={t("post.skillsRequired")} hint={t("post.skillsHint")} reply={reply} multiple size={8} defaultValue={(v?.skillsRequired ?? []) as unknown as string} options={choices.skills} />
      <SelectField name="skillsPreferred" label={t("post.skillsPreferred")} hint={t("post.skillsHint")} reply={reply} multiple size={8} defaultValue={(v?.skillsPreferred ?? []) as unknown as string} options={choices.skills} />
      <Checks name="languages" label={t("post.languages")} options={languageOptions} checked={v?.languages ?? []} reply={reply} optionLabel={(l) => languageName(l, i18n.language)} />
      <PlaceSelect name="placeId" label={t("post.place")} hint={t("post.placeHint")} reply={reply} defaultValue={v?.placeId} placeholder={t("post.noPlace")} placeGroups={choices.places} />
      <label className="check">
        <input type="checkbox" name="remote" defaultChecked={remote} />
        {t("post.remote")}
      </label>
      <SelectField
        name="employmentType"
        label={t("post.type")}
        reply={reply}
        defaultValue={v?.employmentType ?? "full_time"}
        options={employmentTypes.map((type) => ({ value: type, label: t(`types.${type}`) }))}
      />
      <fieldset className="fieldset">
        <legend>{t("post.salary")}</legend>
        <p className="field__hint">{t("post.salaryHint")}</p>
        <Field name="salaryMin" label={t("post.salaryMin")} reply={reply} defaultValue={v?.salaryMin} inputMode="decimal" />
        <Field name="salaryMax" label={t("post.salaryMax")} reply={reply} defaultValue={v?.salaryMax} inputMode="decimal" />
        <SelectField
          name="salaryCurrency"
          label={t("post.currency")}
          reply={reply}
          defaultValue={v?.salaryCurrency ?? "PHP"}
          placeholder=""
          options={salaryCurrencies.map((c) => ({ value: c, label: c }))}
        />
      </fieldset>
      <Field name="openings" label={t("post.openings")} reply={reply} defaultValue={v?.openings ?? "1"} inputMode="numeric" />
      <Field name="closesOn" label={t("post.closesOn")} hint={t("post.closesOnHint")} reply={reply} defaultValue={v?.closesOn} type="date" required />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}

export interface EmployerJobPageData {
  base: string;
  name: string;
  job: { id: string; open: boolean; status: string; languages: string[] };
  textLanguage: string;
  values: JobFormValues;
  filters: { status?: string; recognised: boolean };
  counts: Record<string, number>;
  applicants: { id: string; name: string; status: string; applied: string; recognised: boolean; occupation: string | null }[];
  occupations: Choices["occupations"];
  skills: Choices["skills"];
  places: PlaceGroupView[];
}

/** One job: the pipeline first (what the employer comes back for), then close/reopen, then the form. */
export function EmployerJobPage({ data, reply }: { data: EmployerJobPageData; reply?: ReplyLike }) {
  const { t, i18n } = useTranslation("jobs");
  const { base, job, filters, counts, applicants } = data;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const href = (status?: string, recognised = filters.recognised) => {
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    if (recognised) params.set("recognised", "1");
    const query = params.toString();
    return query ? `?${query}` : "?";
  };
  return (
    <div className="container section stack">
      <p>
        <Link to={base} className="back-link">
          {t("post.back")}
        </Link>
      </p>
      <h1 lang={data.values.textLanguage} dir="auto">
        {data.values.title || t("post.untitled")}
      </h1>
      <p>
        <Link to={`/jobs/${job.id}`}>{t("post.publicPage")}</Link> · {job.open ? t("post.open") : t("post.closedState")}
      </p>
      <section aria-labelledby="pipeline-title" className="stack">
        <h2 id="pipeline-title">{t("pipeline.title")}</h2>
        <nav aria-label={t("pipeline.stages")}>
          <ul className="actions" role="list">
            <li>
              <Link to={href(undefined)} aria-current={!filters.status ? "page" : undefined}>
                {t("pipeline.all", { count: total })}
              </Link>
            </li>
            {applicationStatuses.map((s) => (
              <li key={s}>
                <Link to={href(s)} aria-current={filters.status === s ? "page" : undefined}>
                  {t(`status.${s}`)} ({counts[s] ?? 0})
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          {filters.recognised ? (
            <Link to={href(filters.status, false)}>{t("pipeline.allCertificates")}</Link>
          ) : (
            <Link to={href(filters.status, true)}>{t("pipeline.onlyRecognised")}</Link>
          )}
          {" · "}
          <a href={`${base}/${job.id}/applicants.csv`}>{t("pipeline.export")}</a>
        </p>
        {applicants.length === 0 ? (
          <p className="muted">{t("pipeline.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <caption className="visually-hidden">{t("pipeline.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("pipeline.name")}</th>
                  <th scope="col">{t("pipeline.applied")}</th>
                  <th scope="col">{t("pipeline.stage")}</th>
                  <th scope="col">{t("pipeline.occupation")}</th>
                  <th scope="col">{t("pipeline.recognised")}</th>
                </tr>
              </thead>
              <tbody>
                {applicants.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <Link to={`${base}/${job.id}/applicants/${a.id}`}>
                        <bdi>{a.name}</bdi>
                      </Link>
                    </th>
                    <td>{a.applied}</td>
                    <td>{t(`status.${a.status}`)}</td>
                    <td>{a.occupation ?? "—"}</td>
                    <td>{a.recognised ? t("csv.yes") : t("csv.no")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="state-title">
        <h2 id="state-title">{t("post.state")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value={job.status === "open" ? "close" : "reopen"} />
          <button type="submit" className="button button--secondary">
            {job.status === "open" ? t("post.close") : t("post.reopen")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="edit-title" className="stack">
        <h2 id="edit-title">{t("post.edit")}</h2>
        <p>
          {t("post.translations")}{" "}
          {supportedLanguages.map((l, i) => (
            <span key={l}>
              {i > 0 ? " · " : null}
              <Link to={`?text=${l}`} aria-current={data.textLanguage === l ? "true" : undefined}>
                {languageName(l, i18n.language)}
                {job.languages.includes(l) ? " ✓" : ""}
              </Link>
            </span>
          ))}
        </p>
        <JobForm reply={reply} values={data.values} choices={{ occupations: data.occupations, skills: data.skills, places: data.places }} submitLabel={t("post.save")} />
      </section>
    </div>
  );
}

export interface ApplicantPageData {
  base: string;
  jobId: string;
  application: { id: string; name: string; status: string; applied: string; coverNote: string; cvFileName: string; cvGenerated: boolean; recognised: boolean };
  shared: {
    occupation: string | null;
    skills: string[] | null;
    languages: string[] | null;
    certificates: { title: string; issuer: string; country: string | null; year: number | null; recognition: string; localEquivalent: string }[] | null;
    yearsAbroad: number | null;
    countriesWorked: string[] | null;
    experience: string | null;
    location: string | null;
  };
  history: { id: number; from: string | null; to: string; note: string | null; at: string }[];
  messages: { id: string; body: string; sent: string }[];
}

/** One applicant: what they chose to share, their CV, the pipeline move, a message, the history. */
export function ApplicantPage({ data, reply }: { data: ApplicantPageData; reply?: ReplyLike & { form?: string } }) {
  const { t, i18n } = useTranslation("jobs");
  const { application: a, shared } = data;
  const moveReply = reply?.form === "move" || !reply?.form ? reply : undefined;
  const messageReply = reply?.form === "message" ? reply : undefined;
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`${data.base}/${data.jobId}`} className="back-link">
          {t("pipeline.back")}
        </Link>
      </p>
      <h1>
        <bdi>{a.name}</bdi>
      </h1>
      <p role="status">{t("pipeline.current", { status: t(`status.${a.status}`) })}</p>
      <dl className="facts">
        <dt>{t("pipeline.applied")}</dt>
        <dd>{a.applied}</dd>
        <dt>{t("apply.cv")}</dt>
        <dd>
          <a href={`/job-applications/${a.id}/cv`}>{a.cvFileName}</a> {a.cvGenerated ? <span className="muted">({t("mine.generated")})</span> : null}
        </dd>
        {shared.location ? (
          <>
            <dt>{t("cv.location")}</dt>
            <dd>{shared.location}</dd>
          </>
        ) : null}
        {shared.occupation ? (
          <>
            <dt>{t("cv.occupation")}</dt>
            <dd>{shared.occupation}</dd>
          </>
        ) : null}
        {shared.skills?.length ? (
          <>
            <dt>{t("cv.skills")}</dt>
            <dd>{shared.skills.join(", ")}</dd>
          </>
        ) : null}
        {shared.languages?.length ? (
          <>
            <dt>{t("cv.languages")}</dt>
            <dd>{shared.languages.map((l) => languageName(l, i18n.language)).join(", ")}</dd>
          </>
        ) : null}
        {shared.yearsAbroad !== null ? (
          <>
            <dt>{t("cv.yearsAbroad")}</dt>
            <dd>{shared.yearsAbroad}</dd>
          </>
        ) : null}
        {shared.countriesWorked?.length ? (
          <>
            <dt>{t("cv.countriesWorked")}</dt>
            <dd>{shared.countriesWorked.join(", ")}</dd>
          </>
        ) : null}
      </dl>
      <p className="muted">{t("pipeline.onlyShared")}</p>
      {shared.certificates?.length ? (
        <section aria-labelledby="certificates-title">
          <h2 id="certificates-title">{t("cv.certificates")}</h2>
          <ul>
            {shared.certificates.map((c, i) => (
              <li key={i}>
                <strong dir="auto">{c.title}</strong> {[c.issuer, c.country, c.year].filter(Boolean).join(", ")} — {t(`recognition.${c.recognition}`)}
                {c.localEquivalent ? ` (${c.localEquivalent})` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {shared.experience ? (
        <section aria-labelledby="experience-title">
          <h2 id="experience-title">{t("cv.experience")}</h2>
          <p className="mailbox__body" dir="auto">
            {shared.experience}
          </p>
        </section>
      ) : null}
      {a.coverNote ? (
        <section aria-labelledby="note-title">
          <h2 id="note-title">{t("apply.coverNote")}</h2>
          <p className="mailbox__body" dir="auto">
            {a.coverNote}
          </p>
        </section>
      ) : null}
      <section aria-labelledby="move-title">
        <h2 id="move-title">{t("pipeline.move")}</h2>
        <Form method="post" className="form">
          <FormErrors reply={moveReply} />
          <input type="hidden" name="intent" value="move" />
          <SelectField
            name="to"
            label={t("pipeline.moveTo")}
            reply={moveReply}
            defaultValue={a.status === "new" ? "shortlisted" : a.status}
            options={applicationStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <TextareaField name="note" label={t("pipeline.note")} hint={t("pipeline.noteHint")} reply={moveReply} rows={2} maxLength={2000} />
          <button type="submit" className="button">
            {t("pipeline.moveSubmit")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="message-title">
        <h2 id="message-title">{t("pipeline.message")}</h2>
        <p className="field__hint">{t("pipeline.messageHint")}</p>
        <Form method="post" className="form">
          <FormErrors reply={messageReply} />
          <input type="hidden" name="intent" value="message" />
          <TextareaField name="body" label={t("pipeline.messageBody")} reply={messageReply} rows={5} maxLength={5000} />
          <button type="submit" className="button">
            {t("pipeline.messageSubmit")}
          </button>
        </Form>
        {data.messages.length ? (
          <ul role="list" className="stack">
            {data.messages.map((m) => (
              <li key={m.id} className="card">
                <p className="muted">{m.sent}</p>
                <p className="mailbox__body" dir="auto">
                  {m.body}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("pipeline.history")}</h2>
        <ol>
          {data.history.map((h) => (
            <li key={h.id}>
              {h.at}: {h.from ? `${t(`status.${h.from}`)} → ` : ""}
              {t(`status.${h.to}`)}
              {h.note ? <span dir="auto"> — {h.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
