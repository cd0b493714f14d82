import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import type { ReplyLike } from "~/components/form";
import { TopicEditor } from "~/components/return-guide-editor";
import { getLanguage } from "~/i18n/i18next.server";
import { requirePlatformAdmin } from "~/modules/auth/session.server";
import { topicAction, topicPageData, topicParam } from "~/modules/return-guide/editing.server";
import { NATIONAL_SCOPE } from "~/modules/return-guide/scopes";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:editor.nationalTitle");

/** One topic of the national guide: its texts in five languages, and "mark as reviewed". */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requirePlatformAdmin(request);
  return topicPageData(session.claims, NATIONAL_SCOPE, topicParam(params.topic), await getLanguage(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requirePlatformAdmin(request);
  return topicAction(session.claims, NATIONAL_SCOPE, topicParam(params.topic), await request.formData());
}

export default function NationalTopicEditor() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { reply?: ReplyLike } | undefined;
  return <TopicEditor data={data} reply={reply?.reply} busy={useNavigation().state === "submitting"} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
