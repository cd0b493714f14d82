import { json, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, SubmitButton } from "~/components/form";
import { TextareaField } from "~/components/form-extra";
import { formatDate, formatNumber } from "~/i18n/format";
import { siteUrl } from "~/modules/auth/emails.server";
import { requirePlatformAdmin } from "~/modules/auth/session.server";
import { orResponse, refusedForm } from "~/modules/organisations/access.server";
import { verificationDecisionSchema } from "~/modules/organisations/schema";
import { decideVerification, getRequestForReview } from "~/modules/verification/admin.server";
import { notFound } from "~/utils/errors";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "admin:review.title");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await orResponse(requirePlatformAdmin(request));
  if (!UUID.test(params.id ?? "")) throw notFound("bad request id");
  const found = await getRequestForReview(session.claims, params.id!);
  if (!found) throw notFound("no such verification request");
  return json(
    {
      request: {
        id: found.id,
        applicantName: found.applicantName,
        type: found.lguId ? "lgu" : found.organisationKind ?? "association",
        note: found.note,
        evidenceFilename: found.evidenceFilename,
        evidenceContentType: found.evidenceContentType,
        evidenceSize: found.evidenceSize,
        evidenceUrl: found.evidenceUrl,
        status: found.status,
        decisionReason: found.decisionReason,
        createdAt: found.createdAt,
        decidedAt: found.decidedAt,
      },
    },
    // The evidence link is a short-lived credential: never cached.
    { headers: { "Cache-Control": "private, no-store" } }
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await orResponse(requirePlatformAdmin(request));
  if (!UUID.test(params.id ?? "")) throw notFound("bad request id");
  const submission = await parseForm(request, verificationDecisionSchema);
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const decided = await decideVerification(session.claims, params.id!, submission.value, { baseUrl: siteUrl(request) });
    return redirectWithToast("/admin", {
      type: "success",
      messageKey: decided.status === "approved" ? "admin:review.approved" : "admin:review.rejected",
    });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function ReviewRequest() {
  const { request } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t, i18n } = useTranslation("admin");
  const pending = request.status === "pending";
  return (
    <div className="container section stack">
      <p>
        <Link to="/admin" className="back-link">
          {t("queue.title")}
        </Link>
      </p>
      <h1>
        {t("review.title")}: <bdi>{request.applicantName}</bdi>
      </h1>
      <dl className="definition-list">
        <dt>{t("queue.type")}</dt>
        <dd>{t(`queue.types.${request.type}`)}</dd>
        <dt>{t("queue.submitted")}</dt>
        <dd>{formatDate(request.createdAt, i18n.language)}</dd>
        <dt>{t("review.note")}</dt>
        <dd dir="auto">{request.note ?? t("review.noNote")}</dd>
        <dt>{t("review.evidence")}</dt>
        <dd>
          <a href={request.evidenceUrl} rel="noreferrer" download>
            {t("review.openEvidence")} (<bdi>{request.evidenceFilename}</bdi>,{" "}
            {formatNumber(Math.ceil(request.evidenceSize / 1024), i18n.language)} {t("review.kilobytes")})
          </a>
          <p className="field__hint">{t("review.linkExpires")}</p>
        </dd>
      </dl>
      <FormErrors reply={reply} />
      {pending ? (
        <>
          <section aria-labelledby="approve-title">
            <h2 id="approve-title">{t("review.approveTitle")}</h2>
            <p>{t("review.approveIntro")}</p>
            <Form method="post">
              <input type="hidden" name="decision" value="approve" />
              <SubmitButton>{t("review.approve")}</SubmitButton>
            </Form>
          </section>
          <section aria-labelledby="reject-title">
            <h2 id="reject-title">{t("review.rejectTitle")}</h2>
            <Form method="post" className="form" noValidate>
              <input type="hidden" name="decision" value="reject" />
              <TextareaField
                name="reason"
                label={t("review.reason")}
                hint={t("review.reasonHint")}
                reply={reply}
                required
                minLength={3}
                maxLength={1000}
              />
              <button type="submit" className="button button--danger">
                {t("review.reject")}
              </button>
            </Form>
          </section>
        </>
      ) : (
        <p className="notice" role="note">
          {t("review.alreadyDecided", { status: t(`review.statuses.${request.status}`) })}
          {request.decisionReason ? (
            <>
              {" "}
              <bdi>{request.decisionReason}</bdi>
            </>
          ) : null}
        </p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
