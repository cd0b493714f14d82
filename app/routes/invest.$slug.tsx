import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, type ReplyLike } from "~/components/form";
import { SelectField, TextareaField } from "~/components/form-extra";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { getClaims, requireUser } from "~/modules/auth/session.server";
import { expressInterest } from "~/modules/investments/interests.server";
import { opportunityBySlug } from "~/modules/investments/opportunities.server";
import { interestFormSchema } from "~/modules/investments/schema";
import { interestRoles, timelines } from "~/modules/investments/vocabulary";
import { refusedForm } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

// Links and a plain POST form: no JavaScript needed.
export const handle = scriptFree;

async function load(request: Request, slug: string | undefined) {
  const claims = await getClaims(request);
  const language = await getLanguage(request);
  const opportunity = await opportunityBySlug(claims, slug ?? "", language);
  if (!opportunity) throw new Response("Not found", { status: 404 });
  return { claims, language, opportunity };
}

/** One opportunity: its facts, documents, the LGU's guide, and the form to express interest. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { claims, language, opportunity: o } = await load(request, params.slug);
  const money = (minor: number) => formatMoney(minor, o.currency, language);
  return json(
    {
      signedIn: Boolean(claims),
      slug: o.slug,
      status: o.status,
      title: o.titleText,
      summary: o.summaryText,
      description: o.descriptionText,
      sector: o.sector,
      kind: o.kind,
      place: [o.location, o.placeName].filter(Boolean).join(", "),
      ticket: { min: money(o.ticketMinMinor), max: money(o.ticketMaxMinor) },
      currency: o.currency,
      timeline: o.timeline,
      incentives: o.incentives,
      incentivesNote: o.incentivesNote,
      contactOffice: o.contactOffice,
      contactEmail: o.contactEmail,
      updated: formatDate(o.updatedAt, language),
      lgu: { slug: o.lguSlug, name: o.lguName },
      documents: o.documents.map((d) => ({ id: d.id, fileName: d.fileName, size: Math.max(1, Math.round(d.sizeBytes / 1024)) })),
      myInterest: o.myInterest,
    },
    { headers: { "Cache-Control": claims ? "private, no-store" : "public, max-age=60" } },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ? `${data.title.text} — Tulay` : "Tulay" }];

/** A member's expression of interest, in the opportunity's currency; refused on a closed one. */
export async function action({ request, params }: ActionFunctionArgs) {
  await requireUser(request);
  const { claims, opportunity } = await load(request, params.slug);
  const form = await request.formData();
  form.set("currency", opportunity.currency);
  const submission = await parseForm(form, interestFormSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const id = await expressInterest(claims!, opportunity.id, submission.value);
    return redirectWithToast(`/me/invest/${id}`, { type: "success", messageKey: "invest:mine.sentToast" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function OpportunityPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("invest");
  const paragraphs = d.description?.text.split(/\n\s*\n/) ?? [];
  return (
    <div className="container section stack">
      <p>
        <Link to="/invest" className="back-link">
          {t("list.title")}
        </Link>
      </p>
      {d.status === "draft" ? <p className="notice">{t("detail.draftNotice")}</p> : null}
      <h1 lang={d.title?.lang} dir="auto">
        {d.title?.text}
      </h1>
      {d.summary ? (
        <p className="lead" lang={d.summary.lang} dir="auto">
          {d.summary.text}
        </p>
      ) : null}
      <section aria-labelledby="facts-title">
        <h2 id="facts-title">{t("detail.facts")}</h2>
        <dl className="facts">
          <dt>{t("detail.status")}</dt>
          <dd>{t(`statuses.${d.status}`)}</dd>
          <dt>{t("detail.sector")}</dt>
          <dd>{t(`sectors.${d.sector}`)}</dd>
          <dt>{t("detail.kind")}</dt>
          <dd>{t(`kinds.${d.kind}`)}</dd>
          <dt>{t("detail.place")}</dt>
          <dd>
            <bdi>{d.place || d.lgu.name}</bdi> (<Link to={`/lgus/${d.lgu.slug}`}>{d.lgu.name}</Link>)
          </dd>
          <dt>{t("detail.ticket")}</dt>
          <dd>
            {d.ticket.min} – {d.ticket.max}
          </dd>
          <dt>{t("detail.timeline")}</dt>
          <dd>{t(`timelines.${d.timeline}`)}</dd>
          <dt>{t("detail.incentives")}</dt>
          <dd>
            {d.incentives.length === 0 ? t("detail.noIncentives") : d.incentives.map((i) => t(`incentives.${i}`)).join(", ")}
            {d.incentivesNote ? (
              <>
                <br />
                <span dir="auto">{d.incentivesNote}</span>
              </>
            ) : null}
          </dd>
          <dt>{t("detail.contact")}</dt>
          <dd>
            <bdi>{d.contactOffice}</bdi>
            {d.contactEmail ? (
              <>
                {" "}
                <a href={`mailto:${d.contactEmail}`} dir="ltr">
                  {d.contactEmail}
                </a>
              </>
            ) : null}
          </dd>
          <dt>{t("detail.updated")}</dt>
          <dd>{d.updated}</dd>
        </dl>
      </section>
      {paragraphs.length > 0 ? (
        <section aria-labelledby="description-title" lang={d.description?.lang}>
          <h2 id="description-title">{t("detail.description")}</h2>
          {paragraphs.map((p, i) => (
            <p key={i} dir="auto">
              {p}
            </p>
          ))}
        </section>
      ) : null}
      {d.documents.length > 0 ? (
        <section aria-labelledby="documents-title">
          <h2 id="documents-title">{t("detail.documents")}</h2>
          <ul>
            {d.documents.map((doc) => (
              <li key={doc.id}>
                <a href={`/invest/${d.slug}/documents/${doc.id}`}>
                  <bdi>{doc.fileName}</bdi>
                </a>{" "}
                <span className="muted">({doc.size} KB)</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to={`/lgus/${d.lgu.slug}/invest`}>{t("detail.guide", { lgu: d.lgu.name })}</Link>
      </p>
      <p className="notice">{t("list.noMoney")}</p>
      <section aria-labelledby="interest-title" className="stack">
        <h2 id="interest-title">{t("detail.interestTitle")}</h2>
        {d.myInterest ? (
          <p>
            {t("detail.already")} <Link to={`/me/invest/${d.myInterest.id}`}>{t("detail.seeYours")}</Link>
          </p>
        ) : d.status !== "open" ? (
          <p className="notice">{t("detail.closed")}</p>
        ) : !d.signedIn ? (
          <p>
            <Link className="button" to={`/login?redirectTo=${encodeURIComponent(`/invest/${d.slug}`)}`}>
              {t("detail.signIn")}
            </Link>
          </p>
        ) : (
          <Form method="post" className="form" noValidate>
            <p>{t("detail.interestIntro", { lgu: d.lgu.name, currency: d.currency })}</p>
            <FormErrors reply={reply} />
            <Field name="amountMin" label={t("form.amountMin", { currency: d.currency })} reply={reply} inputMode="decimal" required />
            <Field name="amountMax" label={t("form.amountMax", { currency: d.currency })} reply={reply} inputMode="decimal" required />
            <SelectField name="timeline" label={t("form.timeline")} reply={reply} defaultValue="six_to_12_months" options={timelines.map((v) => ({ value: v, label: t(`timelines.${v}`) }))} />
            <SelectField name="role" label={t("form.role")} reply={reply} defaultValue="investor" options={interestRoles.map((v) => ({ value: v, label: t(`roles.${v}`) }))} />
            <TextareaField name="message" label={t("form.message")} hint={t("form.messageHint")} reply={reply} rows={5} maxLength={4000} required />
            <div className="field">
              <label className="check">
                <input type="checkbox" name="consent" aria-describedby="consent-hint" defaultChecked={reply?.initialValue?.consent === "on"} /> {t("form.consent", { lgu: d.lgu.name })}
              </label>
              <p id="consent-hint" className="field__hint">
                {t("form.consentHint")}
              </p>
            </div>
            <Field name="phone" type="tel" label={t("form.phone")} reply={reply} autoComplete="tel" maxLength={24} dir="ltr" />
            <button type="submit" className="button">
              {t("form.send")}
            </button>
          </Form>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
