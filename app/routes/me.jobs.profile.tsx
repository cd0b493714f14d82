import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, type ReplyLike } from "~/components/form";
import { PlaceSelect, SelectField, TextareaField } from "~/components/form-extra";
import { countryName } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { jobTaxonomy } from "~/modules/jobs/taxonomy.server";
import { addCertificate, getJobProfile, removeCertificate, saveJobProfile } from "~/modules/jobs/profile.server";
import { certificateSchema, jobProfileSchema } from "~/modules/jobs/schema";
import { recognitionOptions } from "~/modules/jobs/vocabulary";
import { countryOptionsIn, placeGroupsIn, refusedForm } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:profile.title");

/** The job-seeking profile: what "jobs for you" reads and what applications can share. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const mine = await getJobProfile(session.claims);
  return json(
    {
      values: {
        occupationCode: mine.jobProfile?.occupationCode ?? "",
        skills: mine.skills,
        preferredPlaceIds: mine.jobProfile?.preferredPlaceIds ?? [],
        openToRemote: mine.jobProfile?.openToRemote ?? false,
        experience: mine.jobProfile?.experience ?? "",
      },
      hometowns: mine.hometowns.map((h) => h.name),
      certificates: mine.certificates.map((c) => ({
        id: c.id,
        title: c.title,
        issuer: c.issuer,
        country: c.countryCode ? countryName(c.countryCode, language) : null,
        year: c.year,
        recognition: c.recognition,
        localEquivalent: c.localEquivalent,
      })),
      occupations: (await jobTaxonomy(language)).occupationTree,
      skills: (await jobTaxonomy(language)).skillOptions,
      places: await placeGroupsIn(language),
      countries: countryOptionsIn(language),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "removeCertificate") {
    await removeCertificate(session.claims, String(formData.get("id") ?? ""));
    return redirectWithToast("/me/jobs/profile", { type: "success", messageKey: "jobs:profile.certificateRemoved" });
  }
  if (intent === "addCertificate") {
    const submission = await parseForm(formData, certificateSchema);
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "certificate" });
    try {
      await addCertificate(session.claims, submission.value);
    } catch (error) {
      return refusedForm(submission, error);
    }
    return redirectWithToast("/me/jobs/profile", { type: "success", messageKey: "jobs:profile.certificateAdded" });
  }
  const submission = await parseForm(formData, jobProfileSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form: "profile" });
  try {
    await saveJobProfile(session.claims, submission.value);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return redirectWithToast("/me/jobs", { type: "success", messageKey: "jobs:profile.saved" });
}

export default function JobProfile() {
  const { values, hometowns, certificates, occupations, skills, places, countries } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const reply = answer?.reply as (ReplyLike & { form?: string }) | undefined;
  const profileReply = reply?.form === "profile" ? reply : undefined;
  const certificateReply = reply?.form === "certificate" ? reply : undefined;
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack">
      <p>
        <Link to="/me/jobs" className="back-link">
          {t("profile.back")}
        </Link>
      </p>
      <h1>{t("profile.title")}</h1>
      <p className="lead">{t("profile.intro")}</p>
      <p>
        {t("profile.basics")} <Link to="/me/profile">{t("profile.basicsLink")}</Link>
      </p>
      <Form method="post" className="form form--wide" noValidate>
        <FormErrors reply={profileReply} />
        <input type="hidden" name="intent" value="profile" />
        <SelectField
          name="occupationCode"
          label={t("profile.occupation")}
          hint={t("profile.occupationHint")}
          reply={profileReply}
          defaultValue={values.occupationCode}
          placeholder={t("profile.noOccupation")}
          groups={occupations.map((m) => ({ label: m.label, options: m.groups.map((g) => ({ value: g.code, label: g.label })) }))}
        />
        <SelectField
          name="skills"
          label={t("profile.skills")}
          hint={t("profile.skillsHint")}
          reply={profileReply}
          multiple
          size={8}
          defaultValue={values.skills as unknown as string}
          options={skills}
        />
        <PlaceSelect
          name="preferredPlaceIds"
          label={t("profile.places")}
          hint={hometowns.length ? t("profile.placesHintHometowns", { places: hometowns.join(", ") }) : t("profile.placesHint")}
          reply={profileReply}
          multiple
          size={6}
          defaultValue={values.preferredPlaceIds as unknown as string}
          placeGroups={places}
        />
        <label className="check">
          <input type="checkbox" name="openToRemote" defaultChecked={values.openToRemote} />
          {t("profile.remote")}
        </label>
        <TextareaField name="experience" label={t("profile.experience")} hint={t("profile.experienceHint")} reply={profileReply} defaultValue={values.experience} rows={6} maxLength={5000} />
        <button type="submit" className="button">
          {t("profile.save")}
        </button>
      </Form>

      <section aria-labelledby="certificates-title" className="stack">
        <h2 id="certificates-title">{t("profile.certificates")}</h2>
        <p>{t("profile.certificatesIntro")}</p>
        {certificates.length === 0 ? (
          <p className="muted">{t("profile.noCertificates")}</p>
        ) : (
          <ul role="list" className="stack">
            {certificates.map((c) => (
              <li key={c.id} className="card">
                <p>
                  <strong dir="auto">{c.title}</strong> {[c.issuer, c.country, c.year].filter(Boolean).join(", ")}
                </p>
                <p>
                  {t(`recognition.${c.recognition}`)}
                  {c.localEquivalent ? ` — ${c.localEquivalent}` : ""}
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="removeCertificate" />
                  <input type="hidden" name="id" value={c.id} />
                  <button type="submit" className="link-button danger">
                    {t("profile.removeCertificate", { title: c.title })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <h3>{t("profile.addCertificate")}</h3>
        <Form method="post" className="form" noValidate>
          <FormErrors reply={certificateReply} />
          <input type="hidden" name="intent" value="addCertificate" />
          <Field name="title" label={t("profile.certificateTitle")} hint={t("profile.certificateTitleHint")} reply={certificateReply} maxLength={200} dir="auto" />
          <Field name="issuer" label={t("profile.issuer")} reply={certificateReply} maxLength={200} dir="auto" />
          <SelectField name="countryCode" label={t("profile.country")} reply={certificateReply} placeholder="" options={countries} />
          <Field name="year" label={t("profile.year")} reply={certificateReply} inputMode="numeric" maxLength={4} />
          <SelectField
            name="recognition"
            label={t("profile.recognition")}
            hint={t("profile.recognitionHint")}
            reply={certificateReply}
            defaultValue="not_assessed"
            options={recognitionOptions.map((r) => ({ value: r, label: t(`recognition.${r}`) }))}
          />
          <Field name="localEquivalent" label={t("profile.localEquivalent")} hint={t("profile.localEquivalentHint")} reply={certificateReply} maxLength={200} dir="auto" />
          <button type="submit" className="button">
            {t("profile.addCertificateSubmit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
