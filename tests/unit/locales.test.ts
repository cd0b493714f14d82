import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { supportedLanguages } from "../../app/i18n/config";

const localesDir = path.resolve(__dirname, "../../public/locales");
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}
const load = (lng: string, ns: string) => leaves(JSON.parse(readFileSync(path.join(localesDir, lng, `${ns}.json`), "utf8")));
const base = (key: string) => key.replace(PLURAL, "");
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

const namespaces = readdirSync(path.join(localesDir, "en")).map((f) => f.replace(/\.json$/, ""));

describe.each(supportedLanguages.filter((l) => l !== "en"))("locale %s", (lng) => {
  it.each(namespaces)("has every key that en has in %s, with the same placeholders", (ns) => {
    const en = load("en", ns);
    const other = load(lng, ns);
    const otherBases = new Set([...other.keys()].map(base));
    const missing = [...new Set([...en.keys()].map(base))].filter((k) => !otherBases.has(k));
    expect(missing, `missing in ${lng}/${ns}.json`).toEqual([]);
    const enBases = new Set([...en.keys()].map(base));
    const extra = [...otherBases].filter((k) => !enBases.has(k));
    expect(extra, `keys in ${lng}/${ns}.json that en does not have`).toEqual([]);
    for (const [key, value] of other) {
      expect(value.trim(), `${lng}:${key} is empty`).not.toBe("");
      const enValue = en.get(key) ?? en.get(`${base(key)}_other`) ?? "";
      // Plural forms may drop {{count}} (e.g. Arabic's dual), everything else keeps its placeholders.
      const expected = placeholders(enValue).filter((p) => !(PLURAL.test(key) && p === "count"));
      expect(placeholders(value).filter((p) => !(PLURAL.test(key) && p === "count")), `${lng}:${key}`).toEqual(expected);
    }
  });
});

describe("the locale check itself", () => {
  it("catches a missing key", () => {
    const en = new Set(["a.b", "a.c_one", "a.c_other"].map(base));
    const other = new Set(["a.c_one"].map(base));
    expect([...en].filter((k) => !other.has(k))).toEqual(["a.b"]);
  });
});
