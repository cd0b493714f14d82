/** The profile form's schema: every field optional except the name; messages are account: keys. */
import { z } from "zod";
import { countryCodes, languageOptions, migrationStatusOptions, sectorOptions, visibilityOptions, willingnessOptions } from "./vocabulary";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "account:validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));
const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, { errorMap: () => ({ message: "account:validation.invalidChoice" }) }))
    .optional()
    .transform((v) => [...new Set(v ?? [])]);
const country = z.enum(countryCodes as [string, ...string[]], { errorMap: () => ({ message: "account:validation.invalidCountry" }) });
const visibility = z.enum(visibilityOptions, { errorMap: () => ({ message: "account:validation.invalidChoice" }) }).default("private");

export const profileSchema = z.object({
  displayName: z
    .string({ required_error: "account:validation.displayNameRequired" })
    .trim()
    .min(1, "account:validation.displayNameRequired")
    .max(120, "account:validation.tooLong"),
  countryOfResidence: country.optional().transform((v) => v ?? null),
  city: optionalText(120),
  hometowns: z
    .array(z.string().uuid("account:validation.invalidChoice"))
    .max(5, "account:validation.tooManyHometowns")
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
  languages: list(languageOptions),
  sectors: list(sectorOptions),
  willingness: list(willingnessOptions),
  yearsAbroad: z.coerce
    .number({ invalid_type_error: "account:validation.yearsAbroad" })
    .int("account:validation.yearsAbroad")
    .min(0, "account:validation.yearsAbroad")
    .max(80, "account:validation.yearsAbroad")
    .optional()
    .transform((v) => v ?? null),
  countriesWorked: z
    .array(country)
    .max(20, "account:validation.tooMany")
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
  occupation: optionalText(160),
  certificates: z
    .string()
    .max(2000, "account:validation.tooLong")
    .optional()
    .transform((v) =>
      (v ?? "")
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .slice(0, 20),
    ),
  migrationStatus: z
    .enum(migrationStatusOptions, { errorMap: () => ({ message: "account:validation.invalidChoice" }) })
    .optional()
    .transform((v) => v ?? null),
  returnCircumstances: optionalText(2000),
  basicsVisibility: visibility,
  engagementVisibility: visibility,
  returneeVisibility: visibility,
  // Consent to investment invitations from LGUs (off unless ticked; an unticked box sends nothing).
  investmentInvitations: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export type ProfileInput = z.infer<typeof profileSchema>;
