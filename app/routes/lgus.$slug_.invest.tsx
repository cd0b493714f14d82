import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { withRls } from "~/db/client.server";
import { formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { guideSteps } from "~/modules/investments/guide.server";
import { listOpportunities } from "~/modules/investments/opportunities.server";
import { getLguBySlug } from "~/modules/lgus/queries.server";
import { scriptFree } from "~/utils/meta";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Links only: no JavaScript needed.
export const handle = scriptFree;

/** An LGU's investment guide: the steps to register a business there, linking its online permits, and its open opportunities. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const lgu = SLUG.test(slug) && slug.length <= 100 ? await withRls(null, (tx) => getLguBySlug(tx, slug)) : null;
  if (!lgu) throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  const steps = await guideSteps(null, lgu.id, language);
  const open = await withRls(null, (tx) => listOpportunities(tx, { lgu: lgu.slug, page: 1 }, language));
  return json({
    lgu: { slug: lgu.slug, name: lgu.name },
    steps: steps.map((s) => ({ id: s.id, title: s.title, body: s.body, permit: s.permit })),
    opportunities: open.opportunities.map((o) => ({ slug: o.slug, title: o.title, min: formatMoney(o.ticketMinMinor, o.currency, language), max: formatMoney(o.ticketMaxMinor, o.currency, language) })),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lgu.name} — Tulay` : "Tulay" }];

export default function LguInvestmentGuide() {
  const { lgu, steps, opportunities } = useLoaderData<typeof loader>();
  const { t } = useTranslation("invest");
  return (
    <div className="container section stack">
      <p>
        <Link to={`/lgus/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("guide.title", { lgu: lgu.name })}</h1>
      <p className="lead">{t("guide.intro")}</p>
      <section aria-labelledby="steps-title" className="stack">
        <h2 id="steps-title">{t("guide.stepsTitle")}</h2>
        {steps.length === 0 ? (
          <p className="empty">{t("guide.none")}</p>
        ) : (
          <ol className="plan-list">
            {steps.map((s) => (
              <li key={s.id}>
                <h3 lang={s.title?.lang} dir="auto">
                  {s.title?.text}
                </h3>
                {s.body ? (
                  <p lang={s.body.lang} dir="auto">
                    {s.body.text}
                  </p>
                ) : null}
                {s.permit ? (
                  <p>
                    <Link to={`/lgus/${lgu.slug}/permits#type-${s.permit.slug}`}>{t("guide.permitLink", { name: s.permit.name?.text ?? "" })}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <p>
          <Link to={`/lgus/${lgu.slug}/permits`}>{t("guide.allPermits")}</Link>
        </p>
      </section>
      <section aria-labelledby="open-title" className="stack">
        <h2 id="open-title">{t("guide.opportunities")}</h2>
        {opportunities.length === 0 ? (
          <p className="empty">{t("guide.noOpportunities")}</p>
        ) : (
          <ul>
            {opportunities.map((o) => (
              <li key={o.slug}>
                <Link to={`/invest/${o.slug}`} lang={o.title?.lang} dir="auto">
                  {o.title?.text}
                </Link>{" "}
                <span className="muted">{t("list.ticket", { min: o.min, max: o.max })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="notice">{t("list.noMoney")}</p>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
