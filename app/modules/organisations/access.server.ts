/**
 * What the staff and officer pages share: finding the LGU or organisation a URL names and checking
 * the caller's role there (404 when it does not exist for them, 403 when they lack the role), the
 * 400/409 answer for a refused form, and the place and country lists of the forms.
 */
import { json } from "@remix-run/node";
import { withRls } from "~/db/client.server";
import type { LguRole, OrganisationRole } from "~/db/schema";
import { countryName } from "~/i18n/format";
import { requireLguRole, requireOrganisationRole, requireUser } from "~/modules/auth/session.server";
import { notFound, toResponse } from "~/utils/errors";
import type { FormReply } from "~/utils/forms.server";
import { FormProblem } from "./errors.server";
import { getManagedLgu } from "./lgus.server";
import { getOrganisation, placeGroups } from "./organisations.server";
import { countryCodes } from "./schema";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** AppErrors (403 from the role helpers) become responses; redirects and Responses pass through. */
export async function orResponse<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    return toResponse(error);
  }
}

export async function requireManagedLgu(request: Request, slug: string | undefined, roles?: LguRole[]) {
  const session = await requireUser(request);
  if (!slug || !SLUG.test(slug) || slug.length > 100) throw notFound("bad lgu slug");
  const found = await getManagedLgu(session.claims, slug);
  if (!found) throw notFound(`no lgu ${slug} for this caller`);
  await orResponse(requireLguRole(request, found.lgu.id, roles));
  return { session, ...found, isAdmin: found.roles.includes("admin") };
}

export async function requireManagedOrganisation(request: Request, slug: string | undefined, roles?: OrganisationRole[]) {
  const session = await requireUser(request);
  if (!slug || !SLUG.test(slug) || slug.length > 100) throw notFound("bad organisation slug");
  const found = await getOrganisation(session.claims, slug);
  if (!found) throw notFound(`no organisation ${slug} for this caller`);
  await orResponse(requireOrganisationRole(request, found.organisation.id, roles));
  return { session, ...found, isOfficer: found.role === "officer" };
}

interface RepliesLike {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): FormReply;
}

/**
 * The answer to a form the services refused: the problem beside its field (or above the form) with
 * the values kept, at the problem's status. Anything that is not a FormProblem goes on to the
 * ErrorBoundary (AppErrors as their status, the rest as a 500).
 */
export function refusedForm(submission: RepliesLike | null, error: unknown) {
  if (error instanceof FormProblem) {
    const options = error.field ? { fieldErrors: { [error.field]: [error.messageKey] } } : { formErrors: [error.messageKey] };
    const reply: FormReply = submission ? submission.reply(options) : { status: "error", error: { [error.field]: [error.messageKey] } };
    return json({ reply }, { status: error.status });
  }
  return toResponse(error);
}

/** Places for the selects, grouped by country, with country names in the reader's language. */
export async function placeGroupsIn(language: string) {
  const groups = await withRls(null, (tx) => placeGroups(tx));
  return groups
    .map((group) => ({ countryName: countryName(group.countryCode, language), places: group.places }))
    .sort((a, b) => a.countryName.localeCompare(b.countryName, language));
}

export function countryOptionsIn(language: string) {
  return countryCodes
    .map((code) => ({ value: code, label: countryName(code, language) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
}
