import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { fieldErrors, FormErrors } from "~/components/form";
import { FileField, TextareaField } from "~/components/form-extra";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { readUpload } from "~/modules/files/upload.server";
import { applyToJob } from "~/modules/jobs/applications.server";
import { getJobProfile } from "~/modules/jobs/profile.server";
import { applySchema } from "~/modules/jobs/schema";
import { getJob } from "~/modules/jobs/search.server";
import { MAX_CV_BYTES } from "~/modules/jobs/vocabulary";
import { refusedForm } from "~/modules/organisations/access.server";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:apply.title");

async function openJob(request: Request, id: string | undefined) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const job = await getJob(session.claims, id ?? "", language);
  if (!job) throw new Response("Not found", { status: 404 });
  return { session, language, job };
}

/** Applying to a job: cover note, a CV (uploaded, or made from the profile) and what to share. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, job } = await openJob(request, params.id);
  const mine = await getJobProfile(session.claims);
  return json(
    {
      job: { id: job.id, title: job.title, posterName: job.posterName, open: job.open },
      profile: {
        occupation: Boolean(mine.jobProfile?.occupationCode || mine.skills.length),
        languages: (mine.profile?.languages.length ?? 0) > 0,
        certificates: mine.certificates.length,
        experience: Boolean(mine.jobProfile?.experience || mine.profile?.yearsAbroad),
      },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, language, job } = await openJob(request, params.id);
  if (!/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    return formError({ status: "error", error: { "": ["jobs:cv.unreadable"] } });
  }
  // A CV over the limit stops the read at once: refused beside the field, nothing stored.
  const upload = await readUpload(request, { cv: MAX_CV_BYTES });
  if (!upload.ok) {
    return formError({ status: "error", error: upload.problem === "tooLarge" ? { cv: ["jobs:cv.tooLarge"] } : { "": ["jobs:cv.unreadable"] } });
  }
  const submission = await parseForm(upload.fields, applySchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const id = await applyToJob(session.claims, job.id, submission.value, upload.files.get("cv") ?? null, language);
    return redirectWithToast(`/me/applications/${id}`, { type: "success", messageKey: "jobs:apply.sent" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function Apply() {
  const { job, profile } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("jobs");
  const cvErrors = fieldErrors(reply, "cvSource");
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/jobs/${job.id}`} className="back-link">
          {t("apply.back")}
        </Link>
      </p>
      <h1>
        {t("apply.heading")} <span lang={job.title?.lang} dir="auto">{job.title?.text}</span>
      </h1>
      {job.posterName ? (
        <p className="lead">
          <bdi>{job.posterName}</bdi>
        </p>
      ) : null}
      <p>{t("apply.privacy")}</p>
      <Form method="post" encType="multipart/form-data" className="form" noValidate>
        <FormErrors reply={reply} />
        <TextareaField name="coverNote" label={t("apply.coverNote")} hint={t("apply.coverNoteHint")} reply={reply} rows={6} maxLength={5000} />
        <fieldset className="fieldset">
          <legend>{t("apply.cv")}</legend>
          <label className="check">
            <input type="radio" name="cvSource" value="upload" defaultChecked />
            {t("apply.cvUpload")}
          </label>
          <FileField name="cv" label={t("apply.cvFile")} hint={t("apply.cvHint")} reply={reply} accept=".pdf,.docx,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" />
          <label className="check">
            <input type="radio" name="cvSource" value="profile" />
            {t("apply.cvProfile")}
          </label>
          {cvErrors.length ? <p className="field__error">{cvErrors.map((key) => t(key)).join(" ")}</p> : null}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("apply.share")}</legend>
          <p className="field__hint">{t("apply.shareHint")}</p>
          <label className="check">
            <input type="checkbox" name="shareOccupation" defaultChecked={profile.occupation} />
            {t("apply.shareOccupation")}
          </label>
          <label className="check">
            <input type="checkbox" name="shareLanguages" defaultChecked={profile.languages} />
            {t("apply.shareLanguages")}
          </label>
          <label className="check">
            <input type="checkbox" name="shareCertificates" defaultChecked={profile.certificates > 0} />
            {t("apply.shareCertificates", { count: profile.certificates })}
          </label>
          <label className="check">
            <input type="checkbox" name="shareExperience" defaultChecked={profile.experience} />
            {t("apply.shareExperience")}
          </label>
          <label className="check">
            <input type="checkbox" name="shareLocation" />
            {t("apply.shareLocation")}
          </label>
          <p>
            <Link to="/me/jobs/profile">{t("apply.editProfile")}</Link>
          </p>
        </fieldset>
        <button type="submit" className="button">
          {t("apply.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
