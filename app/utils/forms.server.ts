/**
 * Form parsing: one zod schema per form, parsed with conform so the reply carries every field's
 * errors (translation keys) and the values to show again. A failed parse is a 400 with the reply.
 */
import { parseWithZod } from "@conform-to/zod";
import { json } from "@remix-run/node";
import type { z } from "zod";

export type FormReply = {
  status?: "error" | "success";
  error?: Record<string, string[] | null> | null;
  initialValue?: Record<string, unknown> | null;
  /** Which form on the page the reply is for, when a page has several. */
  form?: string;
};

export async function parseForm<Schema extends z.ZodTypeAny>(formDataOrRequest: Request | FormData, schema: Schema) {
  const formData = formDataOrRequest instanceof Request ? await formDataOrRequest.formData() : formDataOrRequest;
  return parseWithZod(formData, { schema });
}

/** A 400 answer showing `formErrors` (keys) above the form, and field errors beside their fields. */
export function formError(reply: FormReply, status = 400) {
  return json({ reply }, { status });
}

/** Field errors from a reply, for forms whose problem is found after parsing (e.g. wrong password). */
export function replyWith(fieldErrors: Record<string, string[]>, initialValue: Record<string, unknown> = {}): FormReply {
  return { status: "error", error: fieldErrors, initialValue };
}
