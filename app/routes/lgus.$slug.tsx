import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { withRls } from "~/db/client.server";
import { textDirection } from "~/i18n/config";
import { countryName, formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { getLguBySlug, inLanguage } from "~/modules/lgus/queries.server";
import { lguFundingTotals, listLguProjects } from "~/modules/projects/queries.server";
import { scriptFree } from "~/utils/meta";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Links and plain forms only: no JavaScript needed.
export const handle = scriptFree;

export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  // Unverified LGUs are invisible to the public through RLS, so they 404 exactly like unknown ones.
  const lgu = SLUG.test(slug) && slug.length <= 100 ? await withRls(null, (tx) => getLguBySlug(tx, slug)) : null;
  if (!lgu) throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  const [projects, raised] = await withRls(null, (tx) => Promise.all([listLguProjects(tx, lgu.id, language), lguFundingTotals(tx, lgu.id)]));
  return json({
    lgu: inLanguage(lgu, language),
    projects,
    raised: raised.map((r) => ({ currency: r.currency, amount: formatMoney(r.raisedMinor, r.currency, language), gifts: r.gifts })),
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lgu.name} — Tulay` : "Tulay" },
  { property: "og:title", content: data?.lgu.name ?? "Tulay" },
];

export default function LguPage() {
  const { lgu, projects, raised } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const { description } = lgu;
  return (
    <article className="container section" aria-labelledby="lgu-title">
      <p>
        <Link to="/lgus" className="back-link">
          {t("lgus.backToList")}
        </Link>
      </p>
      <h1 id="lgu-title">
        <bdi>{lgu.name}</bdi>
      </h1>
      <p className="muted">
        {lgu.placePath.map((place, index) => (
          <span key={place.id}>
            {index > 0 ? (textDirection(i18n.language) === "rtl" ? " ‹ " : " › ") : ""}
            <bdi>{place.kind === "country" ? countryName(place.countryCode, i18n.language) : place.name}</bdi>
          </span>
        ))}
        {lgu.verifiedAt ? (
          <span className="badge">{t("lgus.verifiedOn", { date: formatDate(lgu.verifiedAt, i18n.language) })}</span>
        ) : null}
      </p>
      <div className="two-columns">
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t("lgus.about")}</h2>
          {description ? (
            <p lang={description.lang} dir="auto">
              {description.text}
            </p>
          ) : <p className="empty">{t("lgus.noDescription")}</p>}
          <p>
            <Link to={`/lgus/${lgu.slug}/property-tax`}>{t("tax:lguLink")}</Link>
          </p>
          <h2 id="lgu-projects">{t("projects:lgu.title")}</h2>
          {raised.length > 0 ? (
            <p className="lead">
              {t("projects:lgu.raised", { amounts: raised.map((r) => r.amount).join(" + "), count: raised.reduce((sum, r) => sum + r.gifts, 0) })}
            </p>
          ) : null}
          {projects.length === 0 ? (
            <p className="empty">{t("projects:lgu.none")}</p>
          ) : (
            <ul aria-labelledby="lgu-projects">
              {projects.map((project) => (
                <li key={project.slug}>
                  <Link to={`/projects/${project.slug}`} lang={project.title?.lang} dir="auto">
                    {project.title?.text}
                  </Link>{" "}
                  <span className="badge">{t(`projects:status.${project.status}`)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <aside aria-labelledby="contact-title" className="panel">
          <p>
            <Link to={`/lgus/${lgu.slug}/permits`}>{t("permits:offered.linkFromLgu")}</Link>
          </p>
          <p>
            <Link to={`/lgus/${lgu.slug}/return`}>{t("returnGuide:linkFromLgu")}</Link>
          </p>
          <p>
            <Link to={`/lgus/${lgu.slug}/volunteer`}>{t("volunteer:lguLink")}</Link>
          </p>
          <p>
            <Link to={`/lgus/${lgu.slug}/invest`}>{t("invest:guide.link")}</Link>
          </p>
          <h2 id="contact-title">{t("lgus.contactTitle")}</h2>
          <dl className="definition-list">
            <ContactItem label={t("lgus.address")} value={lgu.address}>
              {(address) => <bdi>{address}</bdi>}
            </ContactItem>
            <ContactItem label={t("lgus.email")} value={lgu.contactEmail}>
              {(email) => <a href={`mailto:${email}`}>{email}</a>}
            </ContactItem>
            <ContactItem label={t("lgus.phone")} value={lgu.contactPhone}>
              {(phone) => <span dir="ltr">{phone}</span>}
            </ContactItem>
            <ContactItem label={t("lgus.website")} value={lgu.website}>
              {(website) => (
                <a href={website} rel="noopener noreferrer external">
                  {new URL(website).host}
                </a>
              )}
            </ContactItem>
          </dl>
        </aside>
      </div>
    </article>
  );
}

/** One term of the contact list, left out when the LGU has not given that detail. */
function ContactItem({ label, value, children }: { label: string; value: string | null; children: (value: string) => ReactNode }) {
  if (!value) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children(value)}</dd>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
