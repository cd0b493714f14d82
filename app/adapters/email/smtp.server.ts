/** Email adapter for production: SMTP through nodemailer (SMTP_URL, e.g. smtps://user:pass@host:465). */
import nodemailer from "nodemailer";
import { checkedHeaders, type EmailMessage, type EmailPort } from "./port";

export function createSmtpEmail(options: { url: string; from: string }): EmailPort {
  const transport = nodemailer.createTransport(options.url);
  const send = async (message: EmailMessage) => {
    await transport.sendMail({
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { ...checkedHeaders(message), "X-Tulay-Template": message.template },
    });
  };
  return {
    name: "smtp",
    send,
    // One after another: a batch must not open hundreds of connections to the relay at once.
    async sendMany(messages: EmailMessage[]) {
      for (const message of messages) await send(message);
    },
  };
}
