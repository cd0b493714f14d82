import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import type { ReplyLike } from "~/components/form";
import { TopicEditor } from "~/components/return-guide-editor";
import { getLanguage } from "~/i18n/i18next.server";
import { topicAction, topicPageData, topicParam } from "~/modules/return-guide/editing.server";
import { requireManagedLgu } from "~/modules/organisations/access.server";
import { lguScope } from "~/modules/return-guide/scopes";
import { titleFromRoot } from "~/utils/meta";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "returnGuide:editor.title");

/** One topic of an LGU's guide: its texts in five languages, and "mark as reviewed". */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  return topicPageData(session.claims, lguScope(lgu), topicParam(params.topic), await getLanguage(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { session, lgu } = await requireManagedLgu(request, params.lgu, ["admin", "editor"]);
  return topicAction(session.claims, lguScope(lgu), topicParam(params.topic), await request.formData());
}

export default function LguTopicEditor() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as { reply?: ReplyLike } | undefined;
  return <TopicEditor data={data} reply={reply?.reply} busy={useNavigation().state === "submitting"} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
