import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { TopicsEditorList } from "~/components/return-guide-editor";
import { getLanguage } from "~/i18n/i18next.server";
import { topicsPageData } from "~/modules/return-guide/editing.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { lguScope } from "~/modules/return-guide/scopes";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:editor.title");

/** An LGU's guide topics for its admins and editors, with what needs review. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  return topicsPageData(session.claims, lguScope(lgu), await getLanguage(request));
}

export default function LguGuideEditor() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  return <TopicsEditorList title={t("editor.title")} {...data} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
