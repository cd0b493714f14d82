/**
 * One-click unsubscribe from the weekly digest, without signing in. GET shows what the link would
 * do and a button (mail scanners and link previews fetch GETs; they must not unsubscribe anyone);
 * POST does it: our button, or the mail client's List-Unsubscribe-Post (RFC 8058), which posts
 * "List-Unsubscribe=One-Click" to the same URL. The link's signature is checked both times.
 */
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Link,
  useActionData,
  useLoaderData,
  useLocation,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  checkUnsubscribeLink,
  parseUnsubscribeLink,
  unsubscribeByLink,
} from "~/modules/digest/links.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => [
  ...titleFromRoot(matches, "digest:unsubscribe.title"),
  { name: "robots", content: "noindex" },
];

const headers = {
  "Cache-Control": "no-store",
  "Referrer-Policy": "no-referrer",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const link = parseUnsubscribeLink(new URL(request.url));
  if (!link || !(await checkUnsubscribeLink(link)))
    return json(
      { valid: false as const, scope: null },
      { status: 400, headers }
    );
  return json({ valid: true as const, scope: link.scope }, { headers });
}

export async function action({ request }: ActionFunctionArgs) {
  const link = parseUnsubscribeLink(new URL(request.url));
  if (!link || !(await unsubscribeByLink(link)))
    return json(
      { done: false as const, scope: null },
      { status: 400, headers }
    );
  return json({ done: true as const, scope: link.scope }, { headers });
}

export default function Unsubscribe() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const location = useLocation();
  const { t } = useTranslation("digest");
  const scope = result?.scope ?? page.scope;
  const topic = scope && scope !== "all" ? t(`topics.${scope}.name`) : "";
  const settings = (
    <p>
      <Link to="/me/settings#digest">{t("unsubscribe.manage")}</Link>
    </p>
  );
  if (result?.done) {
    return (
      <div className="container section stack narrow">
        <h1>{t("unsubscribe.title")}</h1>
        <p className="notice" role="status">
          {scope === "all"
            ? t("unsubscribe.doneAll")
            : t("unsubscribe.doneTopic", { topic })}
        </p>
        {settings}
      </div>
    );
  }
  if (!page.valid || result) {
    return (
      <div className="container section stack narrow">
        <h1>{t("unsubscribe.title")}</h1>
        <p className="notice notice--warning" role="alert">
          {t("unsubscribe.invalid")}
        </p>
        {settings}
      </div>
    );
  }
  return (
    <div className="container section stack narrow">
      <h1>{t("unsubscribe.title")}</h1>
      <p>
        {scope === "all"
          ? t("unsubscribe.confirmAll")
          : t("unsubscribe.confirmTopic", { topic })}
      </p>
      <form method="post" action={`${location.pathname}${location.search}`}>
        <button type="submit" className="button">
          {t("unsubscribe.submit")}
        </button>
      </form>
      {settings}
    </div>
  );
}
