/**
 * A minimal round trip against a real Supabase project, run only when SUPABASE_TEST_URL is set
 * (with SUPABASE_TEST_ANON_KEY, SUPABASE_TEST_SERVICE_ROLE_KEY, and optionally
 * SUPABASE_TEST_BUCKET, default tulay-private, which must exist and be private). It checks that
 * the fake in tests/support/fake-supabase.ts still tells the truth about the wire format.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { createSupabaseAuth } from "../../app/adapters/auth/supabase.server";
import { createSupabaseStorage } from "../../app/adapters/storage/supabase.server";

const url = process.env.SUPABASE_TEST_URL ?? "";
const anonKey = process.env.SUPABASE_TEST_ANON_KEY ?? "";
const serviceRoleKey = process.env.SUPABASE_TEST_SERVICE_ROLE_KEY ?? "";
const bucket = process.env.SUPABASE_TEST_BUCKET ?? "tulay-private";

describe.skipIf(!process.env.SUPABASE_TEST_URL)("live Supabase", () => {
  const auth = () => createSupabaseAuth({ url, anonKey, serviceRoleKey, cookieSecure: true, siteUrl: () => "http://127.0.0.1:3000" });
  const request = () => new Request("http://127.0.0.1:3000/signup", { method: "POST" });
  const address = `tulay-test-${crypto.randomBytes(6).toString("hex")}@example.org`;

  it("signs up a new address, and refuses a password sign-in with invalid_credentials", { timeout: 30_000 }, async () => {
    expect(await auth().signUp(request(), { email: address, password: `Pw-${crypto.randomBytes(12).toString("hex")}`, displayName: "Live test", locale: "en" })).toEqual({
      ok: true,
    });
    const wrong = await auth().signIn(request(), { email: `nobody-${crypto.randomBytes(6).toString("hex")}@example.org`, password: "not the password 123" });
    expect(wrong).toEqual({ ok: false, error: "invalid_credentials" });
  });

  it("stores an object, signs a working link to it and removes it", { timeout: 30_000 }, async () => {
    const storage = createSupabaseStorage({ url, serviceRoleKey, bucket });
    const key = `live-test/${crypto.randomUUID()}/hello.txt`;
    await storage.put(key, new TextEncoder().encode("kumusta"), "text/plain");
    try {
      const link = await storage.signedUrl(key, 60);
      expect(link.startsWith(`${url.replace(/\/$/, "")}/storage/v1/object/sign/`)).toBe(true);
      const response = await fetch(link);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("kumusta");
    } finally {
      await storage.remove(key);
    }
    expect(await storage.get(key)).toBeNull();
  });
});
