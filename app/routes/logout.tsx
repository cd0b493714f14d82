import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getAuthPort } from "~/adapters/index.server";
import { toastHeader } from "~/utils/toast.server";

// Sign-out is a POST (a form in the header), so a link or an image cannot sign anyone out.
export async function action({ request }: ActionFunctionArgs) {
  const headers = await getAuthPort().signOut(request);
  headers.append("Set-Cookie", await toastHeader({ type: "info", messageKey: "auth:signOut.done" }));
  return redirect("/", { headers });
}

export async function loader() {
  return redirect("/");
}
