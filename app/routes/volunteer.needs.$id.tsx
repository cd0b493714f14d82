import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import type { ReplyLike } from "~/components/form";
import { VolunteerOfferForm } from "~/components/volunteer-offer-form";
import { formatDate, languageName } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { siteUrl } from "~/modules/auth/emails.server";
import { getClaims, requireUser } from "~/modules/auth/session.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { needForOffer, offerHelp } from "~/modules/volunteering/offers.server";
import { skillLabels } from "~/modules/skills/taxonomy.server";
import { offerSchema } from "~/modules/volunteering/schema";
import { notFound } from "~/utils/errors";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "volunteer:offerTitle");

/** A skill need and the form to offer help for it (signing in first). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const claims = await getClaims(request);
  const need = await needForOffer(claims, params.id ?? "");
  if (!need) throw notFound("no such public skill need");
  const language = await getLanguage(request);
  const url = new URL(request.url);
  const labels = await skillLabels(claims, need.skill ? [need.skill] : [], language);
  return json({
    signedIn: claims !== null,
    signIn: `/login?${new URLSearchParams({ redirectTo: url.pathname })}`,
    need: {
      id: need.id,
      open: need.open,
      description: localized(need.description, language),
      skill: need.skill ? (labels.get(need.skill) ?? need.skill) : null,
      mode: need.mode,
      dates: need.startsOn ? `${formatDate(need.startsOn, language)}${need.endsOn ? ` – ${formatDate(need.endsOn, language)}` : ""}` : null,
      language: need.language ? languageName(need.language, language) : null,
      expertMission: need.expertMission,
      wanted: need.quantity ?? 0,
      found: need.fulfilled,
      project: { slug: need.projectSlug, title: localized(need.projectTitle, language) },
      lgu: { name: need.lguName, slug: need.lguSlug },
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const need = await needForOffer(session.claims, params.id ?? "");
  if (!need) throw notFound("no such public skill need");
  const submission = await parseForm(request, offerSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const value = submission.value;
  try {
    await offerHelp(
      session.claims,
      { needId: need.id, lguId: null, skill: null, mode: value.mode, availableFrom: value.availableFrom, availableUntil: value.availableUntil, message: value.message },
      siteUrl(request),
    );
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast("/me/volunteering", { type: "success", messageKey: "volunteer:offered", values: { lgu: need.lguName } });
}

export default function OfferForNeed() {
  const { need, signedIn, signIn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation(["volunteer", "projects"]);
  return (
    <div className="container section stack narrow">
      <p>
        <Link to="/volunteer" className="back-link">
          {t("volunteer:title")}
        </Link>
      </p>
      <h1>{t("volunteer:offerTitle")}</h1>
      <section className="card stack" aria-labelledby="need-title">
        <h2 id="need-title" lang={need.description?.lang} dir="auto">
          {need.description?.text}
        </h2>
        <p>
          <Link to={`/projects/${need.project.slug}`} lang={need.project.title?.lang}>
            {need.project.title?.text}
          </Link>{" "}
          · <bdi>{need.lgu.name}</bdi>
        </p>
        <dl className="facts">
          {need.skill ? (
            <>
              <dt>{t("volunteer:facts.skill")}</dt>
              <dd>{need.skill}</dd>
            </>
          ) : null}
          {need.mode ? (
            <>
              <dt>{t("volunteer:facts.mode")}</dt>
              <dd>{t(`projects:workModes.${need.mode}`)}</dd>
            </>
          ) : null}
          {need.dates ? (
            <>
              <dt>{t("volunteer:facts.dates")}</dt>
              <dd>{need.dates}</dd>
            </>
          ) : null}
          {need.language ? (
            <>
              <dt>{t("volunteer:facts.language")}</dt>
              <dd>{need.language}</dd>
            </>
          ) : null}
          <dt>{t("volunteer:facts.people")}</dt>
          <dd>{t("volunteer:people", { found: need.found, wanted: need.wanted })}</dd>
        </dl>
        {need.expertMission ? <p className="notice">{t("volunteer:missionNote")}</p> : null}
      </section>
      {!need.open ? (
        <p className="notice" role="status">
          {t("volunteer:errors.needClosed")}
        </p>
      ) : signedIn ? (
        <section aria-labelledby="offer-title" className="stack">
          <h2 id="offer-title">{t("volunteer:form.title")}</h2>
          <VolunteerOfferForm reply={reply} lguName={need.lgu.name} defaultMode={need.mode === "either" ? undefined : (need.mode ?? undefined)} />
        </section>
      ) : (
        <p>
          <Link to={signIn} className="button">
            {t("volunteer:signInToOffer")}
          </Link>
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
