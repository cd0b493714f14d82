import { json, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/form";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { clientIp } from "~/modules/auth/session.server";
import { lookupStatus } from "~/modules/permits/applications.server";
import { lookupSchema } from "~/modules/permits/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

// A plain form: no JavaScript needed.
export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:status.title");

export async function loader() {
  return json({}, { headers: { "Cache-Control": "no-store" } });
}

/**
 * Anyone checks an application's status with its reference and a second factor; the answer is the
 * status and dates only. Too many tries from one address or on one reference are refused for a while.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, lookupSchema);
  if (submission.status !== "success") return formError(submission.reply());
  const result = await lookupStatus(submission.value.reference, submission.value.secondFactor, clientIp(context));
  if (result.limited) return formError(submission.reply({ formErrors: ["permits:status.limited"] }), 429);
  if (!result.found) return json({ reply: submission.reply({ formErrors: ["permits:status.notFound"] }), found: null }, { status: 404, headers: { "Cache-Control": "no-store" } });
  const language = await getLanguage(request);
  return json(
    {
      reply: submission.reply(),
      found: {
        reference: result.found.reference,
        status: result.found.status,
        submitted: result.found.submittedAt ? formatDate(result.found.submittedAt, language) : null,
        updated: formatDate(result.found.updatedAt, language),
      },
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function PermitStatus() {
  const data = useActionData<typeof action>();
  const reply = data?.reply;
  const found = data && "found" in data ? data.found : null;
  const { t } = useTranslation("permits");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section stack narrow">
      <h1>{t("status.title")}</h1>
      <p>{t("status.intro")}</p>
      {found ? (
        <div className="notice" role="status">
          <p>
            <span dir="ltr">{found.reference}</span>: <strong>{t(`status.${found.status}`)}</strong>
          </p>
          <p>
            {found.submitted ? `${t("status.submittedOn", { date: found.submitted })} ` : null}
            {t("status.updatedOn", { date: found.updated })}
          </p>
        </div>
      ) : null}
      <Form method="post" className="form" noValidate>
        <FormErrors reply={reply} />
        <Field name="reference" label={t("status.reference")} hint={t("status.referenceHint")} reply={reply} autoComplete="off" spellCheck={false} dir="ltr" required />
        <Field name="secondFactor" label={t("status.secondFactor")} hint={t("status.secondFactorHint")} reply={reply} autoComplete="off" required />
        <button type="submit" className="button" disabled={busy}>
          {t("status.check")}
        </button>
      </Form>
    </div>
  );
}
