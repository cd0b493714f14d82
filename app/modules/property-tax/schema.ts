/**
 * The property tax forms' zod schemas (shared by the browser and the server); messages are keys
 * of the `tax` namespace.
 */
import { z } from "zod";

/** The currencies an assessment file may be in (the import converts its amounts to minor units). */
export const importCurrencies = ["PHP", "USD", "EUR", "JPY", "KWD"] as const;

/** How a payment at the treasury counter was made (the online channels are card and sandbox). */
export const counterChannels = ["cash", "bank_transfer"] as const;
export type CounterChannel = (typeof counterChannels)[number];

export const importSchema = z.object({
  currency: z.enum(importCurrencies, { message: "tax:validation.currency" }),
});

export const lookupSchema = z.object({
  taxDeclarationNumber: z
    .string({ required_error: "tax:validation.declaration" })
    .trim()
    .min(1, "tax:validation.declaration")
    .max(40, "tax:validation.declaration")
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, "tax:validation.declaration"),
  lastName: z
    .string({ required_error: "tax:validation.lastName" })
    .trim()
    .min(2, "tax:validation.lastName")
    .max(100, "tax:validation.lastName"),
});

export const formUploadSchema = z.object({
  title: z.string({ required_error: "tax:validation.title" }).trim().min(3, "tax:validation.title").max(200, "tax:validation.title"),
  titleLanguage: z.enum(["en", "fil", "es", "fr", "ar"]).default("en"),
});

export const formChangeSchema = z.object({
  intent: z.enum(["publish", "hide", "remove"]),
  id: z.string().uuid(),
});

/** The CSV's columns, for the upload page (the same list as csv-import.server's, which a test checks). */
export const assessmentFileColumns = ["tax_declaration_number", "property_location", "owner_name", "assessed_value", "tax_due", "due_date", "penalties"] as const;
