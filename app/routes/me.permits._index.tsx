import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { myApplications } from "~/modules/permits/applications.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:mine.listTitle");

/** The person's permit applications, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const rows = await myApplications(session.claims, language);
  return json(
    { rows: rows.map((r) => ({ id: r.id, reference: r.reference, status: r.status, businessName: r.businessName, typeName: r.typeName, lguName: r.lguName, updated: formatDate(r.updatedAt, language) })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export default function MyPermits() {
  const { rows } = useLoaderData<typeof loader>();
  const { t } = useTranslation("permits");
  return (
    <div className="container section stack">
      <h1>{t("mine.listTitle")}</h1>
      {rows.length === 0 ? (
        <p className="empty">
          {t("mine.none")} <Link to="/lgus">{t("mine.findLgu")}</Link>
        </p>
      ) : (
        <ul className="plan-list" role="list">
          {rows.map((r) => (
            <li key={r.id}>
              <Link to={`/me/permits/${r.id}`}>
                <bdi>{r.businessName}</bdi> — <span lang={r.typeName?.lang}>{r.typeName?.text}</span>
              </Link>
              <p className="plan-item__facts">
                <span className="badge">{t(`status.${r.status}`)}</span>
                <bdi>{r.lguName}</bdi>
                {r.reference ? <span dir="ltr">{r.reference}</span> : null}
                <span>{t("mine.updated", { date: r.updated })}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
