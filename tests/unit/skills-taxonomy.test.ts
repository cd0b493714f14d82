import { describe, expect, it } from "vitest";
import { codesModule, labelLanguages, loadTaxonomy, parseTaxonomy, taxonomySql } from "../../app/modules/skills/taxonomy-data.server";
import { readFileSync } from "node:fs";
import { isTaxonomyCode, skillCodes } from "../../app/modules/skills/vocabulary";

const taxonomy = loadTaxonomy();
const byCode = new Map(taxonomy.entries.map((e) => [e.code, e]));
const occupations = taxonomy.entries.filter((e) => e.kind === "occupation");
const skills = taxonomy.entries.filter((e) => e.kind === "skill");

describe("the skills taxonomy data (data/skills)", () => {
  it("has every ISCO-08 major, sub-major and minor group: 10 + 43 + 130", () => {
    const levels = [1, 2, 3].map((n) => occupations.filter((o) => o.iscoCode!.length === n).length);
    expect(levels).toEqual([10, 43, 130]);
    // Groups of the classification everyone knows, with their official codes.
    expect(byCode.get("isco08_2142")).toBeUndefined(); // unit groups are not shipped
    expect(byCode.get("isco08_214")?.labels.en).toBe("Engineering professionals (excluding electrotechnology)");
    expect(byCode.get("isco08_723")?.labels.en).toBe("Machinery mechanics and repairers");
    expect(byCode.get("isco08_0")?.labels.en).toBe("Armed forces occupations");
  });

  it("has between 80 and 150 common skills", () => {
    expect(skills.length).toBeGreaterThanOrEqual(80);
    expect(skills.length).toBeLessThanOrEqual(150);
  });

  it("has unique codes of the shapes the database accepts", () => {
    expect(byCode.size).toBe(taxonomy.entries.length);
    for (const s of skills) expect(s.code).toMatch(/^[a-z][a-z0-9_]{1,62}$/);
    for (const o of occupations) expect(o.code).toBe(`isco08_${o.iscoCode}`);
  });

  it("gives every group a parent one level up that exists, except the major groups", () => {
    for (const o of occupations) {
      if (o.iscoCode!.length === 1) {
        expect(o.parentCode).toBeNull();
      } else {
        const parent = byCode.get(o.parentCode!);
        expect(parent, o.code).toBeDefined();
        expect(parent!.iscoCode).toBe(o.iscoCode!.slice(0, -1));
      }
    }
    // Every sub-major group has at least one minor group under it.
    for (const o of occupations.filter((x) => x.iscoCode!.length === 2)) {
      expect(occupations.some((x) => x.parentCode === o.code), o.code).toBe(true);
    }
  });

  it("labels every entry in all five languages, trimmed and at most 200 characters", () => {
    for (const entry of taxonomy.entries) {
      for (const language of labelLanguages) {
        const label = entry.labels[language];
        expect(label, `${entry.code} ${language}`).toBeTruthy();
        expect(label).toBe(label.trim());
        expect(label.length).toBeLessThanOrEqual(200);
      }
      // Arabic labels are written in Arabic script, not copied from another language.
      expect(entry.labels.ar, entry.code).toMatch(/[\u0600-\u06FF]/);
      expect(entry.labels.fr).not.toBe(entry.labels.ar);
    }
  });

  it("keeps every code of the old skills vocabulary as a skill (demo needs and jobs use them)", () => {
    for (const code of skillCodes) expect(byCode.get(code)?.kind, code).toBe("skill");
  });

  it("links skills only to real entries: related to skills, occupation to ISCO groups, never to themselves", () => {
    expect(taxonomy.relations.length).toBeGreaterThan(skills.length);
    for (const r of taxonomy.relations) {
      expect(byCode.get(r.skillCode)?.kind, `${r.skillCode} -> ${r.relatedCode}`).toBe("skill");
      expect(byCode.get(r.relatedCode)?.kind, `${r.skillCode} -> ${r.relatedCode}`).toBe(r.kind === "related" ? "skill" : "occupation");
      expect(r.skillCode).not.toBe(r.relatedCode);
    }
    // Every skill is linked to at least one occupation, so matching can go from one to the other.
    for (const s of skills) expect(taxonomy.relations.some((r) => r.skillCode === s.code && r.kind === "occupation"), s.code).toBe(true);
  });

  it("keeps a related pair once however many sides name it", () => {
    const pairs = taxonomy.relations.filter((r) => r.kind === "related").map((r) => [r.skillCode, r.relatedCode].sort().join(" "));
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  it("refuses a row with a missing cell instead of shifting the columns", () => {
    const isco = "code\ten\tfil\tes\tfr\tar\n1\tManagers\tMga tagapamahala\tDirectores\tDirecteurs\n";
    expect(() => parseTaxonomy(isco, "code\ten\tfil\tes\tfr\tar\toccupations\trelated\n")).toThrow(/line 2/);
  });

  it("writes SQL that quotes apostrophes and lists parents before their children", () => {
    const sql = taxonomySql(taxonomy);
    expect(sql).toContain("teachers'' aides");
    expect(sql.indexOf("('isco08_2',")).toBeLessThan(sql.indexOf("('isco08_21',"));
    expect(sql.indexOf("('isco08_21',")).toBeLessThan(sql.indexOf("('isco08_214',"));
  });

  it("is the list of codes the browser checks (app/modules/skills/taxonomy-codes.ts, written by the script)", () => {
    expect(readFileSync(new URL("../../app/modules/skills/taxonomy-codes.ts", import.meta.url), "utf8")).toBe(codesModule(taxonomy));
    expect(isTaxonomyCode("civil_engineering")).toBe(true);
    expect(isTaxonomyCode("isco08_214")).toBe(true);
    expect(isTaxonomyCode("juggling")).toBe(false);
    expect(isTaxonomyCode(undefined)).toBe(false);
  });
});
