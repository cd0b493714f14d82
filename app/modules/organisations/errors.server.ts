/**
 * Failures of the organisation, membership, invitation and verification services: a form problem
 * (a field, or "" for the whole form, with a translation key) and the database's own refusals
 * (trigger HINTs such as 'last_admin', constraint names), read from the driver's error.
 */
import { AppError } from "~/utils/errors";

/** A refusal that belongs beside a form field ("" = above the form). Routes answer it with the form. */
export class FormProblem extends AppError {
  constructor(public readonly field: string, messageKey: string, status = 400, debugLabel = messageKey) {
    super(messageKey, status, debugLabel);
    this.name = "FormProblem";
  }
}

export interface DatabaseFailure {
  code?: string;
  hint?: string;
  constraint?: string;
}

/** The Postgres error behind a failed query (drizzle wraps postgres.js's error as `cause`), or null. */
export function databaseFailure(error: unknown): DatabaseFailure | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const candidate = current as { code?: unknown; hint?: unknown; constraint_name?: unknown; cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      return {
        code: candidate.code,
        hint: typeof candidate.hint === "string" ? candidate.hint : undefined,
        constraint: typeof candidate.constraint_name === "string" ? candidate.constraint_name : undefined,
      };
    }
    current = candidate.cause;
  }
  return null;
}

export const isUniqueViolation = (error: unknown, constraint?: string) => {
  const failure = databaseFailure(error);
  return failure?.code === "23505" && (!constraint || failure.constraint === constraint);
};

export const hasHint = (error: unknown, hint: string) => databaseFailure(error)?.hint === hint;

/** Row-level security refused the write (42501), e.g. someone without the role trying anyway. */
export const isPermissionDenied = (error: unknown) => databaseFailure(error)?.code === "42501";

/** A database rule's refusal, by its hint: the field it is about, the message key, the status. */
export type HintedProblems = Record<string, [field: string, messageKey: string, status: number]>;

/**
 * Rethrows a refusal of the database's own rules (its hint, or 42501 for the wrong person as
 * `forbidden`) as the FormProblem the person sees; any other error is rethrown as it is.
 */
export function throwHinted(error: unknown, hints: HintedProblems, forbidden: string): never {
  const failure = databaseFailure(error);
  const mapped = (failure?.hint ? hints[failure.hint] : undefined) ?? (failure?.code === "42501" ? hints[forbidden] : undefined);
  if (mapped) throw new FormProblem(mapped[0], mapped[1], mapped[2]);
  throw error;
}
