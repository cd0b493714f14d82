import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { sections } from "./site-header";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t("footer.about")}</p>
        <nav aria-label={t("footer.sections")}>
          <ul className="footer-links" role="list">
            {sections.map((section) => (
              <li key={section.to}>
                <Link to={section.to}>{t(section.key)}</Link>
              </li>
            ))}
            <li>
              <a href="/healthz">{t("footer.status")}</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
