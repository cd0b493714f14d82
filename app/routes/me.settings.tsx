import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuthPort } from "~/adapters/index.server";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { getLanguage } from "~/i18n/i18next.server";
import { deleteAccount } from "~/modules/auth/account.server";
import { allowed, limits } from "~/modules/auth/rate-limit.server";
import { changeEmailSchema, changePasswordSchema, deleteAccountSchema } from "~/modules/auth/schema";
import { requireUser } from "~/modules/auth/session.server";
import { saveTopics, subscribedTopics } from "~/modules/digest/preferences.server";
import { digestTopicsSchema } from "~/modules/digest/schema";
import { DIGEST_TOPICS } from "~/modules/digest/topics";
import { AppError } from "~/utils/errors";
import { formError, parseForm, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast, toastHeader } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "account:settings.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const digestTopics = await subscribedTopics(session.claims);
  return json({ email: session.user.email, digestTopics }, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Digest topics need no password (the emails' own links change them without a session anyway).
  if (intent === "digest") {
    const submission = await parseForm(formData, digestTopicsSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "digest" });
    await saveTopics(session.claims, submission.value.topics);
    return redirectWithToast("/me/settings#digest", { type: "success", messageKey: "digest:settings.saved" });
  }
  const auth = getAuthPort();
  const wrongPassword = (form: string) => formError({ ...replyWith({ currentPassword: ["auth:errors.wrongPassword"] }), form });
  // The current password is checked here too, so guessing it here counts against the same limit as signing in.
  if (!(await allowed([[limits.signInPerAccount, session.user.email]]))) {
    return formError({ ...replyWith({ "": ["auth:errors.rateLimited"] }), form: typeof intent === "string" ? intent : "" }, 429);
  }

  if (intent === "password") {
    const submission = await parseForm(formData, changePasswordSchema);
    if (submission.status !== "success") return formError({ ...submission.reply({ hideFields: ["password", "currentPassword"] }), form: "password" });
    if (!(await auth.verifyPassword(session.user.email, submission.value.currentPassword))) return wrongPassword("password");
    const result = await auth.updatePassword(request, session, submission.value.password);
    if (!result.ok) return formError({ ...replyWith({ password: ["auth:validation.passwordTooSimple"] }), form: "password" });
    return redirectWithToast("/me/settings", { type: "success", messageKey: "account:settings.passwordChanged" }, result.headers);
  }
  if (intent === "email") {
    const submission = await parseForm(formData, changeEmailSchema);
    if (submission.status !== "success") return formError({ ...submission.reply({ hideFields: ["currentPassword"] }), form: "email" });
    if (!(await auth.verifyPassword(session.user.email, submission.value.currentPassword))) return wrongPassword("email");
    const result = await auth.requestEmailChange(request, session, { newEmail: submission.value.email, locale: await getLanguage(request) });
    if (!result.ok) {
      return formError({ ...replyWith({ email: [result.error === "same_email" ? "account:settings.sameEmail" : "auth:errors.unavailable"] }), form: "email" });
    }
    return redirectWithToast("/me/settings", { type: "info", messageKey: "account:settings.emailChangeSent", values: { email: submission.value.email } });
  }
  if (intent === "delete") {
    const submission = await parseForm(formData, deleteAccountSchema);
    if (submission.status !== "success") return formError({ ...submission.reply({ hideFields: ["currentPassword"] }), form: "delete" });
    if (!(await auth.verifyPassword(session.user.email, submission.value.currentPassword))) return wrongPassword("delete");
    try {
      await deleteAccount(session);
    } catch (error) {
      if (error instanceof AppError) return formError({ ...replyWith({ "": [error.messageKey] }), form: "delete" }, error.status);
      throw error;
    }
    const headers = await auth.signOut(request);
    headers.append("Set-Cookie", await toastHeader({ type: "success", messageKey: "account:settings.deleted" }));
    return redirect("/", { headers });
  }
  return formError(replyWith({ "": ["account:validation.invalidChoice"] }));
}

export default function Settings() {
  const { email, digestTopics } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const replyFor = (form: string) => (data?.reply.form === form ? data.reply : undefined);
  const { t } = useTranslation("account");
  const { t: td } = useTranslation("digest");
  const navigation = useNavigation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  return (
    <div className="container section stack narrow">
      <h1>{t("settings.title")}</h1>
      <section aria-labelledby="settings-email">
        <h2 id="settings-email">{t("settings.emailTitle")}</h2>
        <p>
          {t("settings.currentEmail")} <bdi>{email}</bdi>
        </p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="email" />
          <FormErrors reply={replyFor("email")} />
          <Field id="email-new" name="email" type="email" label={t("settings.newEmail")} reply={replyFor("email")} autoComplete="email" required />
          <Field id="email-password" name="currentPassword" type="password" label={t("settings.currentPassword")} reply={replyFor("email")} autoComplete="current-password" required />
          <SubmitButton busy={busy("email")}>{t("settings.changeEmail")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="settings-password">
        <h2 id="settings-password">{t("settings.passwordTitle")}</h2>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="password" />
          <FormErrors reply={replyFor("password")} />
          <Field id="password-current" name="currentPassword" type="password" label={t("settings.currentPassword")} reply={replyFor("password")} autoComplete="current-password" required />
          <Field id="password-new" name="password" type="password" label={t("settings.newPassword")} hint={t("settings.passwordHint")} reply={replyFor("password")} autoComplete="new-password" required />
          <SubmitButton busy={busy("password")}>{t("settings.changePassword")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="digest">
        <h2 id="digest">{td("settings.title")}</h2>
        <p>{td("settings.intro")}</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="digest" />
          <FormErrors reply={replyFor("digest")} />
          <fieldset className="fieldset">
            <legend>{td("settings.legend")}</legend>
            <div className="checks">
              {DIGEST_TOPICS.map((topic) => (
                <label key={topic} className="check">
                  <input type="checkbox" name="topics" value={topic} defaultChecked={digestTopics.includes(topic)} />
                  <span>
                    {td(`topics.${topic}.heading`)}
                    <span className="field__hint"> — {td(`topics.${topic}.description`)}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <SubmitButton busy={busy("digest")}>{td("settings.save")}</SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="settings-data">
        <h2 id="settings-data">{t("settings.dataTitle")}</h2>
        <p>{t("settings.exportIntro")}</p>
        <p>
          <a href="/me/export" download className="button button--secondary">
            {t("settings.export")}
          </a>
        </p>
        <h3 className="danger">{t("settings.deleteTitle")}</h3>
        <p>{t("settings.deleteIntro")}</p>
        <Form method="post" className="form" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <FormErrors reply={replyFor("delete")} />
          <Field id="delete-password" name="currentPassword" type="password" label={t("settings.currentPassword")} reply={replyFor("delete")} autoComplete="current-password" required />
          <Field id="delete-confirm" name="confirm" label={t("settings.typeDelete")} reply={replyFor("delete")} autoComplete="off" required />
          <button type="submit" className="button button--danger">
            {t("settings.deleteSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}
