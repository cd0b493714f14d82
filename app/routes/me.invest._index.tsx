import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, type ReplyLike } from "~/components/form";
import { SelectField } from "~/components/form-extra";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { myInterests, myPreferences, savePreferences } from "~/modules/investments/interests.server";
import { invitationsAllowedSince, myInvitations } from "~/modules/investments/invitations.server";
import { opportunityCurrencies, preferencesFormSchema } from "~/modules/investments/schema";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:mine.title");

/** The member's expressions of interest, the LGUs' invitations, and what they could invest. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const rows = await myInterests(session.claims, language);
  const preferences = await myPreferences(session.claims);
  const [invitations, invitationsSince] = await Promise.all([myInvitations(session.claims, language), invitationsAllowedSince(session.claims)]);
  return json(
    {
      invitations: invitations.map((i) => ({ slug: i.slug, title: i.title, lguName: i.lguName, open: i.status === "open", invited: formatDate(i.invitedAt, language) })),
      invitationsAllowed: invitationsSince !== null,
      interests: rows.map((r) => ({ id: r.id, stage: r.stage, title: r.title, lguName: r.lguName, sent: formatDate(r.createdAt, language), replies: r.replies })),
      preferences: preferences
        ? { currency: preferences.currency, ticketMin: toMajorUnits(preferences.ticketMinMinor, preferences.currency), ticketMax: toMajorUnits(preferences.ticketMaxMinor, preferences.currency) }
        : { currency: "EUR", ticketMin: "", ticketMax: "" },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const submission = await parseForm(request, preferencesFormSchema);
  if (submission.status !== "success") return formError(submission.reply());
  await savePreferences(session.claims, submission.value);
  return redirectWithToast("/me/invest", { type: "success", messageKey: "invest:mine.saved" });
}

export default function MyInvestments() {
  const { interests, invitations, invitationsAllowed, preferences } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("invest");
  return (
    <div className="container section stack">
      <h1>{t("mine.title")}</h1>
      {interests.length === 0 ? (
        <p className="empty">
          {t("mine.none")} <Link to="/invest">{t("mine.browse")}</Link>
        </p>
      ) : (
        <ul className="plan-list" role="list">
          {interests.map((i) => (
            <li key={i.id}>
              <h2 className="card__title">
                <Link to={`/me/invest/${i.id}`} lang={i.title?.lang} dir="auto">
                  {i.title?.text}
                </Link>
              </h2>
              <p className="plan-item__facts">
                <span className="badge">{t(`stages.${i.stage}`)}</span> <bdi>{i.lguName}</bdi> · <span>{t("mine.sent", { date: i.sent })}</span> ·{" "}
                <span>{t("mine.replies", { n: i.replies })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/invest">{t("mine.browse")}</Link>
      </p>
      <section aria-labelledby="invitations-title" className="stack">
        <h2 id="invitations-title">{t("mine.invitationsTitle")}</h2>
        <p>
          {invitationsAllowed ? t("mine.invitationsOn") : t("mine.invitationsOff")} <Link to="/me/profile#investment-invitations">{t("mine.invitationsChange")}</Link>
        </p>
        {invitations.length === 0 ? (
          <p className="empty">{t("mine.invitationsNone")}</p>
        ) : (
          <ul className="plan-list" role="list">
            {invitations.map((i) => (
              <li key={i.slug}>
                <h3 className="card__title">
                  <Link to={`/invest/${i.slug}`} lang={i.title?.lang} dir="auto">
                    {i.title?.text}
                  </Link>
                </h3>
                <p className="plan-item__facts">
                  <span>{t("mine.invitedBy", { lgu: i.lguName, date: i.invited })}</span>
                  {i.open ? null : (
                    <>
                      {" "}
                      <span className="badge">{t("statuses.closed")}</span>
                    </>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="preferences-title">
        <Form method="post" className="form" noValidate>
          <h2 id="preferences-title">{t("mine.preferencesTitle")}</h2>
          <p className="muted">{t("mine.preferencesIntro")}</p>
          <FormErrors reply={reply} />
          <SelectField name="currency" label={t("mine.currency")} reply={reply} defaultValue={preferences.currency} options={opportunityCurrencies.map((c) => ({ value: c, label: c }))} />
          <Field name="ticketMin" label={t("mine.ticketMin")} reply={reply} defaultValue={preferences.ticketMin} inputMode="decimal" />
          <Field name="ticketMax" label={t("mine.ticketMax")} reply={reply} defaultValue={preferences.ticketMax} inputMode="decimal" />
          <button type="submit" className="button">
            {t("mine.save")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
