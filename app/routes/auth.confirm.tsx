import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuthPort } from "~/adapters/index.server";
import { ErrorPanel } from "~/components/error-page";
import { ensureProfile, recoveryHeader } from "~/modules/auth/account.server";
import { confirmParams } from "~/modules/auth/schema";
import { titleFromRoot } from "~/utils/meta";
import { toastHeader } from "~/utils/toast.server";

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "auth:confirm.invalidTitle");

/** GET /auth/confirm?token_hash=…&type=…: the target of every emailed link, for both adapters. */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = confirmParams.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return json({ ok: false }, { status: 400 });
  const { token_hash: tokenHash, type } = params.data;
  const result = await getAuthPort().verifyEmailToken(request, { tokenHash, type });
  if (!result.ok) return json({ ok: false }, { status: 400 });
  await ensureProfile(result.user);
  const headers = new Headers(result.headers);
  if (type === "recovery") {
    headers.append("Set-Cookie", await recoveryHeader(result.user.id));
    return redirect("/reset-password", { headers });
  }
  const messageKey = type === "email_change" ? "auth:confirm.emailChanged" : type === "signup" ? "auth:confirm.confirmed" : "auth:signIn.welcome";
  headers.append("Set-Cookie", await toastHeader({ type: "success", messageKey }));
  return redirect(type === "signup" ? "/me/profile" : "/me", { headers });
}

export default function ConfirmFailed() {
  const { t } = useTranslation("auth");
  return (
    <ErrorPanel title={t("confirm.invalidTitle")}>
      <p>{t("confirm.invalidBody")}</p>
      <p>
        <Link to="/signup">{t("signUp.title")}</Link> · <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </p>
    </ErrorPanel>
  );
}
