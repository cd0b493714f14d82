/** The giving form, shared by the browser and the server. Messages are translation keys. */
import { z } from "zod";
import { isCalendarDate } from "~/modules/projects/schema";

export const offlineChannels = ["bank_transfer", "remittance", "cash"] as const;
export const giftChannels = ["card", "sandbox", ...offlineChannels] as const;
export type GiftChannel = (typeof giftChannels)[number];

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.undefined()])
  .transform((v) => v !== undefined)
  .optional()
  .transform((v) => v ?? false);

export const giftSchema = z
  .object({
    amount: z
      .string({ required_error: "giving:validation.amount" })
      .trim()
      .transform((v) => v.replace(/[,\s_]/g, ""))
      .refine((v) => /^\d{1,13}(\.\d{1,3})?$/.test(v) && /[1-9]/.test(v), "giving:validation.amount"),
    channel: z.enum(giftChannels, { errorMap: () => ({ message: "giving:validation.channel" }) }),
    monthly: checkbox,
    anonymous: checkbox,
    associationId: z.string().uuid("giving:validation.association").optional().or(z.literal("").transform(() => undefined)),
    dueOn: z
      .string()
      .refine(isCalendarDate, "giving:validation.dueOn")
      .optional()
      .or(z.literal("").transform(() => undefined)),
  })
  .superRefine((value, ctx) => {
    if (value.monthly && value.channel !== "card") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["monthly"], message: "giving:validation.monthlyCardOnly" });
    }
    if (value.dueOn && value.dueOn < new Date().toISOString().slice(0, 10)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["dueOn"], message: "giving:validation.dueInPast" });
    }
  });
export type GiftInput = z.output<typeof giftSchema>;

/** What the treasurer's list shows. */
export const treasuryFilters = ["pending", "confirmed", "all"] as const;
export type TreasuryFilter = (typeof treasuryFilters)[number];

/** The treasurer's forms. */
export const confirmSchema = z.object({
  id: z.string().uuid("giving:validation.gone"),
  amount: z
    .string({ required_error: "giving:validation.amount" })
    .trim()
    .transform((v) => v.replace(/[,\s_]/g, ""))
    .refine((v) => /^\d{1,13}(\.\d{1,3})?$/.test(v) && /[1-9]/.test(v), "giving:validation.amount"),
  receivedOn: z.string({ required_error: "giving:validation.receivedOn" }).refine(isCalendarDate, "giving:validation.receivedOn"),
});
export const lapseSchema = z.object({ id: z.string().uuid("giving:validation.gone") });
export const refundSchema = confirmSchema.pick({ id: true, amount: true }).extend({ key: z.string().uuid("giving:validation.gone") });

/** An admin's exchange rate: a currency and its value in US dollars. */
export const rateSchema = z.object({
  currency: z
    .string({ required_error: "giving:validation.currency" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, "giving:validation.currency"),
  usdPerUnit: z
    .string({ required_error: "giving:validation.rate" })
    .trim()
    .refine((v) => /^\d{1,9}(\.\d{1,10})?$/.test(v) && Number(v) > 0, "giving:validation.rate"),
});
