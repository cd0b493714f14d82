import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { formatDate } from "~/i18n/format";
import { getLanguage } from "~/i18n/i18next.server";
import { verifyPermit } from "~/modules/permits/applications.server";
import { scriptFree, titleFromRoot } from "~/utils/meta";

export const handle = scriptFree;

export const meta: MetaFunction = ({ matches }) => [...titleFromRoot(matches, "permits:verify.title"), { name: "robots", content: "noindex" }];

/** Where a permit's QR code leads: whether it is genuine, and valid today. */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const permit = await verifyPermit(params.token ?? "");
  if (!permit) throw new Response("Not found", { status: 404, headers: { "Cache-Control": "no-store" } });
  const language = await getLanguage(request);
  return json(
    {
      number: permit.number,
      businessName: permit.business_name,
      lineOfBusiness: permit.line_of_business,
      address: permit.address,
      lgu: { name: permit.lgu_name, slug: permit.lgu_slug },
      validFrom: formatDate(permit.valid_from, language),
      validUntil: formatDate(permit.valid_until, language),
      state: permit.state,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export default function VerifyPermit() {
  const p = useLoaderData<typeof loader>();
  const { t } = useTranslation("permits");
  return (
    <div className="container section stack narrow">
      <h1>{t("verify.title")}</h1>
      <p className={p.state === "valid" ? "notice" : "notice notice--warning"} role="status">
        <strong>{t(`verify.states.${p.state}`)}</strong>
      </p>
      <dl className="facts">
        <dt>{t("verify.number")}</dt>
        <dd dir="ltr">{p.number}</dd>
        <dt>{t("fields.businessName")}</dt>
        <dd>
          <bdi>{p.businessName}</bdi>
        </dd>
        <dt>{t("fields.lineOfBusiness")}</dt>
        <dd>
          <bdi>{p.lineOfBusiness}</bdi>
        </dd>
        <dt>{t("fields.address")}</dt>
        <dd>
          <bdi>{p.address}</bdi>
        </dd>
        <dt>{t("verify.issuedBy")}</dt>
        <dd>
          <Link to={`/lgus/${p.lgu.slug}`}>
            <bdi>{p.lgu.name}</bdi>
          </Link>
        </dd>
        <dt>{t("mine.valid")}</dt>
        <dd>{t("mine.validRange", { from: p.validFrom, until: p.validUntil })}</dd>
      </dl>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
