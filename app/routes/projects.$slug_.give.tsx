import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, fieldErrors, FormErrors, SubmitButton } from "~/components/form";
import { SelectField } from "~/components/form-extra";
import { getEnv } from "~/config/env.server";
import { currencyMinorDigits, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { siteUrl } from "~/modules/auth/emails.server";
import { getAuth, requireUser } from "~/modules/auth/session.server";
import { convertMinor } from "~/modules/contributions/currency";
import { availableChannels, exchangeRateTable, givableProject, myAssociations, startGift, viewerCurrency } from "~/modules/contributions/giving.server";
import { giftSchema } from "~/modules/contributions/schema";
import { logMoneyRefusal } from "~/modules/contributions/treasury.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree } from "~/utils/meta";

// A plain form: it works without JavaScript, and the page ships none.
export const handle = scriptFree;

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Tulay` : "Tulay" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const project = SLUG.test(slug) ? await givableProject(slug) : null;
  if (!project) throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  const { session } = await getAuth(request);
  const channels = availableChannels();
  const theirs = await viewerCurrency(session?.claims ?? null);
  let rate: { line: string } | null = null;
  if (theirs && theirs !== project.currency) {
    const { rates, updatedAt } = await exchangeRateTable();
    const digits = currencyMinorDigits(project.currency);
    const one = convertMinor(10 ** digits * 100, project.currency, theirs, rates, currencyMinorDigits);
    if (one !== null && updatedAt) {
      rate = { line: `${formatMoney(10 ** digits * 100, project.currency, language)} ≈ ${formatMoney(one, theirs, language)}` };
    }
  }
  return json(
    {
      slug: project.slug,
      title: localized(project.title, language)?.text ?? project.slug,
      raising: project.status === "fundraising",
      currency: project.currency,
      maximum: formatMoney(getEnv().GIFT_MAX_MAJOR * 10 ** currencyMinorDigits(project.currency), project.currency, language),
      signedIn: Boolean(session),
      channels,
      associations: session ? await myAssociations(session.claims) : [],
      cancelled: new URL(request.url).searchParams.has("cancelled"),
      rate,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const slug = params.slug ?? "";
  if (!SLUG.test(slug)) throw new Response("Not found", { status: 404 });
  const submission = await parseForm(request, giftSchema);
  if (submission.status !== "success") {
    logMoneyRefusal("give", session.user.id, submission.reply().error ?? {});
    return formError(submission.reply());
  }
  try {
    const started = await startGift(session.claims, slug, submission.value, { siteUrl: siteUrl(request), email: session.user.email ?? null });
    return redirect(started.redirect);
  } catch (error) {
    logMoneyRefusal("give", session.user.id, error);
    return refusedForm(submission, error);
  }
}

export default function Give() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("giving");
  const busy = useNavigation().state === "submitting";
  const channelErrors = fieldErrors(reply, "channel");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/projects/${data.slug}`} className="back-link">
          <bdi>{data.title}</bdi>
        </Link>
      </p>
      <h1>{t("give.title", { title: data.title })}</h1>
      {data.cancelled ? (
        <p className="notice" role="status">
          {t("give.cancelled")}
        </p>
      ) : null}
      {!data.raising ? (
        <p className="notice">{t("errors.notRaising")}</p>
      ) : !data.signedIn ? (
        <p className="notice">
          {t("give.signInFirst")}{" "}
          <Link to={`/login?redirectTo=${encodeURIComponent(`/projects/${data.slug}/give`)}`}>{t("give.signIn")}</Link>
        </p>
      ) : (
        <Form method="post" className="form" noValidate>
          <FormErrors reply={reply} />
          <Field
            name="amount"
            label={t("give.amount", { currency: data.currency })}
            hint={
              <>
                {t("give.amountHint", { maximum: data.maximum })}
                {data.rate ? <> {t("approx.rate", { rate: data.rate.line })}</> : null}
              </>
            }
            reply={reply}
            inputMode="decimal"
            autoComplete="off"
            required
          />
          <fieldset className="fieldset" aria-describedby={channelErrors.length ? "channel-error" : undefined}>
            <legend>{t("give.channel")}</legend>
            {data.channels.map((channel, i) => (
              <label key={channel} className="check">
                <input type="radio" name="channel" value={channel} defaultChecked={i === 0} aria-describedby={`channel-${channel}-hint`} />
                <span>
                  {t(`channels.${channel}`)}
                  {channel === "sandbox" ? <span className="badge badge--demo">{t("sandbox.badge")}</span> : null}
                  <span id={`channel-${channel}-hint`} className="field__hint">
                    {t(`channelHints.${channel}`)}
                  </span>
                </span>
              </label>
            ))}
            {channelErrors.length ? (
              <p id="channel-error" className="field__error">
                {channelErrors.map((key) => t(key)).join(" ")}
              </p>
            ) : null}
          </fieldset>
          {data.channels.includes("card") ? (
            <label className="check">
              <input type="checkbox" name="monthly" /> {t("give.monthly")}
            </label>
          ) : null}
          <Field name="dueOn" type="date" label={t("give.dueOn")} hint={t("give.dueOnHint")} reply={reply} />
          {data.associations.length ? (
            <SelectField
              name="associationId"
              label={t("give.association")}
              hint={t("give.associationHint")}
              reply={reply}
              placeholder={t("give.noAssociation")}
              options={data.associations.map((a) => ({ value: a.id, label: a.name }))}
            />
          ) : null}
          <label className="check">
            <input type="checkbox" name="anonymous" aria-describedby="anonymous-hint" /> {t("give.anonymous")}
          </label>
          <p id="anonymous-hint" className="field__hint">
            {t("give.anonymousHint")}
          </p>
          <SubmitButton busy={busy} busyLabel={t("give.working")}>
            {t("give.submit")}
          </SubmitButton>
        </Form>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
