/** The volunteering forms' zod schemas, shared by the browser and the server; messages are `volunteer` keys. */
import { z } from "zod";
import { isCalendarDate } from "~/modules/projects/schema";
import { workModes } from "~/modules/projects/vocabulary";
import { isTaxonomyCode } from "~/modules/skills/vocabulary";

const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || isCalendarDate(v), "volunteer:validation.date");

/** An offer of help: to a need (its skill is the need's) or to an LGU (a skill of the list). */
export const offerSchema = z
  .object({
    skill: z.string().trim().optional(),
    mode: z.enum(workModes, { errorMap: () => ({ message: "volunteer:validation.mode" }) }),
    availableFrom: optionalDate,
    availableUntil: optionalDate,
    message: z
      .string({ required_error: "volunteer:validation.message" })
      .trim()
      .min(10, "volunteer:validation.message")
      .max(1000, "volunteer:validation.message"),
    consent: z.literal("on", { errorMap: () => ({ message: "volunteer:validation.consent" }) }),
  })
  .superRefine((value, ctx) => {
    if (value.availableUntil && (!value.availableFrom || value.availableUntil < value.availableFrom)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["availableUntil"], message: "volunteer:validation.availability" });
    }
  });

/** For an offer to an LGU in general, the skill is chosen from the list. */
export const generalOfferSchema = offerSchema.superRefine((value, ctx) => {
  if (!isTaxonomyCode(value.skill)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["skill"], message: "volunteer:validation.skill" });
});

export const testimonialSchema = z.object({
  offer: z.string().uuid("volunteer:errors.notYours"),
  body: z.string({ required_error: "volunteer:validation.testimonial" }).trim().min(3, "volunteer:validation.testimonial").max(500, "volunteer:validation.testimonial"),
});
