import type { MetaDescriptor } from "@remix-run/node";
import { stringsOf } from "~/i18n/strings";

interface RootLike {
  id: string;
  data?: unknown;
}

type Strings = Record<string, unknown>;

/**
 * A page <title> from a translation key (`nav.projects`, or `auth:signIn.title` for another
 * namespace), in the language the root loader chose.
 */
export function titleFromRoot(matches: RootLike[], key: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { language?: string; translations?: Record<string, Strings> } | undefined;
  // The root's data carries the strings only for client-side navigations; otherwise they are the
  // language's strings as this side keeps them (~/i18n/strings).
  const strings = (root?.translations ?? (root?.language ? stringsOf(root.language) : undefined)) as Record<string, Strings> | undefined;
  const lookup = (ns: string, path: string) =>
    path
      .split(".")
      .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Strings)[part] : undefined), strings?.[ns]);
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

/** Whether a route's handle says so (the root reads it to leave out scripts; entry.server too). */
export function isScriptFree(handle: unknown): boolean {
  return typeof handle === "object" && handle !== null && (handle as ScriptFreeHandle).hydrate === false;
}
