import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, SubmitButton } from "~/components/form";
import { PlaceSelect, SelectField, TextareaField } from "~/components/form-extra";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { countryOptionsIn, placeGroupsIn, refusedForm } from "~/modules/organisations/access.server";
import { createOrganisation } from "~/modules/organisations/organisations.server";
import { associationLevels, organisationKinds, organisationSchema } from "~/modules/organisations/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "organisations:create.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const language = await getLanguage(request);
  return json({ placeGroups: await placeGroupsIn(language), countries: countryOptionsIn(language) });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const submission = await parseForm(request, organisationSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const created = await createOrganisation(session.claims, submission.value, await getLanguage(request));
    return redirectWithToast(`/me/organisations/${created.slug}`, { type: "success", messageKey: "organisations:create.created" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function NewOrganisation() {
  const { placeGroups, countries } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("organisations");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section narrow">
      <h1>{t("create.title")}</h1>
      <p className="lead">{t("create.intro")}</p>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={reply} />
        <SelectField
          name="kind"
          label={t("fields.kind")}
          reply={reply}
          required
          defaultValue="association"
          options={organisationKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        />
        <SelectField
          name="associationLevel"
          label={t("fields.associationLevel")}
          hint={t("fields.associationLevelHint")}
          reply={reply}
          placeholder={t("fields.choose")}
          options={associationLevels.map((level) => ({ value: level, label: t(`levels.${level}`) }))}
        />
        <Field name="name" label={t("fields.name")} reply={reply} required maxLength={160} autoComplete="organization" />
        <PlaceSelect
          name="homePlaceId"
          label={t("fields.homePlace")}
          hint={t("fields.homePlaceHint")}
          reply={reply}
          placeholder={t("fields.choose")}
          placeGroups={placeGroups}
        />
        <Field name="cityAbroad" label={t("fields.cityAbroad")} reply={reply} maxLength={120} />
        <SelectField
          name="countryAbroad"
          label={t("fields.countryAbroad")}
          reply={reply}
          placeholder={t("fields.choose")}
          options={countries}
        />
        <Field name="contactEmail" type="email" label={t("fields.contactEmail")} reply={reply} autoComplete="email" />
        <Field name="website" type="url" label={t("fields.website")} hint={t("fields.websiteHint")} reply={reply} />
        <TextareaField name="description" label={t("fields.description")} reply={reply} maxLength={2000} />
        <SubmitButton busy={busy} busyLabel={t("create.busy")}>
          {t("create.submit")}
        </SubmitButton>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
