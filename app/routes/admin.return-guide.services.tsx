import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import type { ReplyLike } from "~/components/form";
import { ServicesEditor } from "~/components/return-guide-editor";
import { getLanguage } from "~/i18n/i18next.server";
import { requirePlatformAdmin } from "~/modules/auth/session.server";
import { servicesAction, servicesPageData } from "~/modules/return-guide/editing.server";
import { NATIONAL_SCOPE } from "~/modules/return-guide/scopes";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:editor.servicesTitle");

/** The national directory's entries, for platform admins. */
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request);
  return servicesPageData(session.claims, NATIONAL_SCOPE, await getLanguage(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requirePlatformAdmin(request);
  return servicesAction(session.claims, NATIONAL_SCOPE, await request.formData());
}

export default function NationalServicesEditor() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { reply?: ReplyLike & { form?: string } } | undefined;
  return <ServicesEditor data={data} reply={reply?.reply} busy={useNavigation().state === "submitting"} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
