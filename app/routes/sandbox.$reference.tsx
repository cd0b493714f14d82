import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatMoney } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { requireUser } from "~/modules/auth/session.server";
import { completeSandboxPayment, myContribution, sandboxEnabled } from "~/modules/contributions/giving.server";
import { scriptFree } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

export const handle = scriptFree;

export const meta: MetaFunction = () => [{ title: "Demo sandbox — Tulay" }, { name: "robots", content: "noindex" }];

/**
 * The demo sandbox's "test payment": labelled on every part of the page, refused where the sandbox
 * is off (production, unless explicitly allowed), and only for the donor's own pending sandbox gift.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!sandboxEnabled()) throw new Response("Not found", { status: 404 });
  const session = await requireUser(request);
  const gift = await myContribution(session.claims, params.reference ?? "");
  if (!gift || gift.channel !== "sandbox") throw new Response("Not found", { status: 404 });
  const language = await getLanguage(request);
  return json(
    {
      reference: gift.reference,
      status: gift.status,
      amount: formatMoney(gift.amountMinor, gift.currency, language),
      project: { slug: gift.projectSlug, title: localized(gift.projectTitle, language) },
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (!sandboxEnabled()) throw new Response("Not found", { status: 404 });
  const session = await requireUser(request);
  const reference = params.reference ?? "";
  const outcome = (await request.formData()).get("outcome") === "fail" ? "fail" : "succeed";
  try {
    const status = await completeSandboxPayment(session.claims, reference, outcome);
    return redirectWithToast(`/me/gifts/${reference}`, { type: status === "confirmed" ? "success" : "info", messageKey: `giving:sandbox.${status}` });
  } catch {
    throw redirect(`/me/gifts/${reference}`);
  }
}

export default function SandboxPayment() {
  const { reference, status, amount, project } = useLoaderData<typeof loader>();
  const { t } = useTranslation("giving");
  return (
    <div className="container section stack narrow">
      <p className="sandbox-banner" role="note">
        <strong>{t("sandbox.badge")}</strong> {t("sandbox.banner")}
      </p>
      <h1>{t("sandbox.title")}</h1>
      <dl className="facts">
        <dt>{t("gift.project")}</dt>
        <dd>
          <Link to={`/projects/${project.slug}`} lang={project.title?.lang}>
            {project.title?.text}
          </Link>
        </dd>
        <dt>{t("gift.amount")}</dt>
        <dd>{amount}</dd>
        <dt>{t("gift.reference")}</dt>
        <dd dir="ltr">{reference}</dd>
      </dl>
      {status === "pending" ? (
        <div className="plan-item__actions">
          <Form method="post">
            <input type="hidden" name="outcome" value="succeed" />
            <button type="submit" className="button">
              {t("sandbox.succeed")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="outcome" value="fail" />
            <button type="submit" className="button button--secondary">
              {t("sandbox.fail")}
            </button>
          </Form>
        </div>
      ) : (
        <p className="notice">{t(`status.${status}`)}</p>
      )}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
