import { describe, expect, it } from "vitest";
import { MAX_STEPS, stepsFromMarkdown } from "~/modules/return-guide/steps";

describe("stepsFromMarkdown", () => {
  it("takes every item of the top-level lists as plain text, leaving out nested lists and prose", () => {
    const text = [
      "Before you fly home:",
      "",
      "1. Get your **OWWA** membership record ([OWWA](https://owwa.gov.ph))",
      "2. Ask your employer for a *certificate of employment*",
      "   - with dates",
      "   - and your position",
      "",
      "Once home:",
      "",
      "- Update your `SSS` contributions",
    ].join("\n");
    expect(stepsFromMarkdown(text)).toEqual([
      "Get your OWWA membership record (OWWA)",
      "Ask your employer for a certificate of employment",
      "Update your SSS contributions",
    ]);
  });

  it("gives nothing for text without a list, and caps long lists", () => {
    expect(stepsFromMarkdown("Just a paragraph.")).toEqual([]);
    const many = Array.from({ length: 80 }, (_, i) => `- Step ${i + 1}`).join("\n");
    expect(stepsFromMarkdown(many)).toHaveLength(MAX_STEPS);
  });

  it("reads right-to-left text as it is", () => {
    expect(stepsFromMarkdown("1. سجّل لدى OWWA\n2. حدّث اشتراكات SSS")).toEqual(["سجّل لدى OWWA", "حدّث اشتراكات SSS"]);
  });
});
