import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import type { ReplyLike } from "~/components/form";
import { ServicesEditor } from "~/components/return-guide-editor";
import { getLanguage } from "~/i18n/i18next.server";
import { servicesAction, servicesPageData } from "~/modules/return-guide/editing.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { lguScope } from "~/modules/return-guide/scopes";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:editor.servicesTitle");

/** An LGU's directory entries, for its admins and editors. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  return servicesPageData(session.claims, lguScope(lgu), await getLanguage(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  return servicesAction(session.claims, lguScope(lgu), await request.formData());
}

export default function LguServicesEditor() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { reply?: ReplyLike & { form?: string } } | undefined;
  return <ServicesEditor data={data} reply={reply?.reply} busy={useNavigation().state === "submitting"} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
