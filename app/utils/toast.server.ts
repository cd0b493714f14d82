/**
 * Toasts that survive a redirect: flashed into a signed cookie, read (and cleared) by the root
 * loader on the next page. The message is a translation key, translated where it is shown.
 */
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { z } from "zod";
import { getEnv } from "~/config/env.server";

export const toastSchema = z.object({
  id: z.string(),
  type: z.enum(["success", "error", "info"]),
  messageKey: z.string(),
  // Numbers stay numbers so i18next can choose plural forms from a count.
  values: z.record(z.union([z.string(), z.number()])).optional(),
});
export type Toast = z.infer<typeof toastSchema>;

type ToastStorage = ReturnType<typeof createCookieSessionStorage<Record<string, never>, { toast: Toast }>>;
let storage: ToastStorage | undefined;
function toastStorage() {
  const env = getEnv();
  storage ??= createCookieSessionStorage<Record<string, never>, { toast: Toast }>({
    cookie: {
      name: "tulay_toast",
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: env.COOKIE_SECURE,
      secrets: [env.SESSION_SECRET],
    },
  });
  return storage;
}

export async function toastHeader(toast: Omit<Toast, "id">): Promise<string> {
  const session = await toastStorage().getSession();
  session.flash("toast", { id: crypto.randomUUID(), ...toast });
  return toastStorage().commitSession(session);
}

export async function redirectWithToast(url: string, toast: Omit<Toast, "id">, headers: HeadersInit = {}) {
  const all = new Headers(headers);
  all.append("Set-Cookie", await toastHeader(toast));
  return redirect(url, { headers: all });
}

/** The pending toast, if any, and the header that clears it. A tampered cookie is ignored. */
export async function getToast(request: Request): Promise<{ toast: Toast | null; headers: Headers }> {
  const session = await toastStorage().getSession(request.headers.get("Cookie"));
  const parsed = toastSchema.safeParse(session.get("toast"));
  const headers = new Headers();
  if (parsed.success) headers.append("Set-Cookie", await toastStorage().commitSession(session));
  return { toast: parsed.success ? parsed.data : null, headers };
}
