import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuthPort } from "~/adapters/index.server";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { clearRecoveryHeader, inRecovery } from "~/modules/auth/account.server";
import { setPasswordSchema } from "~/modules/auth/schema";
import { requireUser } from "~/modules/auth/session.server";
import { formError, parseForm, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { toastHeader } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "auth:reset.title");

/** Reached from a reset link (which signed the person in); the old password is not asked for. */
async function requireRecovery(request: Request) {
  const session = await requireUser(request);
  if (!(await inRecovery(request, session.user.id))) throw redirect("/me/settings");
  return session;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRecovery(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireRecovery(request);
  const submission = await parseForm(request, setPasswordSchema);
  if (submission.status !== "success") return formError(submission.reply({ hideFields: ["password"] }));
  const result = await getAuthPort().updatePassword(request, session, submission.value.password);
  if (!result.ok) return formError(replyWith({ password: ["auth:validation.passwordTooSimple"] }));
  const headers = new Headers(result.headers);
  headers.append("Set-Cookie", await clearRecoveryHeader());
  headers.append("Set-Cookie", await toastHeader({ type: "success", messageKey: "auth:reset.done" }));
  return redirect("/me", { headers });
}

export default function ResetPassword() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section narrow">
      <h1>{t("reset.title")}</h1>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={data?.reply} />
        <Field name="password" type="password" label={t("fields.newPassword")} hint={t("fields.passwordHint")} reply={data?.reply} autoComplete="new-password" required />
        <SubmitButton busy={busy}>{t("reset.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
