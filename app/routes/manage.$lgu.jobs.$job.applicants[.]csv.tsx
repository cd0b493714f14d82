import type { LoaderFunctionArgs } from "@remix-run/node";
import { lguContext, applicantsCsv } from "~/modules/jobs/employer.server";

/** The job's applicants as CSV, for the poster only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return applicantsCsv(await lguContext(request, params.lgu), params.job ?? "");
}
