/**
 * The server's translate functions (`i18nServer.getFixedT`): one i18next instance per language,
 * reused, that answers as a fresh instance would, in each language and namespace, with counts,
 * values and a key prefix; other calls (a request to detect the language from, other options)
 * still go to remix-i18next.
 */
import { describe, expect, it } from "vitest";
import { supportedLanguages } from "../../app/i18n/config";
import { i18nServer } from "../../app/i18n/i18next.server";
import { resources } from "../../app/i18n/resources.server";

/** "a.b.c" for every string in a namespace's tree (plural forms as their base key). */
function leafKeys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? leafKeys(value as object, `${prefix}${key}.`) : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, "")}`],
  );
}

describe("i18nServer.getFixedT", () => {
  it("answers in each language as a fresh instance does, whichever language was asked for before", async () => {
    for (const language of supportedLanguages) {
      const t = await i18nServer.getFixedT(language, "jobs");
      const fresh = await i18nServer.getFixedT(language, "jobs", { interpolation: { escapeValue: false } });
      expect(t("search.title")).toBe(fresh("search.title"));
      expect(t("search.title")).not.toBe("search.title");
      const again = await i18nServer.getFixedT(language, "common");
      expect(again("meta.title" as never)).toBe(fresh("common:meta.title" as never));
    }
    const english = await i18nServer.getFixedT("en", "jobs");
    const filipino = await i18nServer.getFixedT("fil", "jobs");
    expect(english("search.title")).not.toBe(filipino("search.title"));
    // Still English after the Filipino one was made: nothing switches a shared instance's language.
    expect(english("search.title")).toBe((await i18nServer.getFixedT("en", "jobs"))("search.title"));
  });

  it("keeps counts, values and a key prefix", async () => {
    const t = await i18nServer.getFixedT("en", "common");
    const fresh = await i18nServer.getFixedT("en", "common", { interpolation: { escapeValue: false } });
    const keys = leafKeys(resources.en.common);
    expect(keys.length).toBeGreaterThan(50);
    for (const key of keys) expect(t(key as never, { count: 2, name: "Ana" } as never)).toBe(fresh(key as never, { count: 2, name: "Ana" } as never));
    const prefixed = await i18nServer.getFixedT("es", "jobs", { keyPrefix: "search" } as never);
    const plain = await i18nServer.getFixedT("es", "jobs");
    for (const key of leafKeys(resources.es.jobs.search)) expect(prefixed(key as never)).toBe(plain(`search.${key}` as never));
  });

  it("detects the language of a request the original way", async () => {
    const t = await i18nServer.getFixedT(new Request("http://localhost/jobs?lng=fr"), "jobs");
    expect(t("search.title")).toBe((await i18nServer.getFixedT("fr", "jobs"))("search.title"));
  });
});
