/**
 * The file-storage port: private objects, reached only through short-lived signed links handed out
 * after an access check. `local` keeps files under .data/uploads and serves them through /files;
 * `supabase` uses a private Supabase Storage bucket and its signed URLs.
 */
export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
}

export interface StoragePort {
  readonly name: "local" | "supabase";
  /** Stores bytes under a key such as `verification/<uuid>/<file>`; overwrites nothing (keys are unique). */
  put(key: string, body: Uint8Array, contentType: string): Promise<StoredObject>;
  /** The bytes and type of an object, or null when it does not exist. */
  get(key: string): Promise<{ body: Uint8Array; contentType: string } | null>;
  /** A link that works for `expiresInSeconds` and then stops working. */
  signedUrl(key: string, expiresInSeconds: number): Promise<string>;
  remove(key: string): Promise<void>;
}
