import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { FormErrors, type ReplyLike } from "~/components/form";
import { countryName, formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { siteUrl } from "~/modules/auth/emails.server";
import { actOnLead, leadsOf } from "~/modules/investments/pipeline.server";
import { leadStages, movableStages } from "~/modules/investments/vocabulary";
import { refusedForm, requireManagedLgu } from "~/modules/organisations/access.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "invest:pipeline.title");

// Plain links and forms (moves on the board are POST forms): no JavaScript needed.
export const handle = scriptFree;

const filtersSchema = z.object({
  view: z.enum(["list", "board"]).catch("list"),
  stage: z.enum(leadStages).optional().catch(undefined),
  assigned: z.enum(["me", "nobody"]).optional().catch(undefined),
  overdue: z
    .string()
    .optional()
    .transform((v) => v === "1"),
});

/** The LGU's leads as a list (filters) or a board with a column per stage; moves by plain forms. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const language = await getLanguage(request);
  const filters = filtersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { leads, counts } = await leadsOf(session.claims, lgu.id, filters.view === "board" ? { assigned: filters.assigned, overdue: filters.overdue } : filters, language);
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name },
      filters,
      counts,
      leads: leads.map((l) => ({
        id: l.id,
        name: l.displayName,
        country: l.country ? countryName(l.country, language) : null,
        stage: l.stage,
        opportunity: l.opportunityTitle,
        amount: `${formatMoney(l.amountMinMinor, l.currency, language)} – ${formatMoney(l.amountMaxMinor, l.currency, language)}`,
        assignee: l.assigneeName,
        next: l.nextAction ? { action: l.nextAction, on: l.nextActionOn ? formatDate(l.nextActionOn, language) : "" } : null,
        overdue: l.overdue,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** A move from the board: the same database function as on the lead's page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "investment_officer"]);
  const form = await request.formData();
  const lead = String(form.get("lead") ?? "");
  const stage = String(form.get("stage") ?? "");
  const back = String(form.get("back") ?? "");
  if (!/^[0-9a-f-]{36}$/i.test(lead) || !(movableStages as readonly string[]).includes(stage)) {
    return json({ reply: { status: "error", error: { "": ["invest:validation.choice"] }, form: lead } }, { status: 400 });
  }
  try {
    await actOnLead(session.claims, lgu.id, lead, { intent: "move", stage, note: null }, siteUrl(request));
  } catch (error) {
    const answer = refusedForm(null, error);
    const body = (await answer.json()) as { reply: { error?: Record<string, string[]> } };
    // On the board there is no note field: every refusal shows above the card's form.
    const messages = Object.values(body.reply.error ?? {}).flat();
    return json({ reply: { status: "error", error: { "": messages }, form: lead } }, { status: answer.status });
  }
  const search = /^\?[a-z0-9=&_]*$/i.test(back) ? back : "?view=board";
  return redirectWithToast(`/manage/${lgu.slug}/investments/leads${search}`, { type: "success", messageKey: "invest:lead.done.move" });
}

type Lead = ReturnType<typeof useLoaderData<typeof loader>>["leads"][number];

function LeadCard({ lead, lguSlug, back, reply }: { lead: Lead; lguSlug: string; back: string; reply?: ReplyLike }) {
  const { t } = useTranslation("invest");
  return (
    <article className="lead-card" aria-labelledby={`lead-${lead.id}`}>
      <h3 id={`lead-${lead.id}`}>
        <Link to={`/manage/${lguSlug}/investments/leads/${lead.id}`}>
          <bdi>{lead.name}</bdi>
        </Link>
      </h3>
      <p lang={lead.opportunity?.lang} dir="auto">
        {lead.opportunity?.text}
      </p>
      <p className="muted">{lead.amount}</p>
      {lead.next ? (
        <p>
          {lead.overdue ? <span className="badge badge--overdue">{t("pipeline.overdue")}</span> : null} {lead.next.action} ({lead.next.on})
        </p>
      ) : null}
      <p className="muted">{lead.assignee ?? t("pipeline.unassigned")}</p>
      {lead.stage !== "registered" ? (
        <Form method="post" className="lead-card__move">
          <FormErrors reply={reply} />
          <input type="hidden" name="lead" value={lead.id} />
          <input type="hidden" name="back" value={back} />
          <label htmlFor={`move-${lead.id}`}>{t("pipeline.moveTo")}</label>
          <select id={`move-${lead.id}`} name="stage" defaultValue="">
            <option value="" disabled>
              —
            </option>
            {movableStages
              .filter((s) => s !== lead.stage && s !== "declined")
              .map((s) => (
                <option key={s} value={s}>
                  {t(`stages.${s}`)}
                </option>
              ))}
          </select>
          <button type="submit" className="button button--secondary">
            {t("pipeline.move")}
          </button>
        </Form>
      ) : null}
    </article>
  );
}

export default function Leads() {
  const { lgu, filters, counts, leads } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply as (ReplyLike & { form?: string }) | undefined;
  const { t } = useTranslation("invest");
  const board = filters.view === "board";
  const query = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    const next = { view: filters.view, stage: filters.stage, assigned: filters.assigned, overdue: filters.overdue ? "1" : undefined, ...changes };
    for (const [k, v] of Object.entries(next)) if (v) params.set(k, v);
    return `?${params.toString()}`;
  };
  const back = query({});
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}/investments`} className="back-link">
          {t("office.title")}
        </Link>
      </p>
      <h1>{t("pipeline.title")}</h1>
      <ul className="inline-list" role="list">
        <li>
          <Link to={query({ view: "list" })} aria-current={!board ? "page" : undefined}>
            {t("pipeline.list")}
          </Link>
        </li>
        <li>
          <Link to={query({ view: "board", stage: undefined })} aria-current={board ? "page" : undefined}>
            {t("pipeline.board")}
          </Link>
        </li>
        <li>
          <a href={`/manage/${lgu.slug}/investments/leads.csv`} download>
            {t("pipeline.csv")}
          </a>
        </li>
      </ul>
      <Form method="get" className="filters" aria-label={t("pipeline.filters")}>
        <input type="hidden" name="view" value={filters.view} />
        {!board ? (
          <div className="field">
            <label htmlFor="stage">{t("pipeline.stage")}</label>
            <select id="stage" name="stage" defaultValue={filters.stage ?? ""}>
              <option value="">{t("list.any")}</option>
              {leadStages.map((s) => (
                <option key={s} value={s}>
                  {t(`stages.${s}`)} ({counts[s]})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="assigned">{t("pipeline.assigned")}</label>
          <select id="assigned" name="assigned" defaultValue={filters.assigned ?? ""}>
            <option value="">{t("pipeline.anyone")}</option>
            <option value="me">{t("pipeline.me")}</option>
            <option value="nobody">{t("pipeline.nobody")}</option>
          </select>
        </div>
        <div className="field">
          <label className="check">
            <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} /> {t("pipeline.overdueOnly")}
          </label>
        </div>
        <button type="submit" className="button">
          {t("pipeline.apply")}
        </button>
      </Form>
      {board ? (
        <div className="board">
          {leadStages.map((stage) => {
            const column = leads.filter((l) => l.stage === stage);
            return (
              <section key={stage} className="board__column" aria-labelledby={`column-${stage}`}>
                <h2 id={`column-${stage}`}>{t("pipeline.column", { stage: t(`stages.${stage}`), n: column.length })}</h2>
                {column.length === 0 ? (
                  <p className="muted">{t("pipeline.none")}</p>
                ) : (
                  <ul role="list" className="board__cards">
                    {column.map((lead) => (
                      <li key={lead.id}>
                        <LeadCard lead={lead} lguSlug={lgu.slug} back={back} reply={reply?.form === lead.id ? reply : undefined} />
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      ) : leads.length === 0 ? (
        <p className="empty">{t("pipeline.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption>{t("pipeline.caption", { lgu: lgu.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("pipeline.investor")}</th>
                <th scope="col">{t("pipeline.opportunity")}</th>
                <th scope="col">{t("pipeline.stage")}</th>
                <th scope="col">{t("pipeline.amount")}</th>
                <th scope="col">{t("pipeline.next")}</th>
                <th scope="col">{t("pipeline.assigned")}</th>
              </tr>
            </thead>
            <tbody>
              {leads.map((l) => (
                <tr key={l.id}>
                  <th scope="row">
                    <Link to={`/manage/${lgu.slug}/investments/leads/${l.id}`}>
                      <bdi>{l.name}</bdi>
                    </Link>
                    {l.country ? <span className="muted"> ({l.country})</span> : null}
                  </th>
                  <td lang={l.opportunity?.lang} dir="auto">
                    {l.opportunity?.text}
                  </td>
                  <td>{t(`stages.${l.stage}`)}</td>
                  <td>{l.amount}</td>
                  <td>
                    {l.overdue ? <span className="badge badge--overdue">{t("pipeline.overdue")}</span> : null} {l.next ? `${l.next.action} (${l.next.on})` : "—"}
                  </td>
                  <td>{l.assignee ?? t("pipeline.unassigned")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
