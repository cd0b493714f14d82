import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { namespaces } from "../../app/i18n/config";
import { resources } from "../../app/i18n/resources.server";
import { MONEY_CODES } from "../../app/modules/money/major-units";
import { DOCUMENT_CODES } from "../../app/modules/permits/documents.server";
import { FEE_CODES, feeFigures } from "../../app/modules/permits/fees";
import { referenceKinds } from "../../app/modules/permits/references";
import { CSV_FATAL_CODES, CSV_ROW_CODES } from "../../app/modules/property-tax/csv-import.server";

const en = JSON.parse(readFileSync(path.resolve(__dirname, "../../public/locales/en/services.json"), "utf8"));
const lookup = (tree: Record<string, unknown>, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe("the services namespace", () => {
  it("is registered for the server and the browser", () => {
    expect(namespaces).toContain("services");
    for (const language of Object.keys(resources) as (keyof typeof resources)[]) expect(resources[language].services).toBeTruthy();
  });

  it("has a message for every code the services' validators return", () => {
    const codes = [...FEE_CODES, ...MONEY_CODES, ...DOCUMENT_CODES, ...CSV_FATAL_CODES, ...CSV_ROW_CODES, "references.invalid"];
    const missing = codes.filter((code) => typeof lookup(en, code) !== "string");
    expect(missing).toEqual([]);
  });

  it("names every fee figure and reference kind", () => {
    for (const figure of feeFigures) expect(typeof lookup(en, `fees.figures.${figure}`)).toBe("string");
    for (const kind of referenceKinds) expect(typeof lookup(en, `references.kinds.${kind}`)).toBe("string");
  });

  it("is translated, not copied from English", () => {
    for (const language of ["fil", "es", "fr", "ar"] as const) {
      const other = resources[language].services as unknown as Record<string, unknown>;
      const same = ["fees.brackets_overlap", "documents.type_not_allowed", "csv.encoding_not_utf8", "permitPdf.verify"].filter((key) => lookup(other, key) === lookup(en, key));
      expect(same, language).toEqual([]);
    }
  });
});
