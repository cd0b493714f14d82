import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { textDirection } from "~/i18n/config";
import { countryName, formatNumber } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { diasporaSummary, MIN_GROUP } from "~/modules/insights/diaspora.server";
import { diasporaSkills } from "~/modules/skills/member-skills.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lgu.name} — Tulay` : "Tulay" }];

/** The staff's home for one LGU: where it stands and what each role can do from here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu, roles, place, isAdmin } = await requireManagedLgu(request, params.lgu);
  const language = await getLanguage(request);
  // Country names are made here so the page hydrates to exactly what the server rendered.
  const [summary, skills] = await Promise.all([diasporaSummary(session, lgu.id), diasporaSkills(session, lgu.id, language)]);
  const diaspora = [
    ...summary.map((cell) => ({ ...cell, label: cell.dimension === "country" ? countryName(cell.value, language) : null })),
    ...skills.map((s) => ({ dimension: "skill", value: s.code, members: s.members, label: s.label })),
  ];
  return json(
    {
      lgu: { slug: lgu.slug, name: lgu.name, verificationStatus: lgu.verificationStatus, contactEmail: lgu.contactEmail },
      roles,
      place,
      isAdmin,
      diaspora,
      minGroup: MIN_GROUP,
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

function DiasporaSummary({ cells, minGroup }: { cells: { dimension: string; value: string; members: number; label: string | null }[]; minGroup: number }) {
  const { t, i18n } = useTranslation("organisations");
  const groups = (["country", "willingness", "sector", "skill"] as const).map((dimension) => ({
    dimension,
    cells: cells.filter((c) => c.dimension === dimension),
  }));
  const label = (c: { dimension: string; value: string; label: string | null }) =>
    c.label ?? (c.dimension === "willingness" ? t(`account:willingness.${c.value}`) : t(`account:sectors.${c.value}`));
  return (
    <section aria-labelledby="diaspora-title" className="stack">
      <h2 id="diaspora-title">{t("manage.diaspora.title")}</h2>
      <p className="muted">{t("manage.diaspora.intro", { count: minGroup })}</p>
      {cells.length === 0 ? (
        <p>{t("manage.diaspora.empty", { count: minGroup })}</p>
      ) : (
        groups
          .filter((g) => g.cells.length > 0)
          .map((g) => (
            <div key={g.dimension} className="table-wrap">
              <table className="data">
                <caption className="visually-hidden">{g.dimension === "skill" ? t("skills:diaspora.caption") : t(`manage.diaspora.${g.dimension}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{g.dimension === "skill" ? t("skills:diaspora.caption") : t(`manage.diaspora.${g.dimension}`)}</th>
                    <th scope="col" className="number">
                      {t("manage.diaspora.members")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {g.cells.map((c) => (
                    <tr key={c.value}>
                      <th scope="row">{label(c)}</th>
                      <td className="number">{formatNumber(c.members, i18n.language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))
      )}
    </section>
  );
}

export default function ManageLgu() {
  const { lgu, roles, place, isAdmin, diaspora, minGroup } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("organisations");
  const separator = textDirection(i18n.language) === "rtl" ? " ‹ " : " › ";
  return (
    <div className="container section stack">
      <h1>
        <bdi>{lgu.name}</bdi>
      </h1>
      <p className="muted">
        {place.map((p, index) => (
          <span key={p.id}>
            {index > 0 ? separator : ""}
            <bdi>{p.kind === "country" ? countryName(p.countryCode, i18n.language) : p.name}</bdi>
          </span>
        ))}
      </p>
      <dl className="definition-list">
        <dt>{t("manage.status")}</dt>
        <dd>{t(`status.${lgu.verificationStatus}`)}</dd>
        <dt>{t("manage.yourRoles")}</dt>
        <dd>{roles.map((role) => t(`roles.${role}`)).join(", ")}</dd>
      </dl>
      {lgu.verificationStatus === "verified" ? (
        <p>
          <Link to={`/lgus/${lgu.slug}`}>{t("manage.publicPage")}</Link>
        </p>
      ) : (
        <p className="notice" role="note">
          {t("manage.notPublicYet")}
        </p>
      )}
      <DiasporaSummary cells={diaspora} minGroup={minGroup} />
      <nav aria-labelledby="manage-sections">
        <h2 id="manage-sections">{t("manage.sections")}</h2>
        <ul className="stack" role="list">
          <li>
            <Link to={`/manage/${lgu.slug}/projects`}>{t("projects:manage.title")}</Link>
          </li>
          <li>
            <Link to={`/manage/${lgu.slug}/contributions`}>{t("giving:treasury.title")}</Link>
          </li>
          <li>
            <Link to={`/manage/${lgu.slug}/permits`}>{t("permits:office.title")}</Link>
          </li>
          <li>
            <Link to={`/manage/${lgu.slug}/property-tax`}>{t("tax:manage.link")}</Link>
          </li>
          {roles.some((role) => role === "admin" || role === "editor") ? (
            <li>
              <Link to={`/manage/${lgu.slug}/return-guide`}>{t("returnGuide:editor.manageLink")}</Link>
            </li>
          ) : null}
          {roles.some((role) => role === "admin" || role === "editor") ? (
            <li>
              <Link to={`/manage/${lgu.slug}/jobs`}>{t("jobs:post.listHeading")}</Link>
            </li>
          ) : null}
          <li>
            <Link to={`/manage/${lgu.slug}/volunteers`}>{t("volunteer:office.link")}</Link>
          </li>
          <li>
            <Link to={`/manage/${lgu.slug}/investments`}>{t("invest:office.title")}</Link>
          </li>
          <li>
            <Link to={`/manage/${lgu.slug}/staff`}>{t("manage.staffLink")}</Link>
          </li>
          {isAdmin ? (
            <>
              <li>
                <Link to={`/manage/${lgu.slug}/verification`}>{t("manage.verificationLink")}</Link>
              </li>
              <li>
                <Link to={`/manage/${lgu.slug}/audit`}>{t("manage.auditLink")}</Link>
              </li>
            </>
          ) : null}
        </ul>
      </nav>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
