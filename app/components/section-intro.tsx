import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/**
 * A section whose features are still being built says so plainly and describes what it will
 * offer, instead of a dead link or an empty list pretending to be live.
 */
export function SectionIntro({ section }: { section: "invest" | "services" | "jobs" | "volunteer" }) {
  const { t } = useTranslation();
  return (
    <section className="container section" aria-labelledby="section-title">
      <h1 id="section-title">{t(`sections.${section}.title`)}</h1>
      <p className="lead">{t(`sections.${section}.body`)}</p>
      <p className="notice">{t("sections.opensSoon")}</p>
      <p>
        <Link to="/lgus">{t("sections.browseLgus")}</Link>
      </p>
    </section>
  );
}
