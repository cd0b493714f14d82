/**
 * Reading a multipart form with files, never holding more than each file field's limit in memory:
 * a part over its limit stops the read at once and comes back as `tooLarge` with the field's name
 * (a 400 beside that field, not a server error). File fields not named in the limits are dropped
 * unread; text fields are capped at 64 KB.
 */
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

const MAX_TEXT_FIELD_BYTES = 64 * 1024;

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export type Upload =
  | { ok: true; fields: FormData; files: Map<string, UploadedFile> }
  | { ok: false; problem: "tooLarge"; field: string }
  | { ok: false; problem: "unreadable" };

/** `limits`: the file fields to read, each with its maximum size in bytes. */
export async function readUpload(request: Request, limits: Record<string, number>): Promise<Upload> {
  const handlers = new Map(Object.entries(limits).map(([name, maxPartSize]) => [name, unstable_createMemoryUploadHandler({ maxPartSize })]));
  const text = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_FIELD_BYTES });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, async (part) => {
      if (typeof part.filename !== "string") return text(part);
      const handler = handlers.get(part.name);
      if (!handler) {
        // Drain the stream without keeping it: the field is not one this form takes.
        for await (const chunk of part.data) void chunk;
        return undefined;
      }
      return handler(part);
    });
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, problem: "tooLarge", field: error.field };
    // Not multipart at all, or a malformed body: the form is simply unusable.
    if (error instanceof TypeError || (error instanceof Error && /multipart|boundary|content-type/i.test(error.message))) {
      return { ok: false, problem: "unreadable" };
    }
    throw error;
  }
  const files = new Map<string, UploadedFile>();
  for (const name of Object.keys(limits)) {
    const value = form.get(name);
    form.delete(name);
    if (value && typeof value !== "string" && value.size > 0) files.set(name, { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { ok: true, fields: form, files };
}
