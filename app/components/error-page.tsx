import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** The frame of every error message: a heading, what happened, and the way home. */
export function ErrorPanel({ title, code, children }: { title: string; code?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="error-page" aria-labelledby="error-title">
      {code ? <p className="error-page__code">{code}</p> : null}
      <h1 id="error-title">{title}</h1>
      {children}
      <p>
        <Link to="/" className="button">
          {t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}

/** The body of every ErrorBoundary: a translated 404 or error page, never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404 ? t("errors.notFoundTitle") : status === 400 ? t("errors.badRequestTitle") : t("errors.errorTitle");
  return (
    <ErrorPanel title={title} code={t("errors.statusCode", { status })}>
      <p>{status === 404 ? t("errors.notFoundBody") : t("errors.errorBody")}</p>
    </ErrorPanel>
  );
}
