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

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "auth:magicLink.title");

// Magic links exist only with Supabase Auth; on the local adapter this page is not there.
function requireMagicLink() {
  if (!getAuthPort().supportsMagicLink) throw new Response("Not found", { status: 404 });
}

export async function loader(_: LoaderFunctionArgs) {
  requireMagicLink();
  return json({});
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireMagicLink();
  const submission = await parseForm(request, emailOnlySchema);
  if (submission.status !== "success") return formError(submission.reply());
  const { email } = submission.value;
  if (!(await allowed([[limits.signInPerIp, clientIp(context)], [limits.resetPerAccount, email]]))) {
    return formError(replyWith({ "": ["auth:errors.rateLimited"] }, { email }), 429);
  }
  await getAuthPort().sendMagicLink(request, { email, locale: await getLanguage(request) });
  return redirectWithToast("/login", { type: "info", messageKey: "auth:magicLink.sent", values: { email } });
}

export default function MagicLink() {
  const data = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section narrow">
      <h1>{t("magicLink.title")}</h1>
      <p className="lead">{t("magicLink.intro")}</p>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={data?.reply} />
        <Field name="email" type="email" label={t("fields.email")} reply={data?.reply} autoComplete="email" required />
        <SubmitButton busy={busy}>{t("magicLink.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
