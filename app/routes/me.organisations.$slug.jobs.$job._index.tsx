import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { EmployerJobPage } from "~/components/job-employer";
import { organisationContext, jobPageAction, jobPageData } from "~/modules/jobs/employer.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:pipeline.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return jobPageData(await organisationContext(request, params.slug), params.job ?? "", new URL(request.url));
}

export async function action({ request, params }: ActionFunctionArgs) {
  return jobPageAction(await organisationContext(request, params.slug), params.job ?? "", request);
}

export default function EmployerJob() {
  return <EmployerJobPage data={useLoaderData<typeof loader>()} reply={useActionData<typeof action>()?.reply} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
