import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import type { ReplyLike } from "~/components/form";
import { VolunteerOfferForm } from "~/components/volunteer-offer-form";
import { siteUrl } from "~/modules/auth/emails.server";
import { getClaims, requireUser } from "~/modules/auth/session.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { requirePublicLgu } from "~/modules/property-tax/lgu.server";
import { offerHelp } from "~/modules/volunteering/offers.server";
import { skillChoiceGroups } from "~/modules/skills/taxonomy.server";
import { getLanguage } from "~/i18n/i18next.server";
import { generalOfferSchema } from "~/modules/volunteering/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "volunteer:generalTitle");

/** Offering a skill to an LGU in general (a hometown, say), not to one project's need. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lgu = await requirePublicLgu(params.slug);
  const url = new URL(request.url);
  const claims = await getClaims(request);
  const groups = await skillChoiceGroups(claims, await getLanguage(request));
  return json({ lgu, skills: groups[0]?.options ?? [], signedIn: claims !== null, signIn: `/login?${new URLSearchParams({ redirectTo: url.pathname })}` });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const lgu = await requirePublicLgu(params.slug);
  const submission = await parseForm(request, generalOfferSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const value = submission.value;
  try {
    await offerHelp(
      session.claims,
      { needId: null, lguId: lgu.id, skill: value.skill ?? null, mode: value.mode, availableFrom: value.availableFrom, availableUntil: value.availableUntil, message: value.message },
      siteUrl(request),
    );
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast("/me/volunteering", { type: "success", messageKey: "volunteer:offered", values: { lgu: lgu.name } });
}

export default function GeneralOffer() {
  const { lgu, skills, signedIn, signIn } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as ReplyLike | undefined;
  const { t } = useTranslation("volunteer");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/lgus/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("generalTitle")}</h1>
      <p>{t("generalIntro", { lgu: lgu.name })}</p>
      {signedIn ? (
        <VolunteerOfferForm reply={reply} lguName={lgu.name} skills={skills} />
      ) : (
        <p>
          <Link to={signIn} className="button">
            {t("signInToOffer")}
          </Link>
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
