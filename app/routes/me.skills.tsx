import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, fieldErrors, FormErrors, type ReplyLike } from "~/components/form";
import { SelectField, TextareaField } from "~/components/form-extra";
import { SkillSearch } from "~/components/skill-picker";
import { formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { FormProblem } from "~/modules/organisations/errors.server";
import { listOwnSkills, removeOwnSkill, saveOwnSkill } from "~/modules/skills/member-skills.server";
import { memberSkillSchema, removeSkillSchema, skillSearchSchema } from "~/modules/skills/schema";
import { findSkill, searchSkills } from "~/modules/skills/taxonomy.server";
import { isTaxonomyCode, MAX_SKILL_NOTE, MAX_SKILL_YEARS, skillLevels } from "~/modules/skills/vocabulary";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "skills:mine.title");

const RESULTS = 10;

/** GET /me/skills[?q=][&add=<code>]: the member's skills, a search for more, the form to add one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const params = new URL(request.url).searchParams;
  const { q, page } = skillSearchSchema.parse(Object.fromEntries(params));
  const add = params.get("add") ?? "";
  const [skills, results, adding] = await Promise.all([
    listOwnSkills(session, language),
    q ? searchSkills(session.claims, { query: q, language, page, pageSize: RESULTS }) : null,
    isTaxonomyCode(add) ? findSkill(session.claims, add, language) : null,
  ]);
  return json(
    {
      skills,
      q,
      results: results ? { hits: results.hits, total: results.total, totalText: formatNumber(results.total, language) } : null,
      adding: adding ? { ...adding, current: skills.find((s) => s.code === adding.code) ?? null } : null,
      unknownAdd: add !== "" && !adding,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const submission = await parseForm(formData, removeSkillSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "remove" });
    const removed = await removeOwnSkill(session, submission.value.skill);
    return redirectWithToast("/me/skills", { type: removed ? "success" : "error", messageKey: removed ? "skills:mine.removed" : "skills:mine.notYours" });
  }
  const skill = formData.get("skill");
  const form = formData.get("form") === "change" && typeof skill === "string" ? `change-${skill}` : "add";
  const submission = await parseForm(formData, memberSkillSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form });
  try {
    const { added } = await saveOwnSkill(session, submission.value);
    return redirectWithToast("/me/skills", { type: "success", messageKey: added ? "skills:mine.added" : "skills:mine.saved" });
  } catch (error) {
    if (error instanceof FormProblem) return formError({ ...submission.reply({ fieldErrors: { [error.field]: [error.messageKey] } }), form });
    throw error;
  }
}

type Reply = ReplyLike & { form?: string };

function SkillFields({ formId, reply, values }: { formId: string; reply?: Reply; values: { level: string; years: string; note: string } }) {
  const { t } = useTranslation("skills");
  return (
    <>
      <SelectField
        id={`${formId}-level`}
        name="level"
        label={t("fields.level")}
        reply={reply}
        defaultValue={values.level}
        options={skillLevels.map((level) => ({ value: level, label: t(`levels.${level}`) }))}
      />
      <Field
        id={`${formId}-years`}
        name="years"
        label={t("fields.years")}
        hint={t("fields.yearsHint", { max: MAX_SKILL_YEARS })}
        reply={reply}
        defaultValue={values.years}
        inputMode="numeric"
        autoComplete="off"
        maxLength={2}
      />
      <TextareaField
        id={`${formId}-note`}
        name="note"
        label={t("fields.note")}
        hint={t("fields.noteHint")}
        reply={reply}
        defaultValue={values.note}
        rows={2}
        maxLength={MAX_SKILL_NOTE}
      />
    </>
  );
}

export default function MySkills() {
  const { skills, q, results, adding, unknownAdd } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const replyFor = (form: string) => (reply?.form === form ? reply : undefined);
  const { t } = useTranslation("skills");
  const addHref = (code: string) => `/me/skills?${new URLSearchParams({ ...(q ? { q } : {}), add: code }).toString()}#add-skill`;
  const addReply = replyFor("add");
  return (
    <div className="container section stack">
      <h1>{t("mine.title")}</h1>
      <p className="lead">{t("mine.intro")}</p>
      <p>
        {t("mine.privacy")} <Link to="/me/profile">{t("mine.privacyLink")}</Link>
      </p>

      <section aria-labelledby="my-skills-title" className="stack">
        <h2 id="my-skills-title">{t("mine.listTitle")}</h2>
        {skills.length === 0 ? (
          <p className="empty">{t("mine.none")}</p>
        ) : (
          <ul className="plan-list" role="list">
            {skills.map((skill) => {
              const changeReply = replyFor(`change-${skill.code}`);
              return (
                <li key={skill.code}>
                  <h3 id={`skill-${skill.code}`}>{skill.label}</h3>
                  <p className="plan-item__facts">
                    <span>{t(`levels.${skill.level}`)}</span>
                    <span>{t("mine.years", { count: skill.years })}</span>
                  </p>
                  {skill.note ? <p>{skill.note}</p> : null}
                  <div className="plan-item__actions">
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="skill" value={skill.code} />
                      <button type="submit" className="link-button danger" aria-describedby={`skill-${skill.code}`}>
                        {t("mine.remove")}
                      </button>
                    </Form>
                  </div>
                  <details className="plan-item__edit" open={changeReply ? true : undefined}>
                    <summary>
                      {t("mine.change")} <span className="visually-hidden">{skill.label}</span>
                    </summary>
                    <Form method="post" className="form" noValidate>
                      <FormErrors reply={changeReply} />
                      <input type="hidden" name="form" value="change" />
                      <input type="hidden" name="skill" value={skill.code} />
                      <SkillFields formId={`change-${skill.code}`} reply={changeReply} values={{ level: skill.level, years: String(skill.years), note: skill.note ?? "" }} />
                      <button type="submit" className="button">
                        {t("mine.save")}
                      </button>
                    </Form>
                  </details>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="add-skill-title" className="stack">
        <h2 id="add-skill-title">{t("mine.addTitle")}</h2>
        <p>{t("mine.addIntro")}</p>
        <SkillSearch q={q} addHref={addHref} />
        {results ? (
          <div className="stack">
            <p role="status">{t("list.found", { count: results.total, total: results.totalText, query: q })}</p>
            {results.hits.length > 0 ? (
              <ul className="skill-results" role="list">
                {results.hits.map((hit) => (
                  <li key={hit.code} className="skill-result">
                    <span className="skill-result__label">{hit.label}</span>{" "}
                    <span className="skill-result__kind">{hit.kind === "occupation" ? t("kind.occupation", { code: hit.iscoCode }) : t("kind.skill")}</span>
                    <Link to={addHref(hit.code)} className="button button--secondary skill-result__add">
                      {t("mine.choose")} <span className="visually-hidden">{hit.label}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">
                {t("list.none")} <Link to={`/skills`}>{t("mine.browse")}</Link>
              </p>
            )}
          </div>
        ) : null}
        {unknownAdd ? (
          <p className="field__error" role="alert">
            {t("validation.skillUnknown")}
          </p>
        ) : null}
        {adding ? (
          <Form method="post" action={`/me/skills?add=${encodeURIComponent(adding.code)}`} className="form" noValidate id="add-skill" aria-labelledby="add-skill-form-title">
            <h3 id="add-skill-form-title">{t(adding.current ? "mine.changeTitle" : "mine.addFormTitle", { skill: adding.label })}</h3>
            <FormErrors reply={addReply} />
            {fieldErrors(addReply, "skill").map((key) => (
              <p key={key} className="field__error">
                {t(key)}
              </p>
            ))}
            <input type="hidden" name="skill" value={adding.code} />
            <SkillFields
              formId="add"
              reply={addReply}
              values={{ level: adding.current?.level ?? "intermediate", years: adding.current ? String(adding.current.years) : "", note: adding.current?.note ?? "" }}
            />
            <button type="submit" className="button">
              {adding.current ? t("mine.save") : t("mine.add")}
            </button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
