/**
 * The text of an uncompressed PDF written by pdfkit (compress: false): each font's glyph ids are
 * mapped back to characters through its ToUnicode table. Enough to check what a generated PDF
 * says; not a general PDF reader (one string per text-showing operator, in content order).
 */
export function pdfText(pdf: Buffer): string[] {
  const source = pdf.toString("latin1");
  const objects = new Map<string, string>();
  for (const match of source.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(match[1]!, match[2]!);
  const fontObject = new Map<string, string>();
  for (const match of source.matchAll(/\/(F\d+) (\d+) 0 R/g)) fontObject.set(match[1]!, match[2]!);
  const cmaps = new Map<string, Map<number, string>>();
  const cmapOf = (font: string) => {
    const cached = cmaps.get(font);
    if (cached) return cached;
    const map = new Map<number, string>();
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontObject.get(font) ?? "") ?? "")?.[1];
    const stream = toUnicode ? (objects.get(toUnicode) ?? "") : "";
    const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
    for (const range of stream.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> \[([^\]]*)\]/gi)) {
      const start = parseInt(range[1]!, 16);
      // A ligature maps to several characters: <0066 0066> for "ff".
      [...range[3]!.matchAll(/<([0-9a-f ]*)>/gi)].forEach((target, i) => map.set(start + i, utf16(target[1]!.replace(/ /g, ""))));
    }
    for (const single of stream.matchAll(/^<([0-9a-f]{4})> <([0-9a-f]+)>$/gim)) map.set(parseInt(single[1]!, 16), utf16(single[2]!));
    cmaps.set(font, map);
    return map;
  };
  const out: string[] = [];
  let font = "";
  for (const op of source.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (op[1]) {
      font = op[1];
      continue;
    }
    const map = cmapOf(font);
    const glyphs = [...op[2]!.matchAll(/<([0-9a-f]+)>/gi)].flatMap((h) => h[1]!.match(/.{4}/g) ?? []);
    out.push(glyphs.map((g) => map.get(parseInt(g, 16)) ?? "\uFFFD").join(""));
  }
  return out;
}
