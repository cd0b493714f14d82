import { afterEach, describe, expect, it } from "vitest";
import { resources } from "../../app/i18n/resources.server";
import { scriptJson, setStringsSource, stringsOf, type Strings } from "../../app/i18n/strings";
import { titleFromRoot } from "../../app/utils/meta";

describe("a language's strings outside React", () => {
  afterEach(() => setStringsSource(() => undefined));

  it("page titles come from the root's data when it carries the strings, else from the strings' source", () => {
    const fr = resources.fr;
    expect(titleFromRoot([{ id: "root", data: { language: "fr", translations: fr } }], "projects:list.title")).toEqual([
      { title: `${fr.projects.list.title} — ${fr.common.meta.title}` },
    ]);
    // A document request: the root's data names the language only.
    expect(titleFromRoot([{ id: "root", data: { language: "fr" } }], "nav.projects")).toEqual([{ title: "Tulay" }]);
    setStringsSource((language) => resources[language as keyof typeof resources]);
    expect(stringsOf("es")).toBe(resources.es);
    expect(titleFromRoot([{ id: "root", data: { language: "fr" } }], "nav.projects")).toEqual([
      { title: `${fr.common.nav.projects} — ${fr.common.meta.title}` },
    ]);
    expect(titleFromRoot([{ id: "root", data: { language: "ar" } }], "projects:list.title")).toEqual([
      { title: `${resources.ar.projects.list.title} — ${resources.ar.common.meta.title}` },
    ]);
    // No root data (the root loader failed): the brand alone, as before.
    expect(titleFromRoot([], "nav.projects")).toEqual([{ title: "Tulay" }]);
  });

  it("serializes strings for a <script> element: nothing in them can close it, and they parse back the same", () => {
    const tricky = { common: { a: "</script><script>alert(1)</script>", b: "<!-- & -->", c: "line\u2028sep\u2029end" } };
    const json = scriptJson(tricky);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(tricky);
    expect(JSON.parse(scriptJson(resources.ar)) as Strings).toEqual(resources.ar);
  });
});
