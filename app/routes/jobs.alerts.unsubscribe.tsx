import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { unsubscribe } from "~/modules/jobs/saved-searches.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;
export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "jobs:unsubscribe.title");

/**
 * Turning a saved search's alerts off from the emailed link, without signing in. The link opens a
 * page with a button (a GET changes nothing: mail scanners follow links).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return json({ token: new URL(request.url).searchParams.get("token") ?? "" });
}

export async function action({ request }: ActionFunctionArgs) {
  const token = String((await request.formData()).get("token") ?? "");
  const ok = await unsubscribe(token);
  return json({ ok }, { status: ok ? 200 : 400 });
}

export default function Unsubscribe() {
  const { token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation("jobs");
  return (
    <div className="container section stack narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {result ? (
        <p role="status">{result.ok ? t("unsubscribe.done") : t("unsubscribe.invalid")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <p>{t("unsubscribe.intro")}</p>
          <button type="submit" className="button">
            {t("unsubscribe.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
