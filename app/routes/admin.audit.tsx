import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { AuditLogView } from "~/components/audit-log-view";
import { Pagination } from "~/components/pagination";
import { listAuditEntries } from "~/modules/audit/queries.server";
import { requirePlatformAdmin } from "~/modules/auth/session.server";
import { orResponse } from "~/modules/organisations/access.server";
import { auditActions, auditFiltersSchema } from "~/modules/organisations/schema";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "admin:audit.title");

/** Every audit entry, for platform admins. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await orResponse(requirePlatformAdmin(request));
  const filters = auditFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const log = await listAuditEntries(session.claims, "everything", filters);
  return json({ filters, ...log });
}

export default function PlatformAudit() {
  const { filters, entries, total, page, pages } = useLoaderData<typeof loader>();
  const { t } = useTranslation("admin");
  const { search } = useLocation();
  return (
    <div className="container section stack">
      <p>
        <Link to="/admin" className="back-link">
          {t("queue.title")}
        </Link>
      </p>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.platformIntro")}</p>
      <AuditLogView entries={entries} total={total} actions={auditActions} filters={filters} />
      <Pagination page={page} pages={pages} search={search} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
