import type { LoaderFunctionArgs } from "@remix-run/node";
import { organisationContext, applicantsCsv } from "~/modules/jobs/employer.server";

/** The job's applicants as CSV, for the poster only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return applicantsCsv(await organisationContext(request, params.slug), params.job ?? "");
}
