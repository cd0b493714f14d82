import type { MetaDescriptor } from "@remix-run/node";

interface RootLike {
  id: string;
  data?: unknown;
}

/** A page <title> from a translation key, read from the strings the root loader sent. */
export function titleFromRoot(matches: RootLike[], key: string): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { translations?: Record<string, unknown> } | undefined;
  const lookup = (path: string) =>
    path.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), root?.translations);
  const title = lookup(key);
  const brand = lookup("meta.title");
  return [{ title: typeof title === "string" ? `${title} — ${typeof brand === "string" ? brand : "Tulay"}` : "Tulay" }];
}
