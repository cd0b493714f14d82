import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, type ReplyLike } from "~/components/form";
import { TextareaField } from "~/components/form-extra";
import { Pagination } from "~/components/pagination";
import { formatDate, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { requireUser } from "~/modules/auth/session.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { isUuid, leaveTestimonial, myOffers, withdrawOffer } from "~/modules/volunteering/offers.server";
import { skillLabels } from "~/modules/skills/taxonomy.server";
import { testimonialSchema } from "~/modules/volunteering/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "volunteer:mine.title");

/** The member's offers of help: where each stands, withdrawing, and a thank-you once done. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const page = Number(new URL(request.url).searchParams.get("page")) || 1;
  const offers = await myOffers(session.claims, page);
  const labels = await skillLabels(session.claims, offers.rows.map((o) => o.skill), language);
  return json(
    {
      page: offers.page,
      pages: offers.pages,
      offers: offers.rows.map((o) => ({
        id: o.id,
        status: o.status,
        skill: labels.get(o.skill) ?? o.skill,
        lgu: o.lguName,
        need: o.needDescription ? localized(o.needDescription, language) : null,
        project: o.projectSlug ? { slug: o.projectSlug, title: localized(o.projectTitle ?? {}, language) } : null,
        offeredOn: formatDate(o.createdAt, language),
        scheduled: o.scheduledFrom ? `${formatDate(o.scheduledFrom, language)} – ${formatDate(o.scheduledUntil ?? o.scheduledFrom, language)}` : null,
        note: o.lguNote,
        hours: o.hours === null ? null : formatNumber(Number(o.hours), language),
        mine: o.testimonials.find((x) => x.side === "volunteer")?.body ?? null,
        theirs: o.testimonials.find((x) => x.side === "lgu")?.body ?? null,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const offer = String(form.get("offer") ?? "");
  if (intent === "withdraw") {
    if (!isUuid(offer)) return formError({ status: "error", error: { "": ["volunteer:errors.notYours"] } });
    try {
      await withdrawOffer(session.claims, offer);
    } catch (error) {
      return refusedForm(null, error);
    }
    return redirectWithToast("/me/volunteering", { type: "success", messageKey: "volunteer:mine.withdrawn" });
  }
  const submission = await parseForm(form, testimonialSchema);
  if (submission.status !== "success") return json({ reply: { ...submission.reply(), form: offer } }, { status: 400 });
  try {
    await leaveTestimonial(session.claims, submission.value.offer, submission.value.body);
  } catch (error) {
    const answer = refusedForm(submission, error);
    const body = (await answer.json()) as { reply: ReplyLike };
    return json({ reply: { ...body.reply, form: offer } }, { status: answer.status });
  }
  return redirectWithToast("/me/volunteering", { type: "success", messageKey: "volunteer:mine.thanked" });
}

type Reply = ReplyLike & { form?: string };

export default function MyVolunteering() {
  const { offers, page, pages } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation(["volunteer", "projects"]);
  const location = useLocation();
  return (
    <div className="container section stack">
      <h1>{t("volunteer:mine.title")}</h1>
      {offers.length === 0 ? (
        <p className="empty">
          {t("volunteer:mine.none")} <Link to="/volunteer">{t("volunteer:mine.find")}</Link>
        </p>
      ) : (
        <ul className="plan-list" role="list">
          {offers.map((o) => (
            <li key={o.id} className="card stack">
              <h2 className="card__title" id={`offer-${o.id}`}>
                {o.need ? (
                  <span lang={o.need.lang} dir="auto">
                    {o.need.text}
                  </span>
                ) : (
                  t("volunteer:mine.general", { skill: o.skill })
                )}
              </h2>
              <p className="plan-item__facts">
                <span className="badge">{t(`volunteer:status.${o.status}`)}</span>
                <bdi>{o.lgu}</bdi>
                {o.project ? (
                  <Link to={`/projects/${o.project.slug}`} lang={o.project.title?.lang}>
                    {o.project.title?.text}
                  </Link>
                ) : null}
                <span>{t("volunteer:mine.offeredOn", { date: o.offeredOn })}</span>
                {o.scheduled ? <span>{t("volunteer:mine.scheduled", { dates: o.scheduled })}</span> : null}
                {o.hours ? <span>{t("volunteer:mine.hours", { hours: o.hours })}</span> : null}
              </p>
              {o.note ? (
                <p className="notice">
                  {t("volunteer:mine.lguNote")} <q dir="auto">{o.note}</q>
                </p>
              ) : null}
              {o.theirs ? (
                <blockquote dir="auto">
                  {o.theirs} — <bdi>{o.lgu}</bdi>
                </blockquote>
              ) : null}
              {o.status === "offered" || o.status === "accepted" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="withdraw" />
                  <input type="hidden" name="offer" value={o.id} />
                  <button type="submit" className="button button--secondary" aria-describedby={`offer-${o.id}`}>
                    {t("volunteer:mine.withdraw")}
                  </button>
                </Form>
              ) : null}
              {o.status === "done" ? (
                <Form method="post" className="form stack" noValidate>
                  <FormErrors reply={reply?.form === o.id ? reply : undefined} />
                  <input type="hidden" name="intent" value="thank" />
                  <input type="hidden" name="offer" value={o.id} />
                  <TextareaField
                    name="body"
                    id={`thank-${o.id}`}
                    label={t("volunteer:mine.testimonial")}
                    hint={t("volunteer:mine.testimonialHint")}
                    reply={reply?.form === o.id ? reply : undefined}
                    defaultValue={o.mine ?? ""}
                    rows={3}
                    maxLength={500}
                  />
                  <button type="submit" className="button">
                    {t("volunteer:mine.saveTestimonial")}
                  </button>
                </Form>
              ) : null}
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
