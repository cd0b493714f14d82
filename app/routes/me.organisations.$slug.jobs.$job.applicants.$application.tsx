import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { ApplicantPage } from "~/components/job-employer";
import { organisationContext, applicantAction, applicantData } from "~/modules/jobs/employer.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:pipeline.applicant");

export async function loader({ request, params }: LoaderFunctionArgs) {
  return applicantData(await organisationContext(request, params.slug), params.job ?? "", params.application ?? "");
}

export async function action({ request, params }: ActionFunctionArgs) {
  return applicantAction(await organisationContext(request, params.slug), params.job ?? "", params.application ?? "", request);
}

export default function Applicant() {
  return <ApplicantPage data={useLoaderData<typeof loader>()} reply={useActionData<typeof action>()?.reply} />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
