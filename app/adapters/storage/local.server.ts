/**
 * Storage adapter for the embedded default: files under UPLOADS_DIR (default .data/uploads), each
 * with a small sidecar holding its content type. Links are `/files/<key>?expires=…&signature=…`,
 * an HMAC of key and expiry with the session secret, checked by the /files route.
 */
import crypto from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { StoragePort, StoredObject } from "./port";

const KEY = /^[a-zA-Z0-9][a-zA-Z0-9._-]*(\/[a-zA-Z0-9][a-zA-Z0-9._-]*)*$/;

export function isValidKey(key: string): boolean {
  return KEY.test(key) && !key.split("/").some((part) => part === "." || part === "..") && key.length <= 300;
}

function signature(secret: string, key: string, expires: number): string {
  return crypto.createHmac("sha256", secret).update(`${key}\n${expires}`).digest("base64url");
}

/** True when a /files link is genuine and not expired. */
export function verifyFileLink(secret: string, key: string, expires: string | null, given: string | null, now = Date.now()): boolean {
  if (!expires || !given || !/^\d{1,12}$/.test(expires) || !isValidKey(key)) return false;
  if (Number(expires) * 1000 < now) return false;
  const expected = Buffer.from(signature(secret, key, Number(expires)));
  const actual = Buffer.from(given);
  return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
}

export function createLocalStorage(options: { root: string; secret: string }): StoragePort {
  const file = (key: string) => {
    if (!isValidKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
    return path.join(options.root, ...key.split("/"));
  };
  return {
    name: "local",
    async put(key, body, contentType): Promise<StoredObject> {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      // wx: never overwrite; keys carry a random id, so a clash is a bug worth an error.
      await writeFile(target, body, { flag: "wx", mode: 0o600 });
      await writeFile(`${target}.type`, contentType, { mode: 0o600 });
      return { key, size: body.byteLength, contentType };
    },
    async get(key) {
      if (!isValidKey(key)) return null;
      try {
        const [body, contentType] = await Promise.all([readFile(file(key)), readFile(`${file(key)}.type`, "utf8")]);
        return { body: new Uint8Array(body), contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async signedUrl(key, expiresInSeconds) {
      if (!isValidKey(key)) throw new Error(`invalid storage key: ${JSON.stringify(key)}`);
      const expires = Math.floor(Date.now() / 1000) + expiresInSeconds;
      const params = new URLSearchParams({ expires: String(expires), signature: signature(options.secret, key, expires) });
      return `/files/${key}?${params}`;
    },
    async remove(key) {
      await rm(file(key), { force: true });
      await rm(`${file(key)}.type`, { force: true });
    },
  };
}
