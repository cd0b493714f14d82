import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { FormProblem } from "~/modules/organisations/errors.server";
import { myChecklists, startChecklist } from "~/modules/return-guide/checklist.server";
import { toResponse } from "~/utils/errors";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:checklist.title");

/** The member's return checklists (private: RLS shows only their own). */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const language = await getLanguage(request);
  const checklists = await myChecklists(session.claims);
  return json(
    { checklists: checklists.map((c) => ({ ...c, created: formatDate(c.createdAt, language) })) },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** Starts a checklist from a guide's administrative steps (or opens the one already started from it). */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") !== "start") throw new Response("Bad request", { status: 400 });
  const language = await getLanguage(request);
  try {
    const id = await startChecklist(session.claims, String(form.get("topic") ?? ""), language);
    return redirectWithToast(`/me/return-checklist/${id}`, { type: "success", messageKey: "returnGuide:checklist.started" });
  } catch (error) {
    if (error instanceof FormProblem) return redirectWithToast("/me/return-checklist", { type: "error", messageKey: error.messageKey });
    return toResponse(error);
  }
}

export default function MyReturnChecklists() {
  const { checklists } = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  return (
    <div className="container section stack narrow">
      <h1>{t("checklist.title")}</h1>
      <p className="lead">{t("checklist.intro")}</p>
      {checklists.length === 0 ? (
        <p className="empty">
          {t("checklist.none")} <Link to="/return/steps">{t("checklist.readSteps")}</Link>
        </p>
      ) : (
        <ul className="plan-list" role="list">
          {checklists.map((c) => (
            <li key={c.id}>
              <Link to={`/me/return-checklist/${c.id}`}>{c.lgu ? t("checklist.fromLgu", { lgu: c.lgu.name }) : t("checklist.national")}</Link>
              <p className="plan-item__facts">
                <span>{t("checklist.progress", { done: c.done, total: c.total })}</span>
                <span>{c.created}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
