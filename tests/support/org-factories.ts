/**
 * Test data and edges for organisations, invitations and verification: places to point at, a real
 * (tiny) PDF, a mailbox that keeps what the email port sends, storage in a throw-away folder, and
 * the operator-only acts (platform admin, moving an invitation's expiry into the past).
 */
import crypto from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

async function withSql<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/** A municipality in a test country (the country is shared by every call). */
export async function testPlace(url: string, name = `Town ${crypto.randomBytes(3).toString("hex")}`) {
  return withSql(url, async (sql) => {
    await sql`insert into places (kind, name, country_code) values ('country', 'Orgland', 'OL') on conflict do nothing`;
    const [country] = await sql<{ id: string }[]>`select id from places where parent_id is null and name = 'Orgland'`;
    const [place] = await sql<{ id: string }[]>`
      insert into places (parent_id, kind, name, country_code) values (${country!.id}, 'municipality', ${name}, 'OL') returning id`;
    return place!.id;
  });
}

export async function grantPlatformAdminSql(url: string, userId: string) {
  await withSql(url, (sql) => sql`insert into platform_admins (user_id) values (${userId}) on conflict do nothing`);
}

export async function expireInvitation(url: string, invitationId: string) {
  await withSql(url, (sql) => sql`update invitations set expires_at = now() - interval '1 minute' where id = ${invitationId}`);
}

export async function query<T extends object>(url: string, fn: (sql: postgres.Sql) => Promise<T[]>): Promise<T[]> {
  return withSql(url, fn);
}

/** A small but well-formed one-page PDF (header, objects, cross-reference table, trailer). */
export function samplePdf(text = "Resolution No. 42"): Buffer {
  const stream = `BT /F1 12 Tf 20 100 Td (${text.replace(/[()\\]/g, "")}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** A PNG signature followed by junk: enough for the magic-byte check, which is all it is used for. */
export const pngBytes = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(64)]);

export interface SentEmail {
  to: string;
  subject: string;
  text: string;
  template: string;
}

/** An email port that keeps every message, for the adapters' `setAdapters({ email })`. */
export function capturingEmail() {
  const sent: SentEmail[] = [];
  return {
    sent,
    port: {
      name: "outbox" as const,
      async send(message: SentEmail) {
        sent.push({ to: message.to, subject: message.subject, text: message.text, template: message.template });
      },
    },
  };
}

export function tempUploadsDir() {
  return mkdtempSync(path.join(os.tmpdir(), "tulay-uploads-"));
}
