import { describe, expect, it } from "vitest";
import { languageOrFallback } from "../../app/i18n/config";
import { i18nServer } from "../../app/i18n/i18next.server";
import type { DigestItem } from "../../app/modules/digest/provider";
import {
  groupByTopic,
  MAX_PER_TOPIC,
  recipientTimeZone,
  renderDigest,
} from "../../app/modules/digest/render.server";
import { isoWeek } from "../../app/modules/digest/run.server";

const item = (
  topic: DigestItem["topic"],
  key: string,
  at: string,
  extra: Partial<DigestItem> = {}
): DigestItem => ({
  topic,
  key,
  at,
  title: { en: `Title ${key}`, ar: `عنوان ${key}` },
  href: `/x/${key}`,
  ...extra,
});
const links = {
  siteUrl: "https://tulay.example",
  unsubscribe: (scope: string) =>
    `https://tulay.example/digest/unsubscribe?t=${scope}`,
};

describe("grouping", () => {
  it("keeps the providers' order, drops duplicates, puts the newest first and caps each topic", () => {
    const items = [
      item("skill_needs", "n1", "2026-11-20T10:00:00Z"),
      item("followed_updates", "u1", "2026-11-18T10:00:00Z"),
      item("followed_updates", "u2", "2026-11-19T10:00:00Z"),
      item("followed_updates", "u1", "2026-11-18T10:00:00Z"),
      ...Array.from({ length: 12 }, (_, i) =>
        item("skill_needs", `m${i}`, `2026-11-1${i % 10}T00:00:00Z`)
      ),
    ];
    const sections = groupByTopic(items, [
      "followed_updates",
      "skill_needs",
      "jobs",
    ]);
    expect(sections.map((s) => s.topic)).toEqual([
      "followed_updates",
      "skill_needs",
    ]);
    expect(sections[0]!.items.map((i) => i.key)).toEqual(["u2", "u1"]);
    expect(sections[1]!.items).toHaveLength(MAX_PER_TOPIC);
    expect(sections[1]!.items[0]!.key).toBe("n1");
    expect(sections[1]!.more).toBe(3);
  });

  it("puts ranked items (jobs, opportunities) best first, then newest, and keeps the best when capping", () => {
    const items = Array.from({ length: 12 }, (_, i) =>
      item("jobs", `j${i}`, `2026-11-1${i % 10}T00:00:00Z`, { rank: 30 + (i % 4) })
    );
    const [jobs] = groupByTopic(items, ["jobs"]);
    expect(jobs!.items.map((i) => i.rank)).toEqual([33, 33, 33, 32, 32, 32, 31, 31, 31, 30]);
    // Among equal ranks, the newest first (j7 on the 17th, j3 on the 13th, j11 on the 11th).
    expect(jobs!.items.slice(0, 3).map((i) => i.key)).toEqual(["j7", "j3", "j11"]);
    expect(jobs!.more).toBe(2);
  });

  it("falls back to English and UTC for unknown languages and time zones; names ISO weeks", () => {
    expect(languageOrFallback("de")).toBe("en");
    expect(languageOrFallback("fil")).toBe("fil");
    expect(recipientTimeZone("Mars/Olympus")).toBe("UTC");
    expect(recipientTimeZone("Asia/Manila")).toBe("Asia/Manila");
    expect(isoWeek(new Date("2026-11-23T05:00:00Z"))).toBe("2026-W48");
    expect(isoWeek(new Date("2027-01-01T05:00:00Z"))).toBe("2026-W53");
  });
});

describe("rendering", () => {
  it("writes every word in the member's language and every date in their time zone", async () => {
    const sections = groupByTopic(
      [
        item("skill_needs", "n1", "2026-11-20T22:30:00Z", {
          reasons: [
            {
              key: "reasons.skillExact",
              values: { skill: { en: "Welding", ar: "اللحام" } },
            },
          ],
          context: "Naga",
        }),
      ],
      ["skill_needs"]
    );
    const window = {
      since: new Date("2026-11-16T05:00:00Z"),
      until: new Date("2026-11-23T05:00:00Z"),
    };
    const arabic = renderDigest(
      (await i18nServer.getFixedT("ar", "digest")) as never,
      {
        id: "m",
        email: "a@example.org",
        displayName: "أمينة",
        locale: "ar",
        timeZone: "Asia/Dubai",
      },
      sections,
      window,
      links
    );
    expect(arabic.subject).toBe("جديد واحد لك على تولاي هذا الأسبوع");
    expect(arabic.text).toContain("مرحبًا أمينة،");
    expect(arabic.text).toContain("عنوان n1 — Naga");
    expect(arabic.text).toContain("ذكرت مهارة اللحام.");
    // 22:30 UTC on 20 November is already 21 November in Dubai, and still 20 November in Los Angeles.
    const dubai = new Intl.DateTimeFormat("ar", {
      dateStyle: "medium",
      timeZone: "Asia/Dubai",
    }).format(new Date("2026-11-20T22:30:00Z"));
    expect(arabic.text).toContain(`(${dubai})`);
    expect(dubai).toBe(
      new Intl.DateTimeFormat("ar", {
        dateStyle: "medium",
        timeZone: "UTC",
      }).format(new Date("2026-11-21T12:00:00Z"))
    );
    const english = renderDigest(
      (await i18nServer.getFixedT("en", "digest")) as never,
      {
        id: "m",
        email: "b@example.org",
        displayName: "Jo",
        locale: "en",
        timeZone: "America/Los_Angeles",
      },
      sections,
      window,
      links
    );
    expect(english.text).toContain("(Nov 20, 2026)");
    expect(english.text).toContain("from Nov 15, 2026 to Nov 22, 2026");
    expect(english.text).toContain(
      "No more emails about skill needs for you: https://tulay.example/digest/unsubscribe?t=skill_needs"
    );
    // Several reasons on one line; numbers choose the plural form, lists are joined the language's way.
    const [jobs] = groupByTopic(
      [
        item("jobs", "j1", "2026-11-20T10:00:00Z", {
          rank: 60,
          reasons: [
            {
              key: "reasons.jobSkillsSome",
              values: {
                matched: 2,
                count: 3,
                skills: [{ en: "Welding", ar: "اللحام" }, "CAD"],
              },
            },
            { key: "reasons.jobRemote" },
          ],
        }),
      ],
      ["jobs"]
    );
    const jobsEnglish = renderDigest(
      (await i18nServer.getFixedT("en", "digest")) as never,
      { id: "m", email: "b@example.org", displayName: "Jo", locale: "en", timeZone: "UTC" },
      [jobs!],
      window,
      links
    );
    expect(jobsEnglish.text).toContain(
      "  You have 2 of the 3 skills it requires: Welding and CAD. It is remote work, which you are open to.\n"
    );
    const jobsArabic = renderDigest(
      (await i18nServer.getFixedT("ar", "digest")) as never,
      { id: "m", email: "a@example.org", displayName: "أمينة", locale: "ar", timeZone: "UTC" },
      [jobs!],
      window,
      links
    );
    expect(jobsArabic.text).toContain("لديك 2 من 3 مهارات مطلوبة: اللحام وCAD. عمل عن بُعد، وهو ما يناسبك.");
    expect(english.headers).toEqual({
      "List-Unsubscribe": "<https://tulay.example/digest/unsubscribe?t=all>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
