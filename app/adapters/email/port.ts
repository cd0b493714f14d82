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
}

export interface EmailPort {
  readonly name: "smtp" | "outbox";
  send(message: EmailMessage): Promise<void>;
}
