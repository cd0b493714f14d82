/** The applicant's form (shared by the browser and the server; messages are `permits:` keys). */
import { z } from "zod";
import { parseMajorUnits } from "~/modules/money/major-units";

const text = (min: number, max: number, key: string) =>
  z
    .string({ required_error: key })
    .trim()
    .min(min, key)
    .max(max, key)
    .refine((value) => ![...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f), key);

/** `digits`: the minor-unit digits of the permit type's currency (2 for PHP). */
export const applicationSchema = (digits: number) =>
  z.object({
    businessName: text(2, 200, "permits:validation.businessName"),
    lineOfBusiness: text(2, 200, "permits:validation.lineOfBusiness"),
    address: text(5, 500, "permits:validation.address"),
    ownerName: text(2, 200, "permits:validation.ownerName"),
    ownerPhone: z
      .string({ required_error: "permits:validation.ownerPhone" })
      .trim()
      .regex(/^[+0-9 ()-]{7,24}$/, "permits:validation.ownerPhone"),
    declared: z
      .string({ required_error: "permits:validation.declared" })
      .trim()
      .transform((value, ctx) => {
        const parsed = parseMajorUnits(value, digits);
        if (!parsed.ok) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `services:${parsed.code}` });
          return z.NEVER;
        }
        return parsed.minor;
      }),
  });

export type ApplicationForm = z.infer<ReturnType<typeof applicationSchema>>;

/** What the database stores from the form. */
export function applicationInput(form: ApplicationForm) {
  return {
    businessName: form.businessName,
    lineOfBusiness: form.lineOfBusiness,
    address: form.address,
    ownerName: form.ownerName,
    ownerPhone: form.ownerPhone,
    declaredMinor: form.declared,
  };
}
export type ApplicationInput = ReturnType<typeof applicationInput>;

export const lookupSchema = z.object({
  reference: z
    .string({ required_error: "permits:validation.reference" })
    .trim()
    .min(6, "permits:validation.reference")
    .max(60, "permits:validation.reference"),
  secondFactor: z
    .string({ required_error: "permits:validation.secondFactor" })
    .trim()
    .min(4, "permits:validation.secondFactor")
    .max(200, "permits:validation.secondFactor"),
});
