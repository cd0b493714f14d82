import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, TextAreaField, type ReplyLike } from "~/components/form";
import { PermitDetails, PermitHistory } from "~/components/permit-fields";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { applicationView } from "~/modules/permits/applications.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { actOnApplication, notifyApplicant, type OfficerAction } from "~/modules/permits/office.server";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { formError } from "~/utils/forms.server";
import { logger } from "~/utils/logger.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:office.applicationTitle");

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const managed = await requireManagedLgu(request, params.lgu, ["admin", "permits_officer", "treasurer"]);
  const language = await getLanguage(request);
  const view = await applicationView(managed.session.claims, params.id ?? "", language);
  if (!view || view.lguId !== managed.lgu.id || view.status === "draft") throw new Response("Not found", { status: 404 });
  return { ...managed, view, language };
}

/** One application as the permits office works on it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lgu, roles, view, language } = await load(request, params);
  const officer = roles.includes("admin") || roles.includes("permits_officer");
  const treasurer = roles.includes("admin") || roles.includes("treasurer");
  const money = (minor: number) => formatMoney(minor, view.currency, language);
  const s = view.status;
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      id: view.id,
      reference: view.reference,
      status: s,
      typeName: view.typeName,
      currency: view.currency,
      officerNote: view.officerNote,
      details: { businessName: view.businessName, lineOfBusiness: view.lineOfBusiness, address: view.address, ownerName: view.ownerName, ownerPhone: view.ownerPhone },
      declared: money(view.declaredMinor),
      fee: view.feeMinor === null ? null : money(view.feeMinor),
      feeMajor: view.feeMinor === null ? null : toMajorUnits(view.feeMinor, view.currency),
      suggestedFee: view.estimatedFeeMinor === null ? null : toMajorUnits(view.estimatedFeeMinor, view.currency),
      suggestedFeeText: view.estimatedFeeMinor === null ? null : money(view.estimatedFeeMinor),
      requirements: view.requirements.map((r) => ({
        id: r.id,
        label: r.label,
        mandatory: r.mandatory,
        document: officer && r.document ? { id: r.document.id, fileName: r.document.fileName, uploaded: formatDate(r.document.uploadedAt, language) } : null,
      })),
      history: view.history.map((h) => ({ id: h.id, to: h.toStatus, when: formatDate(h.occurredAt, language), note: h.note })),
      permit: view.permit ? { number: view.permit.number, validUntil: formatDate(view.permit.validUntil, language) } : null,
      can: {
        requestInfo: officer && (s === "submitted" || s === "assessed"),
        assess: officer && (s === "submitted" || s === "assessed"),
        approve: officer && s === "assessed",
        reject: officer && ["submitted", "info_requested", "assessed", "approved"].includes(s),
        recordPayment: treasurer && s === "approved",
        issue: officer && s === "paid",
      },
      paymentKey: crypto.randomUUID(),
      today: new Date().toISOString().slice(0, 10),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu, view } = await load(request, params);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const field = (name: string) => String(form.get(name) ?? "");
  const actions: Record<string, () => OfficerAction> = {
    requestInfo: () => ({ intent: "requestInfo", note: field("note") }),
    assess: () => ({ intent: "assess", fee: field("fee") }),
    approve: () => ({ intent: "approve" }),
    reject: () => ({ intent: "reject", note: field("note") }),
    recordPayment: () => ({ intent: "recordPayment", key: field("key"), amount: field("amount") }),
    issue: () => ({ intent: "issue", validFrom: field("validFrom") }),
  };
  const make = actions[intent];
  if (!make) return formError({ status: "error", error: { "": ["permits:errors.unreadable"] } });
  const chosen = make();
  try {
    await actOnApplication(session.claims, view.id, view.currency, chosen);
  } catch (error) {
    const answer = refusedForm(null, error);
    const body = (await answer.json()) as { reply: object };
    return json({ reply: { ...body.reply, form: intent } }, { status: answer.status });
  }
  // The action is done; a failed email must not make it look as if it was not.
  await notifyApplicant(view.id, chosen.intent, siteUrl(request)).catch((error: unknown) =>
    logger().warn({ application: view.id, intent: chosen.intent, err: error instanceof Error ? error.message : String(error) }, "permit applicant not emailed"),
  );
  return redirectWithToast(`/manage/${lgu.slug}/permits/${view.id}`, { type: "success", messageKey: `permits:office.done.${intent}` });
}

type Reply = ReplyLike & { form?: string };

export default function OfficeApplication() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation("permits");
  const busy = useNavigation().state === "submitting";
  const replyFor = (form: string) => (reply?.form === form ? reply : undefined);
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/manage/${data.lgu.slug}/permits`} className="back-link">
          {t("office.title")}
        </Link>
      </p>
      <h1>
        <span dir="ltr">{data.reference}</span> — <bdi>{data.details.businessName}</bdi>
      </h1>
      <p>
        <span className="badge">{t(`status.${data.status}`)}</span> <span lang={data.typeName?.lang}>{data.typeName?.text}</span>
      </p>
      <PermitDetails details={data.details} declared={data.declared} currency={data.currency} withPhone>
        <dt>{t("office.fee")}</dt>
        <dd>{data.fee ?? (data.suggestedFeeText ? t("office.suggested", { amount: data.suggestedFeeText }) : t("office.notAssessed"))}</dd>
      </PermitDetails>
      {data.permit ? (
        <p>
          {t("office.issuedAs", { number: data.permit.number, until: data.permit.validUntil })}{" "}
          <a href={`/permits/${data.permit.number}.pdf`}>{t("office.permitPdf")}</a>
        </p>
      ) : null}

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t("mine.documents")}</h2>
        <ul>
          {data.requirements.map((r) => (
            <li key={r.id}>
              <span lang={r.label?.lang}>{r.label?.text}</span>
              {r.mandatory ? ` (${t("mine.mandatory")})` : ""}:{" "}
              {r.document ? (
                <a href={`/me/permits/${data.id}/documents/${r.document.id}`}>
                  <bdi>{r.document.fileName}</bdi>
                </a>
              ) : (
                <span className="muted">{t("mine.noDocument")}</span>
              )}
            </li>
          ))}
        </ul>
      </section>

      {data.can.assess ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("office.assessTitle")}</h2>
          <FormErrors reply={replyFor("assess")} />
          <input type="hidden" name="intent" value="assess" />
          <Field
            name="fee"
            id="office-fee"
            label={t("office.feeLabel", { currency: data.currency })}
            hint={data.suggestedFeeText ? t("office.feeHint", { amount: data.suggestedFeeText }) : undefined}
            defaultValue={data.feeMajor ?? data.suggestedFee ?? ""}
            reply={replyFor("assess")}
            inputMode="decimal"
          />
          <button type="submit" className="button" disabled={busy}>
            {t("office.assess")}
          </button>
        </Form>
      ) : null}
      {data.can.approve ? (
        <Form method="post">
          <FormErrors reply={replyFor("approve")} />
          <input type="hidden" name="intent" value="approve" />
          <button type="submit" className="button" disabled={busy}>
            {t("office.approve")}
          </button>
        </Form>
      ) : null}
      {data.can.recordPayment ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("office.paymentTitle")}</h2>
          <FormErrors reply={replyFor("recordPayment")} />
          <input type="hidden" name="intent" value="recordPayment" />
          <input type="hidden" name="key" value={data.paymentKey} />
          <Field name="amount" id="office-amount" label={t("office.amountLabel", { currency: data.currency })} defaultValue={data.feeMajor ?? ""} reply={replyFor("recordPayment")} inputMode="decimal" />
          <button type="submit" className="button" disabled={busy}>
            {t("office.recordPayment")}
          </button>
        </Form>
      ) : null}
      {data.can.issue ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("office.issueTitle")}</h2>
          <FormErrors reply={replyFor("issue")} />
          <input type="hidden" name="intent" value="issue" />
          <Field name="validFrom" id="office-valid-from" type="date" label={t("office.validFrom")} defaultValue={data.today} reply={replyFor("issue")} />
          <button type="submit" className="button" disabled={busy}>
            {t("office.issue")}
          </button>
        </Form>
      ) : null}
      {data.can.requestInfo ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("office.requestInfoTitle")}</h2>
          <FormErrors reply={replyFor("requestInfo")} />
          <input type="hidden" name="intent" value="requestInfo" />
          <TextAreaField name="note" id="office-info-note" label={t("office.infoNote")} reply={replyFor("requestInfo")} rows={3} maxLength={2000} />
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("office.requestInfo")}
          </button>
        </Form>
      ) : null}
      {data.can.reject ? (
        <Form method="post" className="form" noValidate>
          <h2>{t("office.rejectTitle")}</h2>
          <FormErrors reply={replyFor("reject")} />
          <input type="hidden" name="intent" value="reject" />
          <TextAreaField name="note" id="office-reject-note" label={t("office.rejectNote")} reply={replyFor("reject")} rows={3} maxLength={2000} />
          <button type="submit" className="button button--danger" disabled={busy}>
            {t("office.reject")}
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
