import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { textDirection } from "~/i18n/config";
import { countryName } from "~/i18n/format";
import { requireManagedLgu } from "~/modules/organisations/access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lgu.name} — Tulay` : "Tulay" }];

/** The staff's home for one LGU: where it stands and what each role can do from here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lgu, roles, place, isAdmin } = await requireManagedLgu(request, params.lgu);
  return json({
    lgu: { slug: lgu.slug, name: lgu.name, verificationStatus: lgu.verificationStatus, contactEmail: lgu.contactEmail },
    roles,
    place,
    isAdmin,
  });
}

export default function ManageLgu() {
  const { lgu, roles, place, isAdmin } = useLoaderData<typeof loader>();
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
      <nav aria-labelledby="manage-sections">
        <h2 id="manage-sections">{t("manage.sections")}</h2>
        <ul className="stack" role="list">
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
