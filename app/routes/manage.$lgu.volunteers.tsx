import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { Field, FormErrors, type ReplyLike } from "~/components/form";
import { TextareaField } from "~/components/form-extra";
import { Pagination } from "~/components/pagination";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { siteUrl } from "~/modules/auth/emails.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { actOnOffer, lguOffers, lguOpenNeeds, offerStatuses, type OfferStatus, type StaffAction } from "~/modules/volunteering/offers.server";
import { skillLabels } from "~/modules/skills/taxonomy.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "volunteer:office.title");

const STAFF = ["admin", "editor"] as const;

/** The LGU's volunteer offers by status: accept with dates or decline with a reason, mark done with hours, thank. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, [...STAFF]);
  const language = await getLanguage(request);
  const url = new URL(request.url);
  const asked = url.searchParams.get("status") ?? "offered";
  const status: OfferStatus = (offerStatuses as readonly string[]).includes(asked) ? (asked as OfferStatus) : "offered";
  const [offers, openNeeds] = await Promise.all([lguOffers(session.claims, lgu.id, status, Number(url.searchParams.get("page")) || 1), lguOpenNeeds(session.claims, lgu.id)]);
  const labels = await skillLabels(session.claims, offers.rows.map((o) => o.skill), language);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      status,
      openNeeds: openNeeds.map((n) => ({ id: n.id, description: localized(n.description, language), project: localized(n.projectTitle, language), found: n.fulfilled, wanted: n.quantity ?? 0 })),
      counts: offerStatuses.map((s) => ({ status: s, count: formatNumber(offers.counts[s] ?? 0, language) })),
      page: offers.page,
      pages: offers.pages,
      today: new Date().toISOString().slice(0, 10),
      offers: offers.rows.map((o) => ({
        skillLabel: labels.get(o.skill) ?? o.skill,
        id: o.id,
        volunteer: o.volunteerName,
        email: o.volunteerEmail,
        skill: o.skill,
        mode: o.mode,
        message: o.message,
        need: o.needDescription ? localized(o.needDescription, language) : null,
        project: o.projectSlug ? { slug: o.projectSlug, title: localized(o.projectTitle ?? {}, language) } : null,
        available: o.availableFrom ? `${formatDate(o.availableFrom, language)}${o.availableUntil ? ` – ${formatDate(o.availableUntil, language)}` : ""}` : null,
        availableFrom: o.availableFrom,
        availableUntil: o.availableUntil,
        offeredOn: formatDate(o.createdAt, language),
        scheduled: o.scheduledFrom ? `${formatDate(o.scheduledFrom, language)} – ${formatDate(o.scheduledUntil ?? o.scheduledFrom, language)}` : null,
        note: o.lguNote,
        hours: o.hours === null ? null : formatNumber(Number(o.hours), language),
        ours: o.testimonials.find((x) => x.side === "lgu")?.body ?? null,
        theirs: o.testimonials.find((x) => x.side === "volunteer")?.body ?? null,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, [...STAFF]);
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "").slice(0, 2000);
  const offer = field("offer");
  const intent = field("intent");
  const actions: Record<string, () => StaffAction> = {
    accept: () => ({ intent: "accept", scheduledFrom: field("scheduledFrom"), scheduledUntil: field("scheduledUntil"), note: field("note") }),
    decline: () => ({ intent: "decline", note: field("note") }),
    complete: () => ({ intent: "complete", hours: field("hours") }),
    thank: () => ({ intent: "thank", body: field("body") }),
  };
  const make = actions[intent];
  const formKey = `${intent}-${offer}`;
  if (!make) return json({ reply: { status: "error", error: { "": ["volunteer:errors.notYours"] }, form: formKey } }, { status: 400 });
  try {
    await actOnOffer(session.claims, offer, make(), siteUrl(request));
  } catch (error) {
    const answer = refusedForm(null, error);
    const body = (await answer.json()) as { reply: ReplyLike };
    return json({ reply: { ...body.reply, form: formKey, initialValue: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) } }, { status: answer.status });
  }
  const back = new URL(request.url);
  return redirectWithToast(`/manage/${lgu.slug}/volunteers${back.search}`, { type: "success", messageKey: `volunteer:office.done.${intent}` });
}

type Reply = ReplyLike & { form?: string };

export default function LguVolunteers() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation(["volunteer", "projects"]);
  const location = useLocation();
  const replyFor = (key: string) => (reply?.form === key ? reply : undefined);
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${data.lgu.slug}`} className="back-link">
          <bdi>{data.lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("volunteer:office.title")}</h1>
      {data.openNeeds.length ? (
        <section aria-labelledby="open-needs-title" className="stack">
          <h2 id="open-needs-title">{t("volunteer:invite.needsTitle")}</h2>
          <ul className="plan-list" role="list">
            {data.openNeeds.map((n) => (
              <li key={n.id}>
                <span lang={n.description?.lang} dir="auto" id={`open-need-${n.id}`}>
                  {n.description?.text}
                </span>{" "}
                <span className="muted">
                  (<span lang={n.project?.lang}>{n.project?.text}</span> · {t("volunteer:people", { found: n.found, wanted: n.wanted })})
                </span>{" "}
                <Link to={`/manage/${data.lgu.slug}/volunteers/needs/${n.id}`} aria-describedby={`open-need-${n.id}`}>
                  {t("volunteer:invite.findPeople")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-label={t("volunteer:office.byStatus")}>
        <ul className="inline-list" role="list">
          {data.counts.map((c) => (
            <li key={c.status}>
              <Link to={`?status=${c.status}`} aria-current={c.status === data.status ? "page" : undefined}>
                {t(`volunteer:status.${c.status}`)} ({c.count})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {data.offers.length === 0 ? (
        <p className="empty">{t("volunteer:office.none")}</p>
      ) : (
        <ul className="plan-list" role="list">
          {data.offers.map((o) => (
            <li key={o.id} className="card stack">
              <h2 className="card__title" id={`offer-${o.id}`}>
                <bdi>{o.volunteer ?? t("volunteer:aVolunteer")}</bdi> — {o.skillLabel}
              </h2>
              <p className="plan-item__facts">
                {o.email ? (
                  <a href={`mailto:${o.email}`} dir="ltr">
                    {o.email}
                  </a>
                ) : null}
                <span>{t(`projects:workModes.${o.mode}`)}</span>
                {o.available ? <span>{t("volunteer:office.available", { dates: o.available })}</span> : null}
                <span>{t("volunteer:mine.offeredOn", { date: o.offeredOn })}</span>
                {o.scheduled ? <span>{t("volunteer:mine.scheduled", { dates: o.scheduled })}</span> : null}
                {o.hours ? <span>{t("volunteer:mine.hours", { hours: o.hours })}</span> : null}
              </p>
              <p>
                {o.project ? (
                  <>
                    <Link to={`/projects/${o.project.slug}`} lang={o.project.title?.lang}>
                      {o.project.title?.text}
                    </Link>
                    {o.need ? (
                      <>
                        {" · "}
                        <span lang={o.need.lang} dir="auto">
                          {o.need.text}
                        </span>
                      </>
                    ) : null}
                  </>
                ) : (
                  t("volunteer:office.generalOffer")
                )}
              </p>
              <blockquote dir="auto">{o.message}</blockquote>
              {o.note ? (
                <p className="muted">
                  {t("volunteer:office.yourNote")} <q dir="auto">{o.note}</q>
                </p>
              ) : null}
              {o.theirs ? <blockquote dir="auto">{o.theirs}</blockquote> : null}
              {data.status === "offered" ? (
                <div className="stack">
                  <Form method="post" className="form stack" noValidate aria-label={t("volunteer:office.acceptLabel")}>
                    <FormErrors reply={replyFor(`accept-${o.id}`)} />
                    <input type="hidden" name="intent" value="accept" />
                    <input type="hidden" name="offer" value={o.id} />
                    <Field name="scheduledFrom" id={`from-${o.id}`} type="date" label={t("volunteer:office.scheduledFrom")} reply={replyFor(`accept-${o.id}`)} defaultValue={o.availableFrom ?? data.today} />
                    <Field name="scheduledUntil" id={`until-${o.id}`} type="date" label={t("volunteer:office.scheduledUntil")} reply={replyFor(`accept-${o.id}`)} defaultValue={o.availableUntil ?? o.availableFrom ?? data.today} />
                    <TextareaField name="note" id={`plan-${o.id}`} label={t("volunteer:office.plan")} reply={replyFor(`accept-${o.id}`)} rows={2} maxLength={1000} />
                    <button type="submit" className="button">
                      {t("volunteer:office.accept")}
                    </button>
                  </Form>
                  <Form method="post" className="form stack" noValidate aria-label={t("volunteer:office.declineLabel")}>
                    <FormErrors reply={replyFor(`decline-${o.id}`)} />
                    <input type="hidden" name="intent" value="decline" />
                    <input type="hidden" name="offer" value={o.id} />
                    <TextareaField name="note" id={`reason-${o.id}`} label={t("volunteer:office.reason")} reply={replyFor(`decline-${o.id}`)} rows={2} maxLength={1000} />
                    <button type="submit" className="button button--secondary">
                      {t("volunteer:office.decline")}
                    </button>
                  </Form>
                </div>
              ) : null}
              {data.status === "accepted" ? (
                <Form method="post" className="form stack" noValidate aria-label={t("volunteer:office.completeLabel")}>
                  <FormErrors reply={replyFor(`complete-${o.id}`)} />
                  <input type="hidden" name="intent" value="complete" />
                  <input type="hidden" name="offer" value={o.id} />
                  <Field name="hours" id={`hours-${o.id}`} label={t("volunteer:office.hours")} hint={t("volunteer:office.hoursHint")} reply={replyFor(`complete-${o.id}`)} inputMode="decimal" />
                  <button type="submit" className="button">
                    {t("volunteer:office.complete")}
                  </button>
                </Form>
              ) : null}
              {data.status === "done" ? (
                <Form method="post" className="form stack" noValidate aria-label={t("volunteer:office.thankLabel")}>
                  <FormErrors reply={replyFor(`thank-${o.id}`)} />
                  <input type="hidden" name="intent" value="thank" />
                  <input type="hidden" name="offer" value={o.id} />
                  <TextareaField name="body" id={`thank-${o.id}`} label={t("volunteer:office.thank")} hint={t("volunteer:mine.testimonialHint")} reply={replyFor(`thank-${o.id}`)} defaultValue={o.ours ?? ""} rows={2} maxLength={500} />
                  <button type="submit" className="button">
                    {t("volunteer:mine.saveTestimonial")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.page} pages={data.pages} search={location.search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
