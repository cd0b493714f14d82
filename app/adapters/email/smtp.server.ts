/** Email adapter for production: SMTP through nodemailer (SMTP_URL, e.g. smtps://user:pass@host:465). */
import nodemailer from "nodemailer";
import type { EmailMessage, EmailPort } from "./port";

export function createSmtpEmail(options: { url: string; from: string }): EmailPort {
  const transport = nodemailer.createTransport(options.url);
  return {
    name: "smtp",
    async send(message: EmailMessage) {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { "X-Tulay-Template": message.template },
      });
    },
  };
}
