/** The digest settings form: the topics kept (unticked boxes send nothing, so none is an empty list). */
import { z } from "zod";
import { DIGEST_TOPICS } from "./topics";

export const digestTopicsSchema = z.object({
  topics: z
    .array(
      z.enum(DIGEST_TOPICS, { message: "account:validation.invalidChoice" })
    )
    .max(DIGEST_TOPICS.length, "account:validation.invalidChoice")
    .default([]),
});
