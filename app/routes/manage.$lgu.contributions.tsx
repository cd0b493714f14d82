import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, type ReplyLike } from "~/components/form";
import { Pagination } from "~/components/pagination";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { confirmSchema, lapseSchema, refundSchema, treasuryFilters, type TreasuryFilter } from "~/modules/contributions/schema";
import {
  confirmContribution,
  lapseContribution,
  lguCardAccount,
  listLguContributions,
  logMoneyRefusal,
  newRequestKey,
  refundCard,
  refundOfflineContribution,
} from "~/modules/contributions/treasury.server";
import { getPaymentsPort } from "~/adapters/index.server";
import { startLguPaymentsOnboarding } from "~/modules/contributions/card-payments.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "giving:treasury.title");

const OFFLINE = new Set(["bank_transfer", "remittance", "cash"]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lgu, isAdmin } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const cards = getPaymentsPort() !== null;
  const url = new URL(request.url);
  const requested = url.searchParams.get("status");
  const filter: TreasuryFilter = treasuryFilters.includes(requested as TreasuryFilter) ? (requested as TreasuryFilter) : "pending";
  const page = Number(url.searchParams.get("page")) || 1;
  const language = await getLanguage(request);
  const { rows, total, page: current, pages } = await listLguContributions(lgu.id, filter, page);
  const today = new Date().toISOString().slice(0, 10);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      filter,
      isAdmin,
      cardPayments: cards ? { account: await lguCardAccount(lgu.id), onboarding: url.searchParams.get("onboarding") } : null,
      total,
      page: current,
      pages,
      today,
      rows: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        kind: r.kind,
        channel: r.channel,
        status: r.status,
        anonymous: r.anonymous,
        pledged: formatMoney(r.amountMinor, r.currency, language),
        pledgedMajor: toMajorUnits(r.amountMinor, r.currency),
        received: formatMoney(r.receivedMinor, r.currency, language),
        refundAwaiting: r.refundAwaitingMinor > 0 ? formatMoney(r.refundAwaitingMinor, r.currency, language) : null,
        refundable: r.receivedMinor > 0 && (OFFLINE.has(r.channel) || r.channel === "sandbox" || (cards && r.channel === "card" && r.kind === "one_time")),
        currency: r.currency,
        dueOn: r.dueOn ? formatDate(r.dueOn, language) : null,
        createdOn: formatDate(r.createdAt, language),
        project: { slug: r.projectSlug, title: localized(r.projectTitle, language) },
        donor: r.donorName ?? null,
        donorEmail: r.donorEmail,
        canConfirm: r.status === "pending" && OFFLINE.has(r.channel),
        // A fresh key per page view: resubmitting the same refund form records it once.
        refundKey: newRequestKey(),
        refundIntent: r.channel === "card" ? "cardRefund" : "refund",
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const id = String(formData.get("id") ?? "");
  // Card and offline refunds share the row's one refund form.
  const form = `${intent === "cardRefund" ? "refund" : intent}-${id}`;
  const back = new URL(request.url);
  if (intent === "onboard") {
    const base = `${siteUrl(request)}/manage/${lgu.slug}/contributions`;
    const { url } = await startLguPaymentsOnboarding(session.claims, lgu.id, { returnUrl: `${base}?onboarding=done`, refreshUrl: `${base}?onboarding=retry` });
    return redirect(url);
  }
  const changes = {
    confirm: { schema: confirmSchema, apply: confirmContribution, done: "giving:treasury.confirmed" },
    lapse: { schema: lapseSchema, apply: lapseContribution, done: "giving:treasury.lapsed" },
    refund: { schema: refundSchema, apply: refundOfflineContribution, done: "giving:treasury.refunded" },
    cardRefund: { schema: refundSchema, apply: refundCard, done: "giving:treasury.cardRefundRequested" },
  } as const;
  const change = changes[intent as keyof typeof changes];
  if (!change) return formError({ status: "error", error: { "": ["giving:validation.gone"] }, form } as never);
  const submission = await parseForm(formData, change.schema);
  if (submission.status !== "success") {
    logMoneyRefusal(`treasury.${intent}`, session.user.id, submission.reply().error ?? {});
    return formError({ ...submission.reply(), form });
  }
  try {
    await (change.apply as (c: typeof session.claims, l: string, v: unknown) => Promise<void>)(session.claims, lgu.id, submission.value);
  } catch (error) {
    logMoneyRefusal(`treasury.${intent}`, session.user.id, error);
    const answer = refusedForm(submission, error);
    const body = (await answer.json()) as { reply: object };
    return json({ reply: { ...body.reply, form } }, { status: answer.status });
  }
  return redirectWithToast(`${back.pathname}${back.search}`, { type: "success", messageKey: change.done });
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

