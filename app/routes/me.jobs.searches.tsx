import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { requireUser } from "~/modules/auth/session.server";
import { deleteSearch, filtersFrom, saveSearch, setAlerts } from "~/modules/jobs/saved-searches.server";
import { saveSearchSchema } from "~/modules/jobs/schema";
import { FormProblem } from "~/modules/organisations/errors.server";
import { parseForm } from "~/utils/forms.server";
import { redirectWithToast } from "~/utils/toast.server";

/** Saving a search from /jobs, and turning a saved search's alerts on or off or deleting it. */
export async function action({ request }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const id = String(formData.get("id") ?? "");
  if (intent === "save") {
    const submission = await parseForm(formData, saveSearchSchema);
    const filters = filtersFrom(formData);
    const back = `/jobs?${new URLSearchParams(filters)}`;
    if (submission.status !== "success") return redirectWithToast(back, { type: "error", messageKey: "jobs:validation.searchName" });
    try {
      await saveSearch(session.claims, submission.value.name, filters, submission.value.alerts);
    } catch (error) {
      if (error instanceof FormProblem) return redirectWithToast(back, { type: "error", messageKey: error.messageKey });
      throw error;
    }
    return redirectWithToast("/me/jobs", { type: "success", messageKey: "jobs:saved.saved" });
  }
  if (intent === "alertsOn" || intent === "alertsOff") {
    await setAlerts(session.claims, id, intent === "alertsOn");
    return redirectWithToast("/me/jobs", { type: "success", messageKey: intent === "alertsOn" ? "jobs:saved.turnedOn" : "jobs:saved.turnedOff" });
  }
  if (intent === "delete") {
    await deleteSearch(session.claims, id);
    return redirectWithToast("/me/jobs", { type: "success", messageKey: "jobs:saved.deleted" });
  }
  return redirect("/me/jobs");
}

export const loader = () => redirect("/me/jobs");
