import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "./language-switcher";

export const sections = [
  { to: "/projects", key: "nav.projects" },
  { to: "/invest", key: "nav.invest" },
  { to: "/services", key: "nav.services" },
  { to: "/jobs", key: "nav.jobs" },
  { to: "/volunteer", key: "nav.volunteer" },
  { to: "/lgus", key: "nav.lgus" },
] as const;

function SectionLinks() {
  const { t } = useTranslation();
  return (
    <ul className="nav-list" role="list">
      {sections.map((section) => (
        <li key={section.to}>
          <NavLink to={section.to} prefetch="intent">
            {t(section.key)}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}

/**
 * The header: brand, sections, language. On small screens the sections fold into a <details>
 * disclosure, which opens and closes without JavaScript; on wide screens the inline list shows.
 * Only one of the two lists is displayed at a time (display:none hides the other from assistive tech).
 */
export function SiteHeader({ language, returnTo }: { language: string; returnTo: string }) {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label={t("nav.home")}>
          <span className="brand__mark" aria-hidden="true">
            ⌒
          </span>
          <span className="brand__name">{t("meta.title")}</span>
        </Link>
        <nav aria-label={t("nav.mainLabel")} className="site-nav">
          <div className="site-nav__inline">
            <SectionLinks />
          </div>
          <details className="site-nav__menu">
            <summary>{t("nav.menu")}</summary>
            <SectionLinks />
          </details>
        </nav>
        <LanguageSwitcher language={language} returnTo={returnTo} />
      </div>
    </header>
  );
}
