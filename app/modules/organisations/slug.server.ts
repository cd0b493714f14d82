/**
 * Slugs for LGUs and organisations: made from the name, unique across all of them. The uniqueness
 * check is the database's unique index (RLS hides other people's unverified rows, so a lookup could
 * not see every clash); each attempt runs in a savepoint so a clash does not abort the transaction.
 */
import crypto from "node:crypto";
import type { Tx } from "~/db/client.server";
import { isUniqueViolation } from "./errors.server";

const MAX_LENGTH = 60;

/** "Samahang Nagueño ng Toronto" → "samahang-nagueno-ng-toronto"; names in other scripts fall back. */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_LENGTH)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : fallback;
}

export async function insertWithUniqueSlug<T>(
  tx: Tx,
  base: string,
  constraint: string,
  insert: (savepoint: Tx, slug: string) => Promise<T>
): Promise<T> {
  for (let attempt = 1; attempt <= 8; attempt++) {
    // After a few numbered tries, a random suffix: popular names must not loop for long.
    const suffix = attempt === 1 ? "" : attempt <= 5 ? `-${attempt}` : `-${crypto.randomBytes(3).toString("hex")}`;
    const slug = `${base.slice(0, MAX_LENGTH - suffix.length).replace(/-+$/g, "")}${suffix}`;
    try {
      return await tx.transaction((savepoint) => insert(savepoint, slug));
    } catch (error) {
      if (!isUniqueViolation(error, constraint)) throw error;
    }
  }
  throw new Error(`no free slug for ${base}`);
}
