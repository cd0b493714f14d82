/** Email adapter for the embedded default and tests: messages go to the email_outbox table. */
import { emailOutbox } from "~/db/schema";
import type { DbClient } from "~/db/client.server";
import type { EmailMessage, EmailPort } from "./port";

export function createOutboxEmail(db: () => DbClient): EmailPort {
  return {
    name: "outbox",
    async send(message: EmailMessage) {
      await db().asService((tx) =>
        tx.insert(emailOutbox).values({
          toAddress: message.to.toLowerCase(),
          subject: message.subject,
          bodyText: message.text,
          bodyHtml: message.html ?? null,
          template: message.template,
        }),
      );
    },
  };
}
