import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { textDirection } from "~/i18n/config";
import { countryName, currencyMinorDigits, formatDate, formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { getClaims } from "~/modules/auth/session.server";
import { convertMinor, currencyOfCountry } from "~/modules/contributions/currency";
import { associationGiving, exchangeRateTable, viewerCurrency } from "~/modules/contributions/giving.server";
import { getOrganisation } from "~/modules/organisations/organisations.server";
import { notFound } from "~/utils/errors";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * An association's (or other organisation's) public page. Unverified ones exist only for their own
 * members and platform admins (RLS), who see a notice; for everyone else they 404 like unknown ones.
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  if (!SLUG.test(slug) || slug.length > 100) throw notFound("bad organisation slug");
  const claims = await getClaims(request);
  const found = await getOrganisation(claims, slug);
  if (!found) throw notFound(`no organisation ${slug}`);
  const { organisation, role, homePlace } = found;
  const language = await getLanguage(request);
  const giving = organisation.kind === "association" ? await associationGiving(claims, organisation.id) : { projects: [], totals: [] };
  // Gifts in several currencies: roughly how much in all, in the reader's currency (signed in) or
  // the association's country's, through the admins' rates.
  const target = (await viewerCurrency(claims)) ?? currencyOfCountry(organisation.countryAbroad);
  const approxTotal =
    target && giving.totals.some((total) => total.currency !== target) && giving.totals.length > 0
      ? await exchangeRateTable().then(({ rates, updatedAt }) => {
          const parts = giving.totals.map((total) => convertMinor(total.minor, total.currency, target, rates, currencyMinorDigits));
          if (!updatedAt || parts.some((part) => part === null)) return null;
          const sum = parts.reduce<number>((a, b) => a + (b ?? 0), 0);
          return { amount: formatMoney(sum, target, language), asOf: formatDate(updatedAt, language) };
        })
      : null;
  return json({
    organisation: {
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      associationLevel: organisation.associationLevel,
      cityAbroad: organisation.cityAbroad,
      countryAbroad: organisation.countryAbroad,
      contactEmail: organisation.contactEmail,
      website: organisation.website,
      verificationStatus: organisation.verificationStatus,
      verifiedAt: organisation.verifiedAt?.toISOString() ?? null,
      description: localized(organisation.description, language),
    },
    homePlace,
    role,
    giving: {
      totals: giving.totals.map((total) => formatMoney(total.minor, total.currency, language)),
      approxTotal,
      projects: giving.projects.map((p) => ({
        slug: p.slug,
        title: localized(p.title, language),
        raised: formatMoney(p.raisedMinor, p.currency, language),
        gifts: p.gifts,
        namedDonors: p.namedDonors,
      })),
    },
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.organisation.name} — Tulay` : "Tulay" },
  { property: "og:title", content: data?.organisation.name ?? "Tulay" },
];

export default function AssociationPage() {
  const { organisation, homePlace, role, giving } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organisations");
  const separator = textDirection(i18n.language) === "rtl" ? " ‹ " : " › ";
  const abroad = [
    organisation.cityAbroad,
    organisation.countryAbroad ? countryName(organisation.countryAbroad, i18n.language) : null,
  ].filter(Boolean);
  return (
    <article className="container section" aria-labelledby="organisation-title">
      <h1 id="organisation-title">
        <bdi>{organisation.name}</bdi>
      </h1>
      <p className="muted">
        {t(`kinds.${organisation.kind}`)}
        {organisation.associationLevel ? ` · ${t(`levels.${organisation.associationLevel}`)}` : null}
        {organisation.verifiedAt ? (
          <>
            {" "}
            <span className="badge">{t("public.verifiedOn", { date: formatDate(organisation.verifiedAt, i18n.language) })}</span>
          </>
        ) : null}
      </p>
      {organisation.verificationStatus !== "verified" ? (
        <p className="notice" role="note">
          {t("public.unverifiedNotice", { status: t(`status.${organisation.verificationStatus}`) })}
        </p>
      ) : null}
      {role ? (
        <p>
          <Link to={`/me/organisations/${organisation.slug}`}>{t("public.manage")}</Link>
        </p>
      ) : null}
      <div className="two-columns">
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t("public.about")}</h2>
          {organisation.description ? (
            <p lang={organisation.description.lang} dir="auto">
              {organisation.description.text}
            </p>
          ) : (
            <p className="empty">{t("public.noDescription")}</p>
          )}
        </section>
        <aside aria-labelledby="details-title" className="panel">
          <h2 id="details-title">{t("public.details")}</h2>
          <dl className="definition-list">
            {homePlace.length ? (
              <>
                <dt>{t("public.homeTown")}</dt>
                <dd>
                  {homePlace.map((place, index) => (
                    <span key={place.id}>
                      {index > 0 ? separator : ""}
                      <bdi>{place.kind === "country" ? countryName(place.countryCode, i18n.language) : place.name}</bdi>
                    </span>
                  ))}
                </dd>
              </>
            ) : null}
            {abroad.length ? (
              <>
                <dt>{t("public.abroad")}</dt>
                <dd>
                  <bdi>{abroad.join(", ")}</bdi>
                </dd>
              </>
            ) : null}
            {organisation.contactEmail ? (
              <>
                <dt>{t("fields.contactEmail")}</dt>
                <dd>
                  <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a>
                </dd>
              </>
            ) : null}
            {organisation.website ? (
              <>
                <dt>{t("fields.website")}</dt>
                <dd>
                  <a href={organisation.website} rel="noopener noreferrer external">
                    {new URL(organisation.website).host}
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </aside>
      </div>
      {organisation.kind === "association" ? (
        <section aria-labelledby="giving-title" className="stack">
          <h2 id="giving-title">{t("giving:association.title")}</h2>
          {giving.projects.length === 0 ? (
            <p className="empty">{t("giving:association.none")}</p>
          ) : (
            <>
              <p className="lead">{t("giving:association.total", { amounts: giving.totals.join(" + ") })}</p>
              {giving.approxTotal ? <p className="muted">{t("giving:association.approxTotal", giving.approxTotal)}</p> : null}
              <ul className="plan-list" role="list">
                {giving.projects.map((p) => (
                  <li key={p.slug}>
                    <Link to={`/projects/${p.slug}`} lang={p.title?.lang}>
                      {p.title?.text}
                    </Link>
                    <p className="plan-item__facts">
                      <span>{p.raised}</span>
                      <span>{t("giving:association.gifts", { count: p.gifts })}</span>
                      {p.namedDonors.length ? (
                        <span>
                          {t("giving:association.givenBy")} <bdi>{p.namedDonors.join(", ")}</bdi>
                        </span>
                      ) : null}
                    </p>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
