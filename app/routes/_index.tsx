import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LguCard } from "~/components/lgu-card";
import { withRls } from "~/db/client.server";
import { getLanguage } from "~/i18n/i18next.server";
import { inLanguage, listLgus } from "~/modules/lgus/queries.server";
import { scriptFree } from "~/utils/meta";

// Links and plain forms only: no JavaScript needed.
export const handle = scriptFree;

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request);
  // Sign-in arrives with the accounts issue; until then every visitor is anonymous.
  const { lgus } = await withRls(null, (tx) => listLgus(tx, { page: 1, perPage: 6 }));
  return json({ lgus: lgus.map((lgu) => inLanguage(lgu, language)) });
}

const ways = ["donate", "invest", "volunteer", "return"] as const;

export default function Home() {
  const { lgus } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="container">
          <h1 id="hero-title">{t("home.heroTitle")}</h1>
          <p className="lead">{t("home.heroLead")}</p>
          <p className="actions">
            <Link to="/lgus" className="button">
              {t("home.ctaLgus")}
            </Link>
            <Link to="/projects" className="button button--secondary">
              {t("home.ctaProjects")}
            </Link>
          </p>
        </div>
      </section>
      <section className="container section" aria-labelledby="ways-title">
        <h2 id="ways-title">{t("home.waysTitle")}</h2>
        <ul className="grid" role="list">
          {ways.map((way) => (
            <li key={way} className="card">
              <h3 className="card__title">{t(`home.ways.${way}Title`)}</h3>
              <p className="card__body">{t(`home.ways.${way}Body`)}</p>
            </li>
          ))}
        </ul>
      </section>
      <section className="container section" aria-labelledby="lgus-title">
        <h2 id="lgus-title">{t("home.lgusTitle")}</h2>
        <p>{t("home.lgusLead")}</p>
        {lgus.length ? (
          <ul className="grid" role="list">
            {lgus.map((lgu) => (
              <li key={lgu.id}>
                <LguCard lgu={lgu} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">{t("lgus.empty")}</p>
        )}
        <p>
          <Link to="/lgus">{t("home.viewAllLgus")}</Link>
        </p>
      </section>
    </>
  );
}
