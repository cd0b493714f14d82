import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { FormErrors } from "~/components/form";
import { PermitApplicationFields } from "~/components/permit-fields";
import { withRls } from "~/db/client.server";
import { currencyMinorDigits } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { requireUser } from "~/modules/auth/session.server";
import { getLguBySlug } from "~/modules/lgus/queries.server";
import { refusedForm } from "~/modules/organisations/access.server";
import { offeredPermitTypes, startApplication } from "~/modules/permits/applications.server";
import { applicationInput, applicationSchema } from "~/modules/permits/schema";
import { formError, parseForm } from "~/utils/forms.server";
import { titleFromRoot } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const meta: MetaFunction = ({ matches }) => titleFromRoot(matches, "permits:apply.title");

async function permitType(request: Request, params: LoaderFunctionArgs["params"], claims: Parameters<typeof offeredPermitTypes>[0]) {
  const slug = params.slug ?? "";
  const lgu = SLUG.test(slug) && slug.length <= 100 ? await withRls(null, (tx) => getLguBySlug(tx, slug)) : null;
  if (!lgu) throw new Response("Not found", { status: 404 });
  const types = await offeredPermitTypes(claims, lgu.id, await getLanguage(request));
  const type = types.find((t) => t.slug === params.type);
  if (!type) throw new Response("Not found", { status: 404 });
  return { lgu, type };
}

/** Starting an application for one permit type (signed in). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireUser(request);
  const { lgu, type } = await permitType(request, params, session.claims);
  return json(
    { lgu: { slug: lgu.slug, name: lgu.name }, type: { slug: type.slug, name: type.name, currency: type.currency, requirements: type.requirements } },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireUser(request);
  const { lgu, type } = await permitType(request, params, session.claims);
  const submission = await parseForm(request, applicationSchema(currencyMinorDigits(type.currency)));
  if (submission.status !== "success") return formError(submission.reply());
  try {
    const id = await startApplication(session.claims, lgu.id, type.id, applicationInput(submission.value));
    return redirectWithToast(`/me/permits/${id}`, { type: "success", messageKey: "permits:apply.started" });
  } catch (error) {
    return refusedForm(submission, error);
  }
}

export default function Apply() {
  const { lgu, type } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>()?.reply;
  const { t } = useTranslation("permits");
  const busy = useNavigation().state === "submitting";
  return (
    <div className="container section stack narrow">
      <p>
        <Link to={`/lgus/${lgu.slug}/permits`} className="back-link">
          {t("apply.back", { lgu: lgu.name })}
        </Link>
      </p>
      <h1>
        {t("apply.heading")} <span lang={type.name?.lang}>{type.name?.text}</span>
      </h1>
      <p>{t("apply.intro", { count: type.requirements.length })}</p>
      <Form method="post" className="form" noValidate>
        <FormErrors reply={reply} />
        <PermitApplicationFields reply={reply} currency={type.currency} />
        <button type="submit" className="button" disabled={busy} aria-busy={busy || undefined}>
          {busy ? t("apply.saving") : t("apply.submit")}
        </button>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
