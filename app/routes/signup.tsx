import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuthPort } from "~/adapters/index.server";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { getLanguage } from "~/i18n/i18next.server";
import { allowed, limits } from "~/modules/auth/rate-limit.server";
import { signUpSchema } from "~/modules/auth/schema";
import { clientIp, requireAnonymous } from "~/modules/auth/session.server";
import { formError, parseForm, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "auth:signUp.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const submission = await parseForm(request, signUpSchema);
  if (submission.status !== "success") return formError(submission.reply({ hideFields: ["password"] }));
  if (!(await allowed([[limits.signUpPerIp, clientIp(context)]]))) {
    return formError(replyWith({ "": ["auth:errors.rateLimited"] }, { displayName: submission.value.displayName, email: submission.value.email }), 429);
  }
  const locale = await getLanguage(request);
  const result = await getAuthPort().signUp(request, { ...submission.value, locale });
  if (!result.ok) {
    const key = result.error === "weak_password" ? "auth:validation.passwordTooSimple" : "auth:errors.unavailable";
    return formError(replyWith({ "": [key] }, { displayName: submission.value.displayName, email: submission.value.email }));
  }
  // The same answer whether or not the address already had an account.
  return redirectWithToast("/login", { type: "success", messageKey: "auth:signUp.sent", values: { email: submission.value.email } });
}

export default function SignUp() {
  const data = useActionData<typeof action>();
  const reply = data?.reply;
  const { t } = useTranslation("auth");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section narrow">
      <h1>{t("signUp.title")}</h1>
      <p className="lead">{t("signUp.intro")}</p>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={reply} />
        <Field name="displayName" label={t("fields.displayName")} reply={reply} autoComplete="name" required maxLength={120} />
        <Field name="email" type="email" label={t("fields.email")} reply={reply} autoComplete="email" required />
        <Field
          name="password"
          type="password"
          label={t("fields.newPassword")}
          hint={t("fields.passwordHint")}
          reply={reply}
          autoComplete="new-password"
          required
          minLength={10}
        />
        <SubmitButton busy={busy} busyLabel={t("signUp.busy")}>
          {t("signUp.submit")}
        </SubmitButton>
      </Form>
      <p>
        {t("signUp.haveAccount")} <Link to="/login">{t("signIn.title")}</Link>
      </p>
    </div>
  );
}
