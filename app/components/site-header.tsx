import { Form, Link, NavLink } from "@remix-run/react";
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
export interface HeaderUser {
  displayName: string;
  isPlatformAdmin: boolean;
}

/** Account links: sign in / sign up, or the person's pages and a sign-out form (POST, works without JS). */
function AccountLinks({ user }: { user: HeaderUser | null }) {
  const { t } = useTranslation();
  if (!user) {
    return (
      <ul className="account-links" role="list">
        <li>
          <Link to="/login">{t("account.signIn")}</Link>
        </li>
        <li>
          <Link to="/signup" className="button button--small">
            {t("account.signUp")}
          </Link>
        </li>
      </ul>
    );
  }
  return (
    <ul className="account-links" role="list">
      {user.isPlatformAdmin ? (
        <li>
          <Link to="/admin">{t("account.admin")}</Link>
        </li>
      ) : null}
      <li>
        <Link to="/me">
          <bdi>{user.displayName}</bdi>
        </Link>
      </li>
      <li>
        <Form method="post" action="/logout" className="inline-form">
          <button type="submit" className="link-button">
            {t("account.signOut")}
          </button>
        </Form>
      </li>
    </ul>
  );
}

export function SiteHeader({ language, returnTo, user }: { language: string; returnTo: string; user: HeaderUser | null }) {
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
        <AccountLinks user={user} />
        <LanguageSwitcher language={language} returnTo={returnTo} />
      </div>
    </header>
  );
}
