import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuthPort } from "~/adapters/index.server";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { ensureProfile } from "~/modules/auth/account.server";
import { allowed, limits } from "~/modules/auth/rate-limit.server";
import { signInSchema } from "~/modules/auth/schema";
import { clientIp, requireAnonymous } from "~/modules/auth/session.server";
import { safeRedirectPath } from "~/utils/errors";
import { formError, parseForm, replyWith } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { toastHeader } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "auth:signIn.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/me");
  await requireAnonymous(request, redirectTo);
  return json({ magicLink: getAuthPort().supportsMagicLink });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, signInSchema);
  if (submission.status !== "success") return formError(submission.reply({ hideFields: ["password"] }));
  const { email, password } = submission.value;
  const keep = { email };
  // Both limits count every attempt: guessing one account's password, or many accounts from one place.
  if (!(await allowed([[limits.signInPerIp, clientIp(context)], [limits.signInPerAccount, email]]))) {
    return formError(replyWith({ "": ["auth:errors.rateLimited"] }, keep), 429);
  }
  const result = await getAuthPort().signIn(request, { email, password });
  if (!result.ok) {
    const key =
      result.error === "invalid_credentials"
        ? "auth:errors.invalidCredentials"
        : result.error === "email_not_confirmed"
          ? "auth:errors.emailNotConfirmed"
          : "auth:errors.unavailable";
    return formError(replyWith({ "": [key] }, keep), result.error === "unavailable" ? 503 : 400);
  }
  await ensureProfile(result.user);
  const headers = new Headers(result.headers);
  headers.append("Set-Cookie", await toastHeader({ type: "success", messageKey: "auth:signIn.welcome" }));
  return redirect(safeRedirectPath(submission.value.redirectTo, "/me"), { headers });
}

export default function SignIn() {
  const { magicLink } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const reply = data?.reply;
  const [params] = useSearchParams();
  const { t } = useTranslation("auth");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section narrow">
      <h1>{t("signIn.title")}</h1>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={reply} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/me"} />
        <Field name="email" type="email" label={t("fields.email")} reply={reply} autoComplete="email" required />
        <Field name="password" type="password" label={t("fields.password")} reply={reply} autoComplete="current-password" required />
        <SubmitButton busy={busy} busyLabel={t("signIn.busy")}>
          {t("signIn.submit")}
        </SubmitButton>
      </Form>
      <p>
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
        {magicLink ? (
          <>
            {" · "}
            <Link to="/login/magic-link">{t("magicLink.title")}</Link>
          </>
        ) : null}
      </p>
      <p>
        {t("signIn.noAccount")} <Link to="/signup">{t("signUp.title")}</Link>
      </p>
    </div>
  );
}
