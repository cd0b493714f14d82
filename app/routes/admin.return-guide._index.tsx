import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { TopicsEditorList } from "~/components/return-guide-editor";
import { getLanguage } from "~/i18n/i18next.server";
import { requirePlatformAdmin } from "~/modules/auth/session.server";
import { topicsPageData } from "~/modules/return-guide/editing.server";
import { NATIONAL_SCOPE } from "~/modules/return-guide/scopes";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:editor.nationalTitle");

/** The national guide's topics for platform admins, with what needs review. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request);
  return topicsPageData(session.claims, NATIONAL_SCOPE, await getLanguage(request));
}

export default function NationalGuideEditor() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("returnGuide");
  return <TopicsEditorList title={t("editor.nationalTitle")} {...data} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
