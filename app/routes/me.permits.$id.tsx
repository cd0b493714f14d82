import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FieldFrame, fieldErrors, FormErrors, type ReplyLike } from "~/components/form";
import { PermitApplicationFields, PermitDetails, PermitHistory } from "~/components/permit-fields";
import { currencyMinorDigits, formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { requireUser } from "~/modules/auth/session.server";
import { readUpload, type UploadedFile } from "~/modules/files/upload.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { getPaymentsPort } from "~/adapters/index.server";
import { sandboxEnabled } from "~/modules/contributions/giving.server";
import { startPermitCardPayment } from "~/modules/permits/card.server";
import { applicationView, payFeeInSandbox, renewPermit, submitApplication, updateApplication, uploadDocument } from "~/modules/permits/applications.server";
import { DEFAULT_MAX_DOCUMENT_BYTES } from "~/modules/permits/documents.server";
import { applicationInput, applicationSchema } from "~/modules/permits/schema";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:mine.title");

const EDITABLE = new Set(["draft", "info_requested"]);

/** The applicant's own application: details, documents, submission, and what happened to it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const view = await applicationView(session.claims, params.id ?? "", language);
  if (!view || view.applicantId !== session.user.id) throw new Response("Not found", { status: 404 });
  const money = (minor: number) => formatMoney(minor, view.currency, language);
  return json(
    {
      id: view.id,
      reference: view.reference,
      status: view.status,
      editable: EDITABLE.has(view.status),
      typeName: view.typeName,
      lgu: { name: view.lguName, slug: view.lguSlug },
      currency: view.currency,
      officerNote: view.officerNote,
      values: {
        businessName: view.businessName,
        lineOfBusiness: view.lineOfBusiness,
        address: view.address,
        ownerName: view.ownerName,
        ownerPhone: view.ownerPhone,
        declared: toMajorUnits(view.declaredMinor, view.currency),
      },
      declared: money(view.declaredMinor),
      estimatedFee: view.estimatedFeeMinor === null ? null : money(view.estimatedFeeMinor),
      fee: view.feeMinor === null ? null : money(view.feeMinor),
      requirements: view.requirements.map((r) => ({
        id: r.id,
        label: r.label,
        mandatory: r.mandatory,
        document: r.document ? { id: r.document.id, fileName: r.document.fileName, uploaded: formatDate(r.document.uploadedAt, language) } : null,
      })),
      history: view.history.map((h) => ({ id: h.id, to: h.toStatus, when: formatDate(h.occurredAt, language), note: h.toStatus === "info_requested" || h.toStatus === "rejected" ? h.note : null })),
      sandbox: view.status === "approved" && sandboxEnabled(),
      cards: view.status === "approved" && Boolean(getPaymentsPort()),
      permit: view.permit ? { number: view.permit.number, validFrom: formatDate(view.permit.validFrom, language), validUntil: formatDate(view.permit.validUntil, language), token: view.permit.token } : null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const view = await applicationView(session.claims, params.id ?? "", language);
  if (!view || view.applicantId !== session.user.id) throw new Response("Not found", { status: 404 });
  const back = `/me/permits/${view.id}`;
  const refused = async (form: string, submission: Parameters<typeof refusedForm>[0], error: unknown) => {
    const answer = refusedForm(submission, error);
    const body = (await answer.json()) as { reply: object };
    return json({ reply: { ...body.reply, form } }, { status: answer.status });
  };

  let formData: FormData;
  let files = new Map<string, UploadedFile>();
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    const upload = await readUpload(request, { document: DEFAULT_MAX_DOCUMENT_BYTES });
    if (!upload.ok) {
      const message = upload.problem === "tooLarge" ? "services:documents.too_large" : "permits:errors.unreadable";
      return formError({ status: "error", error: { "": [message] }, form: "upload" });
    }
    formData = upload.fields;
    files = upload.files;
  } else {
    formData = await request.formData();
  }
  const intent = String(formData.get("intent") ?? "");

  if (intent === "details") {
    const submission = await parseForm(formData, applicationSchema(currencyMinorDigits(view.currency)));
    if (submission.status !== "success") return formError({ ...submission.reply(), form: "details" });
    try {
      await updateApplication(session.claims, view.id, applicationInput(submission.value));
    } catch (error) {
      return refused("details", submission, error);
    }
    return redirectWithToast(back, { type: "success", messageKey: "permits:mine.saved" });
  }
  if (intent === "upload") {
    const requirementId = String(formData.get("requirementId") ?? "");
    const form = `upload-${requirementId}`;
    if (!view.requirements.some((r) => r.id === requirementId)) return formError({ status: "error", error: { "": ["permits:errors.unreadable"] }, form });
    const file = files.get("document");
    if (!file) return formError({ status: "error", error: { [`document-${requirementId}`]: ["permits:validation.document"] }, form });
    try {
      await uploadDocument(session.claims, view.id, requirementId, file);
    } catch (error) {
      return refused(form, null, error);
    }
    return redirectWithToast(back, { type: "success", messageKey: "permits:mine.uploaded" });
  }
  if (intent === "submit") {
    try {
      const reference = await submitApplication(session.claims, view.id);
      return redirectWithToast(back, { type: "success", messageKey: "permits:mine.submitted", values: { reference } });
    } catch (error) {
      return refused("submit", null, error);
    }
  }
  if (intent === "payCard") {
    try {
      return redirect(await startPermitCardPayment({ ...session.claims, email: session.user.email ?? undefined }, view.id, siteUrl(request)));
    } catch (error) {
      return refused("pay", null, error);
    }
  }
  if (intent === "paySandbox") {
    try {
      const receipt = await payFeeInSandbox(session.claims, view.id);
      return redirectWithToast(back, { type: "success", messageKey: "permits:mine.paid", values: { receipt } });
    } catch (error) {
      return refused("pay", null, error);
    }
  }
  if (intent === "renew") {
    try {
      const id = await renewPermit(session.claims, view.id);
      return redirectWithToast(`/me/permits/${id}`, { type: "success", messageKey: "permits:mine.renewalStarted" });
    } catch (error) {
      return refused("renew", null, error);
    }
  }
  return formError({ status: "error", error: { "": ["permits:errors.unreadable"] } });
}

type Reply = ReplyLike & { form?: string };

export default function MyPermitApplication() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation("permits");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const replyFor = (form: string) => (reply?.form === form ? reply : undefined);
  return (
    <div className="container section stack narrow">
      <p>
        <Link to="/me/permits" className="back-link">
          {t("mine.back")}
        </Link>
      </p>
      <h1>
        <span lang={data.typeName?.lang}>{data.typeName?.text}</span> — <bdi>{data.values.businessName}</bdi>
      </h1>
      <p>
        <span className="badge">{t(`status.${data.status}`)}</span> <bdi>{data.lgu.name}</bdi>
        {data.reference ? (
          <>
            {" "}
            · {t("mine.reference")} <span dir="ltr">{data.reference}</span>
          </>
        ) : null}
      </p>
      {data.officerNote && (data.status === "info_requested" || data.status === "rejected") ? (
        <div className="notice" role="status">
          <p>
            <strong>{t(data.status === "rejected" ? "mine.rejectedBecause" : "mine.infoRequested")}</strong>
          </p>
          <p dir="auto">{data.officerNote}</p>
        </div>
      ) : null}
      {data.permit ? (
        <section aria-labelledby="permit-title" className="panel">
          <h2 id="permit-title">{t("mine.permitTitle")}</h2>
          <dl className="facts">
            <dt>{t("mine.permitNumber")}</dt>
            <dd dir="ltr">{data.permit.number}</dd>
            <dt>{t("mine.valid")}</dt>
            <dd>{t("mine.validRange", { from: data.permit.validFrom, until: data.permit.validUntil })}</dd>
          </dl>
          <p>
            <a href={`/permits/${data.permit.number}.pdf`}>{t("mine.permitPdf")}</a>
          </p>
          <p>
            <Link to={`/permits/verify/${data.permit.token}`}>{t("mine.verifyLink")}</Link>
          </p>
          <Form method="post">
            <FormErrors reply={replyFor("renew")} />
            <input type="hidden" name="intent" value="renew" />
            <p className="muted">{t("mine.renewHint")}</p>
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t("mine.renew")}
            </button>
          </Form>
        </section>
      ) : null}

      {data.status === "approved" ? (
        <section aria-labelledby="pay-title" className="panel">
          <h2 id="pay-title">{t("mine.payTitle", { amount: data.fee })}</h2>
          <p>{t("mine.payAtTreasury", { reference: data.reference })}</p>
          {data.cards ? (
            <Form method="post">
              <FormErrors reply={replyFor("pay")} />
              <input type="hidden" name="intent" value="payCard" />
              <button type="submit" className="button" disabled={busy}>
                {t("mine.payCard", { amount: data.fee })}
              </button>
            </Form>
          ) : null}
          {data.sandbox ? (
            <Form method="post">
              <p className="sandbox-banner" role="note">
                <strong>{t("mine.sandboxBadge")}</strong> {t("mine.sandboxBanner")}
              </p>
              <FormErrors reply={replyFor("pay")} />
              <input type="hidden" name="intent" value="paySandbox" />
              <button type="submit" className="button" disabled={busy}>
                {t("mine.paySandbox", { amount: data.fee })}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("mine.details")}</h2>
        {data.editable ? (
          <Form method="post" className="form" noValidate>
            <FormErrors reply={replyFor("details")} />
            <input type="hidden" name="intent" value="details" />
            <PermitApplicationFields reply={replyFor("details")} values={data.values} currency={data.currency} />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t("mine.save")}
            </button>
          </Form>
        ) : (
          <PermitDetails details={data.values} declared={data.declared} currency={data.currency} />
        )}
        <p>
          {data.fee ? t("mine.fee", { amount: data.fee }) : data.estimatedFee ? t("mine.estimatedFee", { amount: data.estimatedFee }) : t("mine.feeLater")}
        </p>
      </section>

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t("mine.documents")}</h2>
        <p className="muted">{t("mine.documentsHint")}</p>
        <ul className="plan-list" role="list">
          {data.requirements.map((r) => {
            const form = `upload-${r.id}`;
            const errors = fieldErrors(replyFor(form), `document-${r.id}`);
            return (
              <li key={r.id}>
                <p>
                  <strong lang={r.label?.lang}>{r.label?.text}</strong> {r.mandatory ? <span className="badge">{t("mine.mandatory")}</span> : <span className="muted">({t("offered.optional")})</span>}
                </p>
                {r.document ? (
                  <p>
                    <a href={`/me/permits/${data.id}/documents/${r.document.id}`}>
                      <bdi>{r.document.fileName}</bdi>
                    </a>{" "}
                    <span className="muted">{t("mine.uploadedOn", { date: r.document.uploaded })}</span>
                  </p>
                ) : (
                  <p className="muted">{t("mine.noDocument")}</p>
                )}
                {data.editable ? (
                  <Form method="post" encType="multipart/form-data" className="form form--inline" noValidate>
                    <FormErrors reply={replyFor(form)} />
                    <input type="hidden" name="intent" value="upload" />
                    <input type="hidden" name="requirementId" value={r.id} />
                    <FieldFrame inputId={`document-${r.id}`} label={t(r.document ? "mine.replace" : "mine.choose", { label: r.label?.text ?? "" })} hint={t("mine.fileHint")} errors={errors}>
                      {(wiring) => <input id={`document-${r.id}`} name="document" type="file" accept="application/pdf,image/jpeg,image/png" {...wiring} />}
                    </FieldFrame>
                    <button type="submit" className="button button--secondary" disabled={busy}>
                      {t("mine.upload")}
                    </button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      {data.editable ? (
        <Form method="post" className="form">
          <FormErrors reply={replyFor("submit")} />
          <input type="hidden" name="intent" value="submit" />
          <p>{t(data.status === "info_requested" ? "mine.resubmitHint" : "mine.submitHint")}</p>
          <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
            {t(data.status === "info_requested" ? "mine.resubmit" : "mine.submit")}
          </button>
        </Form>
      ) : null}

      <PermitHistory history={data.history} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
