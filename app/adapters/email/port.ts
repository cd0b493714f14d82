/**
 * The email port. `smtp` (nodemailer) when SMTP_URL is set; otherwise `outbox`, which stores each
 * message in the email_outbox table for the dev-only mailbox page (/dev/mailbox, refused in
 * production).
 */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Which template produced it (verify-email, reset-password, invitation…), for logs and tests. */
  template: string;
  /**
   * Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058) on the digest. Names
   * must be plain header names; values a single line (both adapters refuse anything else).
   */
  headers?: Record<string, string>;
}

export interface EmailPort {
  readonly name: "smtp" | "outbox";
  send(message: EmailMessage): Promise<void>;
  /**
   * Many messages at once (the weekly digest sends a batch of hundreds): the outbox writes them in
   * one statement, SMTP sends them one after another over one connection. Optional so that test
   * doubles may leave it out; `sendAll` falls back to `send`.
   */
  sendMany?(messages: EmailMessage[]): Promise<void>;
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,76}$/;
const RESERVED = new Set(["from", "to", "cc", "bcc", "subject", "content-type", "content-transfer-encoding", "mime-version"]);

/** The message's extra headers, checked: no header injection through a value, no overriding the envelope. */
export function checkedHeaders(message: EmailMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (!HEADER_NAME.test(name) || RESERVED.has(name.toLowerCase())) throw new Error(`email: header name not allowed: ${name}`);
    if (/[\r\n]/.test(value)) throw new Error(`email: header ${name} must be one line`);
    headers[name] = value;
  }
  return headers;
}

/** Sends every message, in one go when the adapter can. */
export async function sendAll(port: EmailPort, messages: EmailMessage[]): Promise<void> {
  if (messages.length === 0) return;
  if (port.sendMany) return port.sendMany(messages);
  for (const message of messages) await port.send(message);
}
