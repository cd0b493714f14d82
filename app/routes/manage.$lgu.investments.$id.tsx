import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, type ReplyLike } from "~/components/form";
import { FileField } from "~/components/form-extra";
import { PersonToInvite } from "~/components/person-to-invite";
import { OpportunityForm } from "~/components/opportunity-form";
import { LANGUAGE_NAMES } from "~/components/project-form";
import { isSupportedLanguage, supportedLanguages } from "~/i18n/config";
import { countryName, formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { inviteInvestor } from "~/modules/investments/invitations.server";
import { addOpportunityDocument, officeOpportunity, opportunityBySlug, saveOpportunity, setOpportunityStatus } from "~/modules/investments/opportunities.server";
import { opportunityFormSchema } from "~/modules/investments/schema";
import { peopleForOpportunity } from "~/modules/matching/engine.server";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { readUpload } from "~/modules/files/upload.server";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:office.editTitle");

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const managed = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const opportunity = await officeOpportunity(managed.session.claims, managed.lgu.id, params.id ?? "");
  if (!opportunity) throw new Response("Not found", { status: 404 });
  return { ...managed, opportunity };
}

/**
 * One opportunity as its LGU's investment staff edit it: texts a language at a time, status,
 * documents, and (once published) the people they may invite to it: only members who allowed
 * investment invitations, ranked by the matching engine with the reasons.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu, opportunity: o } = await load(request, params);
  const language = await getLanguage(request);
  const asked = new URL(request.url).searchParams.get("text");
  const textLanguage = isSupportedLanguage(asked) ? asked : (Object.keys(o.title).find(isSupportedLanguage) ?? language);
  const page = await opportunityBySlug(session.claims, o.slug, language);
  const people = o.status === "open" ? ((await peopleForOpportunity(session.claims, lgu.id, o.id, language)) ?? []) : [];
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      id: o.id,
      slug: o.slug,
      status: o.status,
      updated: formatDate(o.updatedAt, language),
      textLanguage,
      languagesWritten: Object.keys(o.title),
      values: {
        textLanguage,
        title: o.title[textLanguage] ?? "",
        summary: o.summary[textLanguage] ?? "",
        description: o.description[textLanguage] ?? "",
        sector: o.sector,
        kind: o.kind,
        location: o.location ?? "",
        ticketMin: toMajorUnits(o.ticketMinMinor, o.currency),
        ticketMax: toMajorUnits(o.ticketMaxMinor, o.currency),
        currency: o.currency,
        timeline: o.timeline,
        incentives: o.incentives,
        incentivesNote: o.incentivesNote ?? "",
        contactOffice: o.contactOffice,
        contactEmail: o.contactEmail ?? "",
      },
      documents: (page?.documents ?? []).map((d) => ({ id: d.id, fileName: d.fileName })),
      people: people.map((p) => ({ ...p, country: p.country ? countryName(p.country, language) : null })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu, opportunity } = await load(request, params);
  const back = (messageKey: string, search = "") => redirectWithToast(`/manage/${lgu.slug}/investments/${opportunity.id}${search}`, { type: "success", messageKey });
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readUpload(request, { document: 10 * 1024 * 1024 + 1 });
    const reply = (key: string) => json({ reply: { status: "error", error: { document: [key] }, form: "document" } as ReplyLike & { form: string } }, { status: 400 });
    if (!upload.ok) return reply(upload.problem === "tooLarge" ? "services:documents.too_large" : "invest:validation.choice");
    const file = upload.files.get("document");
    if (!file) return reply("services:documents.empty");
    try {
      await addOpportunityDocument(session.claims, lgu.id, opportunity.id, file);
    } catch (error) {
      const answer = refusedForm(null, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form: "document" } }, { status: answer.status });
    }
    return back("invest:office.done.uploaded");
  }
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "invite") {
    const person = String(form.get("person") ?? "");
    try {
      await inviteInvestor(session.claims, opportunity.id, person, siteUrl(request));
    } catch (error) {
      const answer = refusedForm(null, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form: `invite-${person}` } }, { status: answer.status });
    }
    return redirectWithToast(`/manage/${lgu.slug}/investments/${opportunity.id}#people-title`, { type: "success", messageKey: "invest:invite.sent" });
  }
  if (intent === "open" || intent === "closed") {
    try {
      await setOpportunityStatus(session.claims, lgu.id, opportunity.id, intent);
    } catch (error) {
      const answer = refusedForm(null, error);
      const body = (await answer.json()) as { reply: object };
      return json({ reply: { ...body.reply, form: "status" } }, { status: answer.status });
    }
    return back(`invest:office.done.${intent}`);
  }
  const submission = await parseForm(form, opportunityFormSchema);
  if (submission.status !== "success") return formError({ ...submission.reply(), form: "details" });
  try {
    await saveOpportunity(session.claims, lgu.id, opportunity.id, submission.value);
  } catch (error) {
    return refusedForm(submission, error);
  }
  return back("invest:office.done.saved", `?text=${submission.value.textLanguage}`);
}

type Reply = ReplyLike & { form?: string };

export default function EditOpportunity() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as Reply | undefined;
  const { t } = useTranslation("invest");
  const busy = useNavigation().state === "submitting";
  const replyFor = (form: string) => (reply?.form === form || (form === "details" && reply && !reply.form) ? reply : undefined);
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${data.lgu.slug}/investments`} className="back-link">
          {t("office.title")}
        </Link>
      </p>
      <h1>{t("office.editTitle")}</h1>
      <p>
        <span className="badge">{t(`statuses.${data.status}`)}</span> {t("list.updated", { date: data.updated })} ·{" "}
        <Link to={`/invest/${data.slug}`}>{t("office.view")}</Link>
      </p>
      <Form method="post" className="actions">
        <FormErrors reply={replyFor("status")} />
        {data.status === "draft" ? (
          <button type="submit" className="button" name="intent" value="open">
            {t("office.publish")}
          </button>
        ) : data.status === "open" ? (
          <button type="submit" className="button button--secondary" name="intent" value="closed">
            {t("office.close")}
          </button>
        ) : (
          <button type="submit" className="button" name="intent" value="open">
            {t("office.reopen")}
          </button>
        )}
      </Form>
      <nav aria-label={t("office.textLanguage")}>
        <p>{t("office.otherLanguage")}</p>
        <ul className="inline-list" role="list">
          {supportedLanguages.map((l) => (
            <li key={l}>
              <Link to={`?text=${l}`} aria-current={l === data.textLanguage ? "page" : undefined} lang={l}>
                {LANGUAGE_NAMES[l]}
                {data.languagesWritten.includes(l) ? " ✓" : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <OpportunityForm key={data.textLanguage} isNew={false} fixedLanguage reply={replyFor("details")} busy={busy} values={data.values} />
      <section aria-labelledby="documents-title" className="stack">
        <h2 id="documents-title">{t("office.documents")}</h2>
        {data.documents.length === 0 ? (
          <p className="empty">{t("office.noDocuments")}</p>
        ) : (
          <ul>
            {data.documents.map((d) => (
              <li key={d.id}>
                <a href={`/invest/${data.slug}/documents/${d.id}`}>
                  <bdi>{d.fileName}</bdi>
                </a>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" encType="multipart/form-data" className="form">
          <FormErrors reply={replyFor("document")} />
          <FileField name="document" label={t("office.document")} reply={replyFor("document")} accept="application/pdf,image/jpeg,image/png" required />
          <button type="submit" className="button button--secondary">
            {t("office.upload")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="people-title" className="stack">
        <h2 id="people-title">{t("invite.title")}</h2>
        <p>{t("invite.intro")}</p>
        {/* A refusal about someone no longer listed (they withdrew consent, or were never there). */}
        {reply?.form?.startsWith("invite-") && !data.people.some((p) => `invite-${p.profileId}` === reply.form) ? <FormErrors reply={reply} /> : null}
        {data.status !== "open" ? (
          <p className="empty">{t("invite.notOpen")}</p>
        ) : data.people.length === 0 ? (
          <p className="empty">{t("invite.none")}</p>
        ) : (
          <ul className="plan-list" role="list">
            {data.people.map((p) => (
              <PersonToInvite
                key={p.profileId}
                person={p}
                heading="h3"
                words={{ unnamed: t("invite.unnamed"), already: t("invite.already"), send: t("invite.send") }}
                reply={replyFor(`invite-${p.profileId}`)}
                intent="invite"
              />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
