import crypto from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutboxEmail } from "../../app/adapters/email/outbox.server";
import { createSmtpEmail } from "../../app/adapters/email/smtp.server";
import { createLocalStorage, verifyFileLink } from "../../app/adapters/storage/local.server";
import { setupTestDatabase } from "../support/db";
import { databaseError } from "../support/factories";

const db = setupTestDatabase();

describe("email adapters", () => {
  it("outbox: stores the message for the dev mailbox", async () => {
    await createOutboxEmail(() => db().client).send({ to: "Someone@Example.org", subject: "Hello", text: "Body https://x.test/a", template: "test" });
    const rows = await db().client.sql`select to_address, subject, body_text, template from email_outbox`;
    expect(rows).toEqual([{ to_address: "someone@example.org", subject: "Hello", body_text: "Body https://x.test/a", template: "test" }]);
  });

  it("outbox: keeps the extra headers and writes a batch at once; refuses header injection", async () => {
    const outbox = createOutboxEmail(() => db().client);
    const headers = { "List-Unsubscribe": "<https://portal.test/u?x=1>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
    await outbox.sendMany!([
      { to: "a@example.org", subject: "One", text: "1", template: "batch", headers },
      { to: "b@example.org", subject: "Two", text: "2", template: "batch" },
    ]);
    const rows = await db().client.sql`select to_address, headers from email_outbox where template = 'batch' order by to_address`;
    expect(rows).toEqual([
      { to_address: "a@example.org", headers },
      { to_address: "b@example.org", headers: {} },
    ]);
    await expect(outbox.send({ to: "c@example.org", subject: "x", text: "x", template: "batch", headers: { "X-A": "ok\r\nBcc: evil@example.org" } })).rejects.toThrow(/one line/);
    await expect(outbox.send({ to: "c@example.org", subject: "x", text: "x", template: "batch", headers: { Bcc: "evil@example.org" } })).rejects.toThrow(/not allowed/);
  });

  it("outbox: the API roles can neither read nor write it", async () => {
    const read = await databaseError(db().client.withRls(null, (tx) => tx.execute("select * from email_outbox")));
    expect(read).toMatch(/permission denied/);
    const write = await databaseError(
      db().client.withRls({ sub: crypto.randomUUID(), role: "authenticated" }, (tx) =>
        tx.execute("insert into email_outbox (to_address, subject, body_text, template) values ('a@b.c', 's', 'b', 't')"),
      ),
    );
    expect(write).toMatch(/permission denied/);
  });

  describe("smtp", () => {
    const received: { from: string; to: string[]; data: string }[] = [];
    let server: SMTPServer;
    let port = 0;
    beforeAll(async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS"],
        logger: false,
        onData(stream, session, callback) {
          let data = "";
          stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
          stream.on("end", () => {
            received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), data });
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      port = (server.server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("sends through SMTP with the configured sender", async () => {
      const email = createSmtpEmail({ url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: "Tulay <no-reply@tulay.test>" });
      await email.send({ to: "rosa@example.org", subject: "Kumpirmahin", text: "Buksan: https://portal.test/auth/confirm", template: "confirm-signup" });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ from: "no-reply@tulay.test", to: ["rosa@example.org"] });
      expect(received[0]!.data).toContain("Subject: Kumpirmahin");
      expect(received[0]!.data).toContain("X-Tulay-Template: confirm-signup");
    });

    it("sends a batch with the extra headers (RFC 8058 one-click unsubscribe)", async () => {
      const email = createSmtpEmail({ url: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: "Tulay <no-reply@tulay.test>" });
      const headers = { "List-Unsubscribe": "<https://portal.test/digest/unsubscribe?m=1&t=all&s=abc>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
      await email.sendMany!([
        { to: "one@example.org", subject: "Digest 1", text: "1", template: "digest", headers },
        { to: "two@example.org", subject: "Digest 2", text: "2", template: "digest", headers },
      ]);
      const batch = received.slice(-2);
      expect(batch.map((r) => r.to)).toEqual([["one@example.org"], ["two@example.org"]]);
      for (const message of batch) {
        expect(message.data).toContain("List-Unsubscribe: <https://portal.test/digest/unsubscribe?m=1&t=all&s=abc>");
        expect(message.data).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
      }
    });
  });
});

describe("local storage adapter", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "tulay-storage-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("stores, reads back, signs links that expire, removes", async () => {
    const storage = createLocalStorage({ root, secret: "s".repeat(40) });
    const bytes = new TextEncoder().encode("%PDF-1.7 test");
    expect(await storage.put("verification/abc/evidence.pdf", bytes, "application/pdf")).toEqual({ key: "verification/abc/evidence.pdf", size: bytes.byteLength, contentType: "application/pdf" });
    await expect(storage.put("verification/abc/evidence.pdf", bytes, "application/pdf")).rejects.toThrow(/EEXIST/);
    expect(await storage.get("verification/abc/evidence.pdf")).toEqual({ body: bytes, contentType: "application/pdf" });

    const link = new URL(await storage.signedUrl("verification/abc/evidence.pdf", 60), "http://x");
    expect(link.pathname).toBe("/files/verification/abc/evidence.pdf");
    const [expires, signature] = [link.searchParams.get("expires"), link.searchParams.get("signature")];
    expect(verifyFileLink("s".repeat(40), "verification/abc/evidence.pdf", expires, signature)).toBe(true);
    expect(verifyFileLink("s".repeat(40), "verification/abc/other.pdf", expires, signature)).toBe(false);
    expect(verifyFileLink("t".repeat(40), "verification/abc/evidence.pdf", expires, signature)).toBe(false);
    expect(verifyFileLink("s".repeat(40), "verification/abc/evidence.pdf", expires, signature, Date.now() + 120_000)).toBe(false);

    await storage.remove("verification/abc/evidence.pdf");
    expect(await storage.get("verification/abc/evidence.pdf")).toBeNull();
  });

  it("refuses keys that would leave its folder", async () => {
    const storage = createLocalStorage({ root, secret: "s".repeat(40) });
    for (const key of ["../etc/passwd", "a/../../b", "/abs", "a//b", "a/./b"]) {
      await expect(storage.put(key, new Uint8Array([1]), "text/plain"), key).rejects.toThrow(/invalid storage key/);
      expect(await storage.get(key)).toBeNull();
    }
  });
});
