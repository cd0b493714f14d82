import type { MetaDescriptor } from "@remix-run/node";

interface RootLike {
  id: string;
  data?: unknown;
}

type Strings = Record<string, unknown>;

/**
 * A page <title> from a translation key (`nav.projects`, or `auth:signIn.title` for another
 * namespace), read from the strings the root loader sent.
 */
export function titleFromRoot(matches: RootLike[], key: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { translations?: Record<string, Strings> } | undefined;
  const lookup = (ns: string, path: string) =>
    path
      .split(".")
      .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Strings)[part] : undefined), root?.translations?.[ns]);
  const [ns, path] = key.includes(":") ? (key.split(":", 2) as [string, string]) : ["common", key];
  const title = lookup(ns, path);
  const brand = lookup("common", "meta.title");
  return [{ title: typeof title === "string" ? `${title} — ${typeof brand === "string" ? brand : "Tulay"}` : "Tulay" }];
}

/**
 * `export const handle = scriptFree` on a route whose page works as plain HTML (links, GET and POST
 * forms): the root then leaves out every script, so the browser downloads and runs no JavaScript.
 */
export interface ScriptFreeHandle {
  hydrate: false;
}
export const scriptFree: ScriptFreeHandle = { hydrate: false };
