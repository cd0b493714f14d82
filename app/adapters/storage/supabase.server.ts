/**
 * The Supabase adapter of the storage port: one private Supabase Storage bucket, reached with the
 * service-role key (access is checked by our routes before any of these calls), and Supabase's own
 * signed URLs for handing a file to a browser.
 */
import { createClient, type WebSocketLikeConstructor } from "@supabase/supabase-js";
import WebSocket from "ws";
import type { StoragePort } from "./port";

export interface SupabaseStorageOptions {
  url: string;
  serviceRoleKey: string;
  bucket: string;
}

interface StorageFailure {
  message: string;
  status?: number;
  statusCode?: string;
}

// Storage answers most errors with HTTP 400 and the real status as a string in `statusCode`.
function isNotFound(error: StorageFailure): boolean {
  return error.statusCode === "404" || error.status === 404;
}

function storageError(action: string, key: string, error: StorageFailure): Error {
  const status = error.statusCode ?? error.status ?? "network";
  return new Error(`Supabase Storage could not ${action} "${key}" (${status}: ${error.message})`);
}

export function createSupabaseStorage(options: SupabaseStorageOptions): StoragePort {
  const supabase = createClient(options.url, options.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no dependable global WebSocket; realtime-js wants one even when unused.
    realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
  });
  const bucket = () => supabase.storage.from(options.bucket);

  return {
    name: "supabase",

    async put(key, body, contentType) {
      const { error } = await bucket().upload(key, body, { contentType, upsert: false });
      if (error) throw storageError("store", key, error);
      return { key, size: body.byteLength, contentType };
    },

    async get(key) {
      const { data, error } = await bucket().download(key);
      if (error) {
        if (isNotFound(error)) return null;
        throw storageError("read", key, error);
      }
      return { body: new Uint8Array(await data.arrayBuffer()), contentType: data.type || "application/octet-stream" };
    },

    async signedUrl(key, expiresInSeconds) {
      const { data, error } = await bucket().createSignedUrl(key, expiresInSeconds);
      if (error) throw storageError("sign a link to", key, error);
      return data.signedUrl;
    },

    async remove(key) {
      // Removing what is already gone succeeds with an empty list, as the local adapter does.
      const { error } = await bucket().remove([key]);
      if (error) throw storageError("remove", key, error);
    },
  };
}
