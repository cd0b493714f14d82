/**
 * The house style of the PDFs the portal issues (receipts, yearly statements): A4, pdfkit, with
 * the fonts embedded (Noto Sans, Noto Naskh Arabic; app/assets/fonts, SIL Open Font License) and
 * chosen per line by script, so names print in whatever script they are written in. In a
 * right-to-left language every line is right-aligned.
 */
import path from "node:path";
import bidiFactory from "bidi-js";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { projectRoot } from "~/db/paths.server";
import { textDirection } from "~/i18n/config";

const FONTS = path.join(projectRoot(), "app", "assets", "fonts");
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;

export interface LineOptions {
  size?: number;
  bold?: boolean;
  /** Space after the line, in lines. */
  gap?: number;
  color?: string;
  /** Makes the line a link to this URL. */
  link?: string;
}

export interface PdfWriter {
  doc: PDFKit.PDFDocument;
  /** One paragraph of text, in the font its script needs. */
  line(text: string, options?: LineOptions): void;
  /** A small grey label with its value under it. */
  field(label: string, value: string): void;
  /** A fine rule across the page. */
  rule(): void;
  /** Ends the document; resolves with its bytes. */
  finish(): Promise<Buffer>;
}

export const MUTED = "#555555";

type Face = "latin" | "latin-bold" | "arabic";
const FACES: Record<Face, string> = { latin: "NotoSans-Regular.ttf", "latin-bold": "NotoSans-Bold.ttf", arabic: "NotoNaskhArabic-Regular.ttf" };
const LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;
const BIDI_CONTROLS = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;
const bidi = bidiFactory();
let coverage: Record<Face, fontkit.Font> | undefined;

/** The face a character prints in: Arabic script in Naskh, the rest in Noto Sans if it has it. */
function faceOf(codePoint: number, bold: boolean): Face {
  const char = String.fromCodePoint(codePoint);
  if (ARABIC.test(char)) return "arabic";
  coverage ??= Object.fromEntries(Object.entries(FACES).map(([face, file]) => [face, fontkit.openSync(path.join(FONTS, file))])) as Record<Face, fontkit.Font>;
  const latin: Face = bold ? "latin-bold" : "latin";
  if (coverage[latin].hasGlyphForCodePoint(codePoint) || !coverage.arabic.hasGlyphForCodePoint(codePoint)) return latin;
  return "arabic";
}

/** fontkit shapes a string whose first letter is Arabic right to left (it reverses its glyphs). */
function fontkitReverses(text: string): boolean {
  for (const char of text) {
    if (ARABIC.test(char)) return true;
    if (LETTER.test(char)) return false;
  }
  return false;
}

interface Segment {
  text: string;
  face: Face;
  level: number;
}

/**
 * A line of text in visual order, left to right: the Unicode bidirectional algorithm (bidi-js)
 * gives each character its level in a paragraph of `direction`; characters of one level and one
 * face form a segment; segments are reordered (rule L2) and each is handed to fontkit so that it
 * comes out right (fontkit itself reverses an Arabic segment, so only the others are reversed
 * here). pdfkit on its own lays Arabic words out left to right and prints Latin letters in an
 * Arabic line with the Arabic font, which has none.
 */
export function visualSegments(text: string, direction: "ltr" | "rtl", bold = false): Segment[] {
  const { levels } = bidi.getEmbeddingLevels(text, direction);
  const mirrored = bidi.getMirroredCharactersMap(text, levels);
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; ) {
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    const char = mirrored.get(i) ?? text.slice(i, i + width);
    if (!BIDI_CONTROLS.test(char)) {
      const face = faceOf(codePoint, bold);
      const level = levels[i]!;
      const last = segments.at(-1);
      if (last && last.face === face && last.level === level) last.text += char;
      else segments.push({ text: char, face, level });
    }
    i += width;
  }
  // L2: from the highest level down to the lowest odd one, reverse every run at that level or above.
  const highest = Math.max(0, ...segments.map((s) => s.level));
  const lowestOdd = Math.min(...segments.map((s) => s.level).filter((l) => l % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let start = 0; start < segments.length; ) {
      if (segments[start]!.level < level) {
        start++;
        continue;
      }
      let end = start;
      while (end < segments.length && segments[end]!.level >= level) end++;
      segments.splice(start, end - start, ...segments.slice(start, end).reverse());
      start = end;
    }
  }
  return segments.map((segment) => {
    const rtl = segment.level % 2 === 1;
    return rtl === fontkitReverses(segment.text) ? segment : { ...segment, text: Array.from(segment.text).reverse().join("") };
  });
}

/** `compress: false` leaves the content streams readable, for tests that check what a PDF says. */
export function pdfWriter(language: string, info: { Title: string; Author: string }, options: { compress?: boolean } = {}): PdfWriter {
  const direction = textDirection(language) === "rtl" ? "rtl" : "ltr";
  const doc = new PDFDocument({ size: "A4", margin: 56, info, compress: options.compress ?? true });
  for (const [face, file] of Object.entries(FACES)) doc.registerFont(face, path.join(FONTS, file));
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;

  const widthOf = (segments: Segment[], size: number) => segments.reduce((sum, s) => sum + doc.font(s.face).fontSize(size).widthOfString(s.text), 0);
  const lineHeight = (segments: Segment[], size: number) =>
    Math.max(doc.font("latin").fontSize(size).currentLineHeight(true), ...segments.map((s) => doc.font(s.face).fontSize(size).currentLineHeight(true)));

  /** Greedy wrapping at spaces (a word longer than the line is cut), in logical order. */
  const wrap = (text: string, size: number, bold: boolean): string[] => {
    const lines: string[] = [];
    let current = "";
    for (const word of text.split(/ +/)) {
      const candidate = current ? `${current} ${word}` : word;
      if (widthOf(visualSegments(candidate, direction, bold), size) <= right - left) {
        current = candidate;
        continue;
      }
      if (current) lines.push(current);
      current = word;
      while (current.length > 1 && widthOf(visualSegments(current, direction, bold), size) > right - left) {
        let cut = current.length - 1;
        while (cut > 1 && widthOf(visualSegments(current.slice(0, cut), direction, bold), size) > right - left) cut--;
        lines.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    }
    if (current) lines.push(current);
    return lines;
  };

  const line = (text: string, options: LineOptions = {}) => {
    const size = options.size ?? 11;
    const bold = options.bold ?? false;
    for (const logical of wrap(text, size, bold)) {
      const segments = visualSegments(logical, direction, bold);
      const height = lineHeight(segments, size);
      if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      let x = direction === "rtl" ? right - widthOf(segments, size) : left;
      for (const segment of segments) {
        doc.font(segment.face).fontSize(size).fillColor(options.color ?? "#111111");
        const width = doc.widthOfString(segment.text);
        if (segment.text.trim()) doc.text(segment.text, x, y, { lineBreak: false, ...(options.link ? { link: options.link } : {}) });
        x += width;
      }
      doc.x = left;
      doc.y = y + height;
    }
    if (options.gap) doc.moveDown(options.gap);
  };
  return {
    doc,
    line,
    field(label, value) {
      line(label, { size: 9, color: MUTED });
      line(value, { size: 12, gap: 0.6 });
    },
    rule() {
      const y = doc.y + 4;
      doc.moveTo(left, y).lineTo(right, y).lineWidth(0.5).strokeColor("#bbbbbb").stroke();
      doc.y = y;
      doc.moveDown(0.8);
    },
    finish() {
      doc.end();
      return done;
    },
  };
}
