/** Email adapter for the embedded default and tests: messages go to the email_outbox table. */
import { emailOutbox } from "~/db/schema";
import type { DbClient } from "~/db/client.server";
import { checkedHeaders, type EmailMessage, type EmailPort } from "./port";

const row = (message: EmailMessage) => ({
  toAddress: message.to.toLowerCase(),
  subject: message.subject,
  bodyText: message.text,
  bodyHtml: message.html ?? null,
  template: message.template,
  headers: checkedHeaders(message),
});

export function createOutboxEmail(db: () => DbClient): EmailPort {
  return {
    name: "outbox",
    async send(message: EmailMessage) {
      await db().asService((tx) => tx.insert(emailOutbox).values(row(message)));
    },
    async sendMany(messages: EmailMessage[]) {
      if (messages.length === 0) return;
      const rows = messages.map(row);
      await db().asService((tx) => tx.insert(emailOutbox).values(rows));
    },
  };
}
