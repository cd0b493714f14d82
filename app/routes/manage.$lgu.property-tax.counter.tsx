import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FieldFrame, FormErrors, fieldErrors, previousValue, SubmitButton, type ReplyLike } from "~/components/form";
import { formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { assessmentsAtCounter, recordCounterPayment } from "~/modules/property-tax/counter.server";
import { counterChannels } from "~/modules/property-tax/schema";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "tax:counter.title");

/** The treasury counter: find a declaration, see what is due today, record the payment received. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const language = await getLanguage(request);
  const declaration = (new URL(request.url).searchParams.get("declaration") ?? "").slice(0, 60);
  const found = declaration.trim() ? await assessmentsAtCounter(session.claims, lgu.id, declaration) : null;
  const money = (minor: number, currency: string) => formatMoney(minor, currency, language);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      declaration,
      assessments:
        found?.map((a) => ({
          id: a.id,
          taxDeclarationNumber: a.taxDeclarationNumber,
          propertyLocation: a.propertyLocation,
          ownerName: a.ownerName,
          dueDate: formatDate(a.dueDate, language),
          currency: a.currency,
          taxDue: money(a.taxDueMinor, a.currency),
          penalty: money(a.penaltyMinor, a.currency),
          total: money(a.totalMinor, a.currency),
          totalMajor: toMajorUnits(a.totalMinor, a.currency),
          receiptNumber: a.receiptNumber,
          key: crypto.randomUUID(),
        })) ?? null,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "treasurer"]);
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "").slice(0, 200);
  const input = { assessmentId: field("assessment"), amount: field("amount"), channel: field("channel"), key: field("key") };
  try {
    const receipt = await recordCounterPayment(session.claims, lgu.id, input);
    return redirectWithToast(`/manage/${lgu.slug}/property-tax/payments`, { type: "success", messageKey: "tax:counter.recorded", values: { receipt } });
  } catch (error) {
    const answer = refusedForm(null, error);
    const body = (await answer.json()) as { reply: ReplyLike };
    return json({ reply: { ...body.reply, form: input.assessmentId, initialValue: { amount: input.amount, channel: input.channel } } }, { status: answer.status });
  }
}

type Reply = ReplyLike & { form?: string };

export default function TaxCounter() {
  const { lgu, declaration, assessments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation("tax");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/manage/${lgu.slug}/property-tax`} className="back-link">
          {t("import.back")}
        </Link>
      </p>
      <h1>{t("counter.title")}</h1>
      <p>{t("counter.intro")}</p>
      <Form method="get" className="form stack" role="search" aria-label={t("counter.findLabel")}>
        <Field name="declaration" id="counter-declaration" label={t("lookup.declaration")} hint={t("lookup.declarationHint")} defaultValue={declaration} dir="ltr" autoComplete="off" />
        <button type="submit" className="button button--secondary">
          {t("counter.find")}
        </button>
      </Form>

      {assessments === null ? null : assessments.length === 0 ? (
        <p className="empty" role="status">
          {t("counter.none", { declaration })}
        </p>
      ) : (
        <section aria-labelledby="counter-results" className="stack">
          <h2 id="counter-results">{t("counter.results")}</h2>
          {assessments.map((a) => {
            const own = reply?.form === a.id ? reply : undefined;
            return (
              <article key={a.id} className="card stack" aria-labelledby={`assessment-${a.id}`}>
                <h3 id={`assessment-${a.id}`}>
                  <span dir="ltr">{a.taxDeclarationNumber}</span> — {t("lookup.dueDate")}: {a.dueDate}
                </h3>
                <dl className="details">
                  <dt>{t("payments.owner")}</dt>
                  <dd>
                    <bdi>{a.ownerName}</bdi>
                  </dd>
                  <dt>{t("lookup.location")}</dt>
                  <dd>
                    <bdi>{a.propertyLocation}</bdi>
                  </dd>
                  <dt>{t("lookup.taxDue")}</dt>
                  <dd>{a.taxDue}</dd>
                  <dt>{t("lookup.penalty")}</dt>
                  <dd>{a.penalty}</dd>
                  <dt>{t("lookup.total")}</dt>
                  <dd>
                    <strong>{a.total}</strong>
                  </dd>
                </dl>
                {a.receiptNumber ? (
                  <p>
                    {t("counter.paid")}{" "}
                    <a href={`/lgus/${lgu.slug}/property-tax/receipts/${a.receiptNumber}.pdf`} dir="ltr">
                      {a.receiptNumber}
                    </a>
                  </p>
                ) : (
                  <Form method="post" className="form stack" noValidate>
                    <FormErrors reply={own} />
                    <input type="hidden" name="assessment" value={a.id} />
                    <input type="hidden" name="key" value={a.key} />
                    <FieldFrame inputId={`channel-${a.id}`} label={t("counter.channel")} errors={fieldErrors(own, "channel")}>
                      {(wiring) => (
                        <select id={`channel-${a.id}`} name="channel" defaultValue={previousValue(own, "channel") ?? "cash"} {...wiring}>
                          {counterChannels.map((c) => (
                            <option key={c} value={c}>
                              {t(`channels.${c}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </FieldFrame>
                    <Field
                      name="amount"
                      id={`amount-${a.id}`}
                      label={t("counter.amount", { currency: a.currency })}
                      hint={t("counter.amountHint", { total: a.total })}
                      defaultValue={a.totalMajor}
                      reply={own}
                      inputMode="decimal"
                      dir="ltr"
                    />
                    <SubmitButton busy={busy} busyLabel={t("counter.recording")}>
                      {t("counter.record")}
                    </SubmitButton>
                  </Form>
                )}
              </article>
            );
          })}
        </section>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
