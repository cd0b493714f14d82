import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuthPort } from "~/adapters/index.server";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { getLanguage } from "~/i18n/i18next.server";
import { allowed, limits } from "~/modules/auth/rate-limit.server";
import { emailOnlySchema } from "~/modules/auth/schema";
import { clientIp } from "~/modules/auth/session.server";
import { formError, parseForm, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "auth:forgot.title");

export async function loader(_: LoaderFunctionArgs) {
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, emailOnlySchema);
  if (submission.status !== "success") return formError(submission.reply());
  const { email } = submission.value;
  if (!(await allowed([[limits.resetPerIp, clientIp(context)], [limits.resetPerAccount, email]]))) {
    return formError(replyWith({ "": ["auth:errors.rateLimited"] }, { email }), 429);
  }
  await getAuthPort().requestPasswordReset(request, { email, locale: await getLanguage(request) });
  // The same words whether or not the address has an account.
  return redirectWithToast("/login", { type: "info", messageKey: "auth:forgot.sent", values: { email } });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section narrow">
      <h1>{t("forgot.title")}</h1>
      <p className="lead">{t("forgot.intro")}</p>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={data?.reply} />
        <Field name="email" type="email" label={t("fields.email")} reply={data?.reply} autoComplete="email" required />
        <SubmitButton busy={busy} busyLabel={t("forgot.busy")}>
          {t("forgot.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}
