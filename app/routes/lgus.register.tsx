import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { PlaceSelect } from "~/components/form-extra";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { placeGroupsIn, refusedForm } from "~/modules/organisations/access.server";
import { registerLgu } from "~/modules/organisations/lgus.server";
import { lguRegistrationSchema } from "~/modules/organisations/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "organisations:registerLgu.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ placeGroups: await placeGroupsIn(await getLanguage(request)) });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const submission = await parseForm(request, lguRegistrationSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const lgu = await registerLgu(session.claims, submission.value);
    return redirectWithToast(`/manage/${lgu.slug}`, { type: "success", messageKey: "organisations:registerLgu.registered" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function RegisterLgu() {
  const { placeGroups } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("organisations");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section narrow">
      <h1>{t("registerLgu.title")}</h1>
      <p className="lead">{t("registerLgu.intro")}</p>
      <p className="notice">{t("registerLgu.unverifiedNotice")}</p>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={reply} />
        <Field
          name="name"
          label={t("fields.lguName")}
          hint={t("fields.lguNameHint")}
          reply={reply}
          required
          maxLength={160}
          autoComplete="organization"
        />
        <PlaceSelect
          name="placeId"
          label={t("fields.place")}
          reply={reply}
          required
          placeholder={t("fields.choose")}
          placeGroups={placeGroups}
        />
        <Field name="contactEmail" type="email" label={t("fields.contactEmail")} reply={reply} required autoComplete="email" />
        <Field name="contactPhone" type="tel" label={t("fields.contactPhone")} reply={reply} autoComplete="tel" dir="ltr" />
        <Field name="website" type="url" label={t("fields.website")} hint={t("fields.websiteHint")} reply={reply} />
        <SubmitButton busy={busy} busyLabel={t("registerLgu.busy")}>
          {t("registerLgu.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
