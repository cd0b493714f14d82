import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate } from "~/i18n/format";
import { requirePlatformAdmin } from "~/modules/auth/session.server";
import { orResponse } from "~/modules/organisations/access.server";
import { listPendingRequests } from "~/modules/verification/admin.server";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "admin:queue.title");

/** The platform admins' desk: verification requests waiting for a decision, oldest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await orResponse(requirePlatformAdmin(request));
  const requests = await listPendingRequests(session.claims);
  return json({
    requests: requests.map((r) => ({
      id: r.id,
      applicantName: r.applicantName,
      type: r.lguId ? "lgu" : r.organisationKind ?? "association",
      createdAt: r.createdAt,
    })),
  });
}

export default function AdminQueue() {
  const { requests } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("admin");
  return (
    <div className="container section stack">
      <h1>{t("queue.title")}</h1>
      <p className="lead">{t("queue.intro")}</p>
      <p>
        <Link to="/admin/audit">{t("queue.auditLink")}</Link>
      </p>
      <p>
        <Link to="/admin/rates">{t("giving:rates.title")}</Link>
      </p>
      <p>
        <Link to="/admin/return-guide">{t("returnGuide:editor.adminLink")}</Link>
      </p>
      <h2 id="queue-title">{t("queue.pendingTitle", { count: requests.length })}</h2>
      {requests.length === 0 ? (
        <p className="empty">{t("queue.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" aria-labelledby="queue-title">
            <thead>
              <tr>
                <th scope="col">{t("queue.applicant")}</th>
                <th scope="col">{t("queue.type")}</th>
                <th scope="col">{t("queue.submitted")}</th>
                <th scope="col">{t("queue.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => (
                <tr key={request.id}>
                  <th scope="row" id={`request-${request.id}`}>
                    <bdi>{request.applicantName}</bdi>
                  </th>
                  <td>{t(`queue.types.${request.type}`)}</td>
                  <td>{formatDate(request.createdAt, i18n.language)}</td>
                  <td>
                    <Link to={`/admin/verification/${request.id}`} aria-describedby={`request-${request.id}`}>
                      {t("queue.review")}
                    </Link>
                  </td>
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
