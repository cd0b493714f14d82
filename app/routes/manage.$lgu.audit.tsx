import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { AuditLogView } from "~/components/audit-log-view";
import { Pagination } from "~/components/pagination";
import { listAuditEntries } from "~/modules/audit/queries.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { auditActions, auditFiltersSchema } from "~/modules/organisations/schema";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "admin:audit.title");

/** The LGU's own audit log, for its admins (RLS shows them their LGU's entries and nothing else). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin"]);
  const filters = auditFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const log = await listAuditEntries(session.claims, { lguId: lgu.id }, filters);
  return json({ lgu: { slug: lgu.slug, name: lgu.name }, filters, ...log });
}

export default function LguAudit() {
  const { lgu, filters, entries, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { search } = useLocation();
  return (
    <div className="container section stack">
      <p>
        <Link to={`/manage/${lgu.slug}`} className="back-link">
          <bdi>{lgu.name}</bdi>
        </Link>
      </p>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.lguIntro")}</p>
      <AuditLogView entries={entries} total={total} actions={auditActions} filters={filters} />
      <Pagination page={page} pages={pages} search={search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
