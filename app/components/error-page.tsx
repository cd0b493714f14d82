import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** The body of every ErrorBoundary: a translated 404 or error page, never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404 ? t("errors.notFoundTitle") : status === 400 ? t("errors.badRequestTitle") : t("errors.errorTitle");
  const body = status === 404 ? t("errors.notFoundBody") : t("errors.errorBody");
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__code">{t("errors.statusCode", { status })}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/" className="button">
          {t("errors.backHome")}
        </Link>
      </p>
    </section>
  );
}
