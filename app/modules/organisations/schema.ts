/**
 * The forms of organisations, LGU registration, memberships, invitations and verification: one zod
 * schema per form, shared by the page and the server. Messages are translation keys
 * (organisations: and admin: namespaces); nothing here touches the database.
 */
import { z } from "zod";

export const organisationKinds = ["association", "employer", "cooperative", "ngo"] as const;
export const associationLevels = ["local", "umbrella", "federation"] as const;
export const lguRoles = ["admin", "editor", "treasurer", "permits_officer", "investment_officer"] as const;
export const organisationRoles = ["officer", "member"] as const;

// One country list for every form (app/modules/people/vocabulary.ts).
export { countryCodes } from "~/modules/people/vocabulary";
import { countryCodes } from "~/modules/people/vocabulary";

const v = (key: string) => `organisations:validation.${key}`;
const choice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.enum(values, { errorMap: () => ({ message: v(key) }) });

const name = z
  .string({ required_error: v("nameRequired") })
  .trim()
  .min(2, v("nameTooShort"))
  .max(160, v("nameTooLong"));
export const emailField = z
  .string({ required_error: v("emailRequired") })
  .trim()
  .toLowerCase()
  .max(254, v("emailInvalid"))
  .email(v("emailInvalid"));
const website = z
  .string()
  .trim()
  .max(300, v("websiteInvalid"))
  .url(v("websiteInvalid"))
  .refine((value) => /^https?:\/\//i.test(value), v("websiteInvalid"));
const placeId = z.string({ required_error: v("placeRequired") }).uuid(v("placeRequired"));
const uuid = z.string({ required_error: v("invalidRequest") }).uuid(v("invalidRequest"));

export const organisationSchema = z
  .object({
    kind: choice(organisationKinds, "kindRequired"),
    associationLevel: choice(associationLevels, "levelRequired").optional(),
    name,
    homePlaceId: placeId.optional(),
    cityAbroad: z.string().trim().max(120, v("tooLong")).optional(),
    countryAbroad: z
      .string()
      .trim()
      .toUpperCase()
      .refine((code) => countryCodes.includes(code), v("countryInvalid"))
      .optional(),
    contactEmail: emailField.optional(),
    website: website.optional(),
    description: z.string().trim().max(2000, v("descriptionTooLong")).optional(),
  })
  .superRefine((value, ctx) => {
    if (value.kind !== "association") return;
    if (!value.associationLevel) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["associationLevel"], message: v("levelRequired") });
    if (!value.homePlaceId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["homePlaceId"], message: v("homePlaceRequired") });
  });
export type OrganisationInput = z.infer<typeof organisationSchema>;

export const lguRegistrationSchema = z.object({
  name,
  placeId,
  contactEmail: emailField,
  contactPhone: z
    .string()
    .trim()
    .max(40, v("phoneInvalid"))
    .regex(/^\+?[0-9 ()./-]{5,}$/, v("phoneInvalid"))
    .optional(),
  website: website.optional(),
});
export type LguRegistrationInput = z.infer<typeof lguRegistrationSchema>;

/** The staff page's forms, told apart by `intent` (each is its own <form>, so none needs JavaScript). */
export const lguStaffActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: emailField, role: choice(lguRoles, "roleRequired") }),
  z.object({ intent: z.literal("revoke"), invitationId: uuid }),
  z.object({ intent: z.literal("remove"), membershipId: uuid }),
  z.object({ intent: z.literal("leave") }),
]);

export const organisationMembersActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: emailField, role: choice(organisationRoles, "roleRequired") }),
  z.object({ intent: z.literal("revoke"), invitationId: uuid }),
  z.object({ intent: z.literal("remove"), membershipId: uuid }),
  z.object({ intent: z.literal("changeRole"), membershipId: uuid, role: choice(organisationRoles, "roleRequired") }),
  z.object({ intent: z.literal("leave") }),
]);

export const invitationResponseSchema = z.object({
  intent: z.enum(["accept", "decline"], { errorMap: () => ({ message: v("invalidRequest") }) }),
});

export const myInvitationResponseSchema = invitationResponseSchema.extend({ invitationId: uuid });

/** The text part of the verification form; the evidence file is checked by its bytes on the server. */
export const verificationApplySchema = z.object({
  note: z.string().trim().max(1000, v("noteTooLong")).optional(),
});

export const verificationDecisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"], { errorMap: () => ({ message: "admin:validation.decisionRequired" }) }),
    reason: z.string().trim().max(1000, "admin:validation.reasonTooLong").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "reject" && (value.reason ?? "").length < 3) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["reason"], message: "admin:validation.reasonRequired" });
    }
  });
export type VerificationDecisionInput = z.infer<typeof verificationDecisionSchema>;

/** The actions the audit triggers write (app_private.audit_row: "<table>.<op>"), for the filter. */
export const auditActions = [
  "lgu_memberships.insert",
  "lgu_memberships.delete",
  "organisation_memberships.insert",
  "organisation_memberships.update",
  "organisation_memberships.delete",
  "invitations.insert",
  "invitations.update",
  "verification_requests.insert",
  "verification_requests.update",
  "lgus.update",
  "organisations.update",
  "platform_admins.insert",
  "platform_admins.delete",
] as const;

/** The audit log's filters (query string); anything malformed is ignored rather than refused. */
export const auditFiltersSchema = z.object({
  page: z.coerce.number().int().min(1).max(100000).catch(1),
  action: z
    .string()
    .regex(/^[a-z_]+\.(insert|update|delete)$/)
    .optional()
    .catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;
