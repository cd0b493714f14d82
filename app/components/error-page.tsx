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

function messageKeyOf(data: unknown): string | null {
  const parsed = typeof data === "string" ? safeJson(data) : data;
  const key = parsed && typeof parsed === "object" ? (parsed as { messageKey?: unknown }).messageKey : null;
  return typeof key === "string" && /^[a-z]+(:[a-zA-Z]+)?(\.[a-zA-Z]+)+$/.test(key) ? key : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The body of every ErrorBoundary: a translated 404 or error page, never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404
      ? t("errors.notFoundTitle")
      : status === 403
        ? t("errors.forbiddenTitle")
        : status === 429
          ? t("errors.tooManyTitle")
          : status === 400 || status === 409
            ? t("errors.badRequestTitle")
            : t("errors.errorTitle");
  // Expected failures (AppError) carry a translation key; anything else gets the generic words.
  const messageKey = isRouteErrorResponse(error) ? messageKeyOf(error.data) : null;
  const body = status === 404 ? t("errors.notFoundBody") : status === 403 ? t("errors.forbiddenBody") : messageKey ? t(messageKey) : t("errors.errorBody");
  return (
    <ErrorPanel title={title} code={t("errors.statusCode", { status })}>
      <p>{body}</p>
    </ErrorPanel>
  );
}