function RowActions({ row, today, reply }: { row: Row; today: string; reply?: ReplyLike & { form?: string } }) {
  const { t } = useTranslation("giving");
  const replyFor = (form: string) => (reply?.form === `${form}-${row.id}` ? reply : undefined);
  return (
    <div className="stack">
      {row.canConfirm ? (
        <>
          <Form method="post" className="form form--inline" noValidate>
            <FormErrors reply={replyFor("confirm")} />
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="id" value={row.id} />
            <Field id={`confirm-${row.id}-amount`} name="amount" label={t("treasury.amountReceived", { currency: row.currency })} defaultValue={row.pledgedMajor} reply={replyFor("confirm")} inputMode="decimal" />
            <Field id={`confirm-${row.id}-date`} name="receivedOn" type="date" label={t("treasury.receivedOn")} defaultValue={today} reply={replyFor("confirm")} />
            <button type="submit" className="button" aria-describedby={`ref-${row.id}`}>
              {t("treasury.confirm")}
            </button>
          </Form>
          <Form method="post" className="inline-form">
            <FormErrors reply={replyFor("lapse")} />
            <input type="hidden" name="intent" value="lapse" />
            <input type="hidden" name="id" value={row.id} />
            <button type="submit" className="link-button danger" aria-describedby={`ref-${row.id}`}>
              {t("treasury.lapse")}
            </button>
          </Form>
        </>
      ) : null}
      {row.refundable ? (
        <details className="plan-item__edit" open={Boolean(replyFor("refund")) || undefined}>
          <summary>
            {t("treasury.refund")} <span className="visually-hidden">{row.reference}</span>
          </summary>
          <Form method="post" className="form form--inline" noValidate>
            <FormErrors reply={replyFor("refund")} />
            <input type="hidden" name="intent" value={row.refundIntent} />
            <input type="hidden" name="id" value={row.id} />
            <input type="hidden" name="key" value={row.refundKey} />
            <Field id={`refund-${row.id}-amount`} name="amount" label={t("treasury.refundAmount", { currency: row.currency })} reply={replyFor("refund")} inputMode="decimal" />
            <button type="submit" className="button button--danger">
              {t("treasury.refundSubmit")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

export default function Treasury() {
  const { lgu, filter, total, page, pages, today, rows, isAdmin, cardPayments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as (ReplyLike & { form?: string }) | undefined;
  const { t } = useTranslation("giving");
  const location = useLocation();
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("treasury.title")}</h1>
      <p className="lead">{t("treasury.intro")}</p>
      {cardPayments ? (
        <section aria-labelledby="cards-title" className="card stack">
          <h2 id="cards-title">{t("cards.title")}</h2>
          <p>
            {cardPayments.account?.chargesEnabled
              ? t("cards.ready")
              : cardPayments.account
                ? t("cards.incomplete")
                : t("cards.none")}
          </p>
          {cardPayments.onboarding === "done" ? <p className="muted">{t("cards.returned")}</p> : null}
          {isAdmin && !cardPayments.account?.chargesEnabled ? (
            <Form method="post">
              <input type="hidden" name="intent" value="onboard" />
              <button type="submit" className="button button--secondary">
                {cardPayments.account ? t("cards.continue") : t("cards.start")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <nav aria-label={t("treasury.filterLabel")}>
        <ul className="inline-list" role="list">
          {treasuryFilters.map((f) => (
            <li key={f}>
              <Link to={`?status=${f}`} aria-current={f === filter ? "page" : undefined}>
                {t(`treasury.filters.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p role="status">{t("treasury.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p className="empty">{t(`treasury.empty.${filter}`)}</p>
      ) : (
        <ul className="plan-list" role="list">
          {rows.map((row) => (
            <li key={row.id}>
              <h2 className="card__title" id={`ref-${row.id}`}>
                <span dir="ltr">{row.reference}</span> · {row.pledged}
              </h2>
              <p className="plan-item__facts">
                <span className="badge">{t(`status.${row.status}`)}</span>
                <span>{t(`channels.${row.channel}`)}</span>
                <span>
                  <Link to={`/projects/${row.project.slug}`} lang={row.project.title?.lang}>
                    {row.project.title?.text}
                  </Link>
                </span>
                <span>
                  {t("treasury.donor")} <bdi>{row.donor ?? t("treasury.noName")}</bdi>
                  {row.donorEmail ? (
                    <>
                      {" "}
                      (<a href={`mailto:${row.donorEmail}`}>{row.donorEmail}</a>)
                    </>
                  ) : null}
                  {row.anonymous ? ` · ${t("treasury.anonymousInPublic")}` : ""}
                </span>
                <span>{t("treasury.received", { amount: row.received })}</span>
                {row.refundAwaiting ? <span className="badge">{t("treasury.refundAwaiting", { amount: row.refundAwaiting })}</span> : null}
                {row.dueOn ? <span>{t("treasury.due", { date: row.dueOn })}</span> : null}
                <span>{t("treasury.created", { date: row.createdOn })}</span>
              </p>
              <RowActions row={row} today={today} reply={reply} />
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
