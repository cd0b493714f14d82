import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { JobForm } from "~/components/job-employer";
import { lguContext, newJobAction, newJobData } from "~/modules/jobs/employer.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:post.new");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return newJobData(await lguContext(request, params.lgu));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return newJobAction(await lguContext(request, params.lgu), request);
}

export default function NewJob() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack">
      <p>
        <Link to={data.base} className="back-link">
          {t("post.back")}
        </Link>
      </p>
      <h1>{t("post.new")}</h1>
      <p className="lead">
        <bdi>{data.name}</bdi>
      </p>
      {data.verified ? null : <p className="notice">{t("errors.posterNotVerified")}</p>}
      <JobForm reply={reply} values={null} choices={data} submitLabel={t("post.submit")} />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
