/** The account forms' schemas; messages are translation keys (auth namespace). */
import { z } from "zod";

const email = z
  .string({ required_error: "auth:validation.emailRequired" })
  .trim()
  .toLowerCase()
  .max(254, "auth:validation.emailInvalid")
  .email("auth:validation.emailInvalid");

// bcrypt reads at most 72 bytes: longer passwords would be silently cut, so they are refused.
export const newPassword = z
  .string({ required_error: "auth:validation.passwordRequired" })
  .min(10, "auth:validation.passwordTooShort")
  .refine((v) => Buffer.byteLength(v, "utf8") <= 72, "auth:validation.passwordTooLong")
  .refine((v) => new Set(v).size >= 4, "auth:validation.passwordTooSimple");

const password = z.string({ required_error: "auth:validation.passwordRequired" }).min(1, "auth:validation.passwordRequired").max(1000);

export const signUpSchema = z.object({
  displayName: z
    .string({ required_error: "auth:validation.displayNameRequired" })
    .trim()
    .min(1, "auth:validation.displayNameRequired")
    .max(120, "auth:validation.displayNameTooLong"),
  email,
  password: newPassword,
});

export const signInSchema = z.object({ email, password, redirectTo: z.string().optional() });
export const emailOnlySchema = z.object({ email });
export const setPasswordSchema = z.object({ password: newPassword });
export const changePasswordSchema = z.object({ intent: z.literal("password"), currentPassword: password, password: newPassword });
export const changeEmailSchema = z.object({ intent: z.literal("email"), email, currentPassword: password });
export const deleteAccountSchema = z.object({
  currentPassword: password,
  confirm: z.literal("DELETE", { errorMap: () => ({ message: "auth:validation.typeDelete" }) }),
});
export const confirmParams = z.object({
  token_hash: z.string().min(10).max(200),
  type: z.enum(["signup", "recovery", "email_change", "magiclink", "email"]).transform((t) => (t === "email" ? "signup" : t)),
});
