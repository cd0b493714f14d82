/**
 * The PDFs' own line layout (files/pdf.server.ts): the Unicode bidirectional algorithm orders
 * Arabic and Latin segments visually, each segment gets a font that has its letters, and brackets
 * mirror in right-to-left text. Checked by rendering with pdftoppm by hand once; pinned here.
 */
import { describe, expect, it } from "vitest";
import { pdfWriter, visualSegments } from "../../app/modules/files/pdf.server";

const visual = (text: string, direction: "ltr" | "rtl") => visualSegments(text, direction).map((s) => [s.text, s.face]);

describe("visualSegments", () => {
  it("lays an Arabic line out right to left, numbers and Latin words left to right inside it", () => {
    // fontkit reverses each Arabic segment's glyphs itself, so Arabic words stay in logical order.
    expect(visual("كشف تبرعاتك لعام 2026", "rtl")).toEqual([
      ["2026", "latin"], [" ", "latin"], ["لعام", "arabic"], [" ", "latin"], ["تبرعاتك", "arabic"], [" ", "latin"], ["كشف", "arabic"],
    ]);
    expect(visual("صادر عبر Tulay نيابة", "rtl")).toEqual([["نيابة", "arabic"], [" ", "latin"], ["Tulay", "latin"], [" ", "latin"], ["عبر", "arabic"], [" ", "latin"], ["صادر", "arabic"]]);
  });

  it("mirrors brackets in right-to-left text and prints Latin letters in the Latin font", () => {
    expect(visual("ليلى بنعلي <leila@example.org>", "rtl")).toEqual([
      ["<", "latin"], ["leila@example.org", "latin"], ["> ", "latin"], ["بنعلي", "arabic"], [" ", "latin"], ["ليلى", "arabic"],
    ]);
  });

  it("puts an Arabic name inside an English line in right-to-left order", () => {
    expect(visual("Receipt for ليلى بنعلي today", "ltr")).toEqual([
      ["Receipt for ", "latin"], ["بنعلي", "arabic"], [" ", "latin"], ["ليلى", "arabic"], [" today", "latin"],
    ]);
  });

  it("keeps Arabic-Indic digits left to right (fontkit would reverse them, so they are handed over reversed)", () => {
    expect(visual("٢٠٢٦", "rtl")).toEqual([["٦٢٠٢", "arabic"]]);
  });

  it("drops bidi control marks, which the fonts cannot print", () => {
    expect(visual("\u200f٢٠٢٦\u200f", "rtl").map(([text]) => text).join("")).not.toMatch(/[\u200e\u200f]/);
  });
});

describe("pdfWriter", () => {
  it("wraps long lines and starts new pages", async () => {
    const { line, finish } = pdfWriter("ar", { Title: "t", Author: "a" });
    for (let i = 0; i < 60; i++) line(`سطر رقم ${i} في كشف طويل يضم نصًا عربيًا وكلمات Latin words too, long enough to wrap across the whole width of the page`);
    const pdf = (await finish()).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)!.length).toBeGreaterThan(2);
  });
});
