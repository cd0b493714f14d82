/** Contract tests of the Supabase storage adapter against the fake Supabase Storage API. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { StoragePort } from "../../app/adapters/storage/port";
import { createSupabaseStorage } from "../../app/adapters/storage/supabase.server";
import { startFakeSupabase, type FakeSupabase } from "../support/fake-supabase";

const BUCKET = "tulay-private";
const bytes = (text: string) => new TextEncoder().encode(text);

let fake: FakeSupabase;
let storage: StoragePort;

beforeAll(async () => {
  fake = await startFakeSupabase({ bucket: BUCKET });
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.reset();
  storage = createSupabaseStorage({ url: fake.url, serviceRoleKey: fake.serviceRoleKey, bucket: BUCKET });
});

describe("supabase storage adapter", () => {
  it("names itself", () => {
    expect(storage.name).toBe("supabase");
  });

  it("stores bytes with their type and reads them back", async () => {
    const body = bytes("%PDF-1.7 permit scan");
    const stored = await storage.put("verification/0b6c/permit.pdf", body, "application/pdf");
    expect(stored).toEqual({ key: "verification/0b6c/permit.pdf", size: body.byteLength, contentType: "application/pdf" });

    const upload = fake.requests.find((r) => r.method === "POST" && r.path === `/storage/v1/object/${BUCKET}/verification/0b6c/permit.pdf`);
    expect(upload?.headers["x-upsert"]).toBe("false");
    expect(upload?.headers["content-type"]).toBe("application/pdf");
    expect(upload?.headers.authorization).toBe(`Bearer ${fake.serviceRoleKey}`);
    expect(upload?.headers.apikey).toBe(fake.serviceRoleKey);
    expect(fake.objects.get(`${BUCKET}/verification/0b6c/permit.pdf`)?.body.toString()).toBe("%PDF-1.7 permit scan");

    const read = await storage.get("verification/0b6c/permit.pdf");
    expect(read?.contentType).toBe("application/pdf");
    expect(new TextDecoder().decode(read?.body)).toBe("%PDF-1.7 permit scan");
    expect(read?.body).toBeInstanceOf(Uint8Array);
  });

  it("keeps keys with spaces and accents intact", async () => {
    const key = "verification/0b6c/scan of ID – Peñafrancia.png";
    await storage.put(key, bytes("png"), "image/png");
    expect(fake.objects.has(`${BUCKET}/${key}`)).toBe(true);
    expect(new TextDecoder().decode((await storage.get(key))?.body)).toBe("png");
    const link = await storage.signedUrl(key, 60);
    expect(await (await fetch(link)).text()).toBe("png");
  });

  it("never overwrites an existing key", async () => {
    await storage.put("receipts/r1.jpg", bytes("first"), "image/jpeg");
    const error = await storage.put("receipts/r1.jpg", bytes("second"), "image/jpeg").catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('Supabase Storage could not store "receipts/r1.jpg" (409: The resource already exists)');
    expect((error as Error).message).not.toContain(fake.serviceRoleKey);
    expect(fake.objects.get(`${BUCKET}/receipts/r1.jpg`)?.body.toString()).toBe("first");
  });

  it("answers null for a missing object", async () => {
    expect(await storage.get("verification/none.pdf")).toBeNull();
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: `/storage/v1/object/${BUCKET}/verification/none.pdf`, status: 400 });
  });

  it("hands out an absolute signed link that works until it expires", async () => {
    await storage.put("updates/photo.jpg", bytes("jpeg bytes"), "image/jpeg");
    const link = await storage.signedUrl("updates/photo.jpg", 300);
    expect(link.startsWith(`${fake.url}/storage/v1/object/sign/${BUCKET}/updates/photo.jpg?token=`)).toBe(true);
    expect(fake.requests.at(-1)?.body).toEqual({ expiresIn: 300 });

    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(await response.text()).toBe("jpeg bytes");

    fake.advanceClock(301);
    const expired = await fetch(link);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toMatchObject({ statusCode: "400", message: "jwt expired" });
  });

  it("refuses to sign a link to a missing object", async () => {
    await expect(storage.signedUrl("updates/none.jpg", 60)).rejects.toThrow('Supabase Storage could not sign a link to "updates/none.jpg" (404: Object not found)');
  });

  it("removes an object, and removing it again is fine", async () => {
    await storage.put("receipts/r2.jpg", bytes("x"), "image/jpeg");
    await storage.remove("receipts/r2.jpg");
    const call = fake.requests.at(-1);
    expect(call).toMatchObject({ method: "DELETE", path: `/storage/v1/object/${BUCKET}`, body: { prefixes: ["receipts/r2.jpg"] }, status: 200 });
    expect(await storage.get("receipts/r2.jpg")).toBeNull();
    await expect(storage.remove("receipts/r2.jpg")).resolves.toBeUndefined();
  });

  it("throws a clear error, without the service key, when Storage fails", async () => {
    await storage.put("receipts/r3.jpg", bytes("x"), "image/jpeg");
    fake.failNext({ method: "GET", path: /^\/storage\/v1\/object\// }, 500);
    const error = await storage.get("receipts/r3.jpg").catch((e: Error) => e);
    expect((error as Error).message).toBe('Supabase Storage could not read "receipts/r3.jpg" (500: Internal server error)');
    expect((error as Error).message).not.toContain(fake.serviceRoleKey);

    fake.failNext({ method: "DELETE", path: `/storage/v1/object/${BUCKET}` }, 503);
    await expect(storage.remove("receipts/r3.jpg")).rejects.toThrow(/could not remove "receipts\/r3.jpg" \(503/);
  });

  it("fails loudly when the bucket does not exist", async () => {
    const wrong = createSupabaseStorage({ url: fake.url, serviceRoleKey: fake.serviceRoleKey, bucket: "no-such-bucket" });
    await expect(wrong.put("a/b.txt", bytes("x"), "text/plain")).rejects.toThrow(/\(404: Bucket not found\)/);
  });
});
