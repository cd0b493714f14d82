import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { EmployerJobList } from "~/components/job-employer";
import { lguContext, jobsListData } from "~/modules/jobs/employer.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:post.listHeading");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return jobsListData(await lguContext(request, params.lgu));
}

export default function EmployerJobs() {
  return <EmployerJobList {...useLoaderData<typeof loader>()} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
