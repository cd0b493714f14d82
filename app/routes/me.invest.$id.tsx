import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, TextAreaField, type ReplyLike } from "~/components/form";
import { formatDateTime, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { myInterest, writeMessage } from "~/modules/investments/interests.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { formError } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:mine.title");

/** One of the member's expressions of interest: what they wrote, where it stands, the replies, their case. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const interest = await myInterest(session.claims, params.id ?? "", language);
  if (!interest) throw new Response("Not found", { status: 404 });
  return json(
    {
      id: interest.id,
      title: interest.title,
      slug: interest.slug,
      lguName: interest.lguName,
      stage: interest.stage,
      role: interest.role,
      timeline: interest.timeline,
      amount: `${formatMoney(interest.amountMinMinor, interest.currency, language)} – ${formatMoney(interest.amountMaxMinor, interest.currency, language)}`,
      message: interest.message,
      consent: interest.consentToContact,
      messages: interest.messages.map((m) => ({ id: m.id, fromStaff: m.fromStaff, body: m.body, when: formatDateTime(m.createdAt, language) })),
      caseFile: interest.case,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const form = await request.formData();
  const body = String(form.get("body") ?? "").trim();
  if (body.length < 2 || body.length > 4000) return formError({ status: "error", error: { body: ["invest:errors.messageLength"] }, initialValue: { body } });
  try {
    await writeMessage(session.claims, params.id ?? "", body);
  } catch (error) {
    return refusedForm(null, error);
  }
  return redirectWithToast(`/me/invest/${params.id}`, { type: "success", messageKey: "invest:mine.messageSent" });
}

export default function MyInterest() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("invest");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to="/me/invest" className="back-link">
          {t("mine.title")}
        </Link>
      </p>
      <h1>
        <Link to={`/invest/${d.slug}`} lang={d.title?.lang} dir="auto">
          {d.title?.text}
        </Link>
      </h1>
      <dl className="facts">
        <dt>{t("mine.stage")}</dt>
        <dd>
          <span className="badge">{t(`stages.${d.stage}`)}</span> <bdi>{d.lguName}</bdi>
        </dd>
        <dt>{t("form.role")}</dt>
        <dd>{t(`roles.${d.role}`)}</dd>
        <dt>{t("mine.amount")}</dt>
        <dd>{d.amount}</dd>
        <dt>{t("form.timeline")}</dt>
        <dd>{t(`timelines.${d.timeline}`)}</dd>
        <dt>{t("mine.yourMessage")}</dt>
        <dd dir="auto">{d.message}</dd>
      </dl>
      <p className="muted">{d.consent ? t("mine.consentYes") : t("mine.consentNo")}</p>
      {d.caseFile ? (
        <section aria-labelledby="case-title">
          <h2 id="case-title">{t("mine.caseTitle")}</h2>
          <p>{t("mine.casePhase", { phase: t(`phases.${d.caseFile.phase}`) })}</p>
          {d.caseFile.reference ? (
            <p>
              <Link to={`/me/permits/${d.caseFile.applicationId}`}>
                {t("mine.casePermit", { reference: d.caseFile.reference, status: t(`permits:status.${d.caseFile.applicationStatus}`) })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="messages-title" className="stack">
        <h2 id="messages-title">{t("mine.messages")}</h2>
        {d.messages.length === 0 ? (
          <p className="empty">{t("mine.noMessages")}</p>
        ) : (
          <ol className="plan-list">
            {d.messages.map((m) => (
              <li key={m.id}>
                <p className="muted">
                  {m.fromStaff ? t("mine.fromOffice") : t("mine.fromYou")} · {m.when}
                </p>
                <p dir="auto">{m.body}</p>
              </li>
            ))}
          </ol>
        )}
        <Form method="post" className="form" noValidate>
          <FormErrors reply={reply} />
          <TextAreaField name="body" label={t("mine.write")} reply={reply} rows={3} maxLength={4000} />
          <button type="submit" className="button">
            {t("mine.send")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
