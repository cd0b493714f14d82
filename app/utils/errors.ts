/**
 * The one error type for expected failures: a translation key the user sees, an HTTP status, and
 * a label for the logs. Routes throw it; the ErrorBoundary translates the key.
 */
export class AppError extends Error {
  constructor(
    public readonly messageKey: string,
    public readonly status: number,
    public readonly debugLabel: string,
  ) {
    super(`${debugLabel} (${status}): ${messageKey}`);
    this.name = "AppError";
  }
}

export function notFound(debugLabel: string): Response {
  return new Response(JSON.stringify({ messageKey: "errors.notFoundBody", debugLabel }), {
    status: 404,
    headers: { "Content-Type": "application/json" },
  });
}

/** Turns an AppError into a Response a loader can throw; anything else is rethrown as is. */
export function toResponse(error: unknown): never {
  if (error instanceof AppError) {
    throw new Response(JSON.stringify({ messageKey: error.messageKey, debugLabel: error.debugLabel }), {
      status: error.status,
      headers: { "Content-Type": "application/json" },
    });
  }
  throw error;
}

/** A redirect target from user input, kept on this site (no open redirects). */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return fallback;
  }
  return value;
}

/** A 403 a loader or action can throw: the ErrorBoundary shows the translated "not allowed" page. */
export function forbidden(debugLabel: string): Response {
  return new Response(JSON.stringify({ messageKey: "errors.forbiddenBody", debugLabel }), {
    status: 403,
    headers: { "Content-Type": "application/json" },
  });
}
