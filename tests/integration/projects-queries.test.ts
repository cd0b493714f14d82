import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../app/db/seed.server";
import {
  COUNT_CAP,
  getPublicProject,
  listPublicProjects,
  PROJECTS_PER_PAGE,
  type ProjectFilters,
} from "../../app/modules/projects/queries.server";
import { setupTestDatabase } from "../support/db";

const db = setupTestDatabase();
const list = (filters: Partial<ProjectFilters>, language = "en") =>
  db().client.withRls(null, (tx) => listPublicProjects(tx, { sort: "relevance", page: 1, ...filters }, language));
const slugs = async (filters: Partial<ProjectFilters>, language = "en") => (await list(filters, language)).projects.map((p) => p.slug);

beforeAll(async () => {
  await seedDemo(db().url);
});

describe("finding projects", () => {
  it("lists published projects of verified LGUs only (no drafts), newest first", async () => {
    const found = await slugs({ sort: "newest" });
    expect(found.sort()).toEqual(["intipuca-water-system", "naga-barangay-water-system", "naga-river-revitalisation", "naga-scholarships-2027", "taliouine-saffron-cooperative"]);
    expect(found).not.toContain("batangas-school-buildings");
  });

  it("finds by a Filipino word, by an English stem, without accents, and despite a typo", async () => {
    expect(await slugs({ q: "ilog" }, "fil")).toEqual(["naga-river-revitalisation"]);
    expect(await slugs({ q: "revitalising" })).toEqual(["naga-river-revitalisation"]);
    expect(await slugs({ q: "intipuca" }, "es")).toEqual(["intipuca-water-system"]);
    expect(await slugs({ q: "iskolarship" }, "fil")).toEqual(["naga-scholarships-2027"]);
    expect(await slugs({ q: "safran" }, "fr")).toEqual(["taliouine-saffron-cooperative"]);
    expect(await slugs({ q: "zzzqqq" })).toEqual([]);
  });

  it("corrects misspelt words, in any language, alone or with correct ones", async () => {
    expect(await slugs({ q: "iskolarsp" }, "fil")).toEqual(["naga-scholarships-2027"]);
    expect(await slugs({ q: "revitalsation" })).toEqual(["naga-river-revitalisation"]);
    expect(await slugs({ q: "naga revitalsation" })).toEqual(["naga-river-revitalisation"]);
    expect(await slugs({ q: "pagbuhai" }, "fil")).toEqual(["naga-river-revitalisation"]);
    expect(await slugs({ q: "agua potabel" }, "es")).toEqual(["intipuca-water-system"]);
  });

  it("applies filters and sorts to search results, and counts them", async () => {
    expect(await slugs({ q: "naga", country: "SV" })).toEqual([]);
    expect((await slugs({ q: "naga", country: "PH", sort: "newest" })).length).toBe(3);
    expect(await list({ q: "naga", sector: "education" })).toMatchObject({ total: 1, pages: 1, more: false });
    const closing = await slugs({ q: "naga", sort: "closing" });
    expect(closing).toHaveLength(3);
  });

  it("shows the last page of search results for a page past the end", async () => {
    expect(await list({ q: "naga", page: 7 })).toMatchObject({ total: 3, page: 1, pages: 1 });
    expect((await list({ q: "naga", page: 7 })).projects).toHaveLength(3);
  });

  it("filters by sector, status, country, LGU and need", async () => {
    expect((await slugs({ sector: "water" })).sort()).toEqual(["intipuca-water-system", "naga-barangay-water-system"]);
    expect(await slugs({ status: "in_progress" })).toEqual(["naga-river-revitalisation"]);
    expect((await slugs({ country: "PH" })).sort()).toEqual(["naga-barangay-water-system", "naga-river-revitalisation", "naga-scholarships-2027"]);
    expect((await slugs({ lgu: "taliouine" }))).toEqual(["taliouine-saffron-cooperative"]);
    expect((await slugs({ need: "skill" })).sort()).toEqual(["naga-barangay-water-system", "naga-scholarships-2027", "taliouine-saffron-cooperative"]);
  });

  it("pages through results and clamps a page past the end", async () => {
    const result = await list({ page: 99 });
    expect(result).toMatchObject({ total: 5, pages: 1, page: 1 });
  });

  it("sends only the reader's language, falling back to English", async () => {
    const [first] = (await list({ q: "intipuca" }, "fil")).projects;
    expect(first?.title).toEqual({ text: "Drinking water for Intipucá's rural cantons", lang: "en" });
  });
});

describe("the money orders", () => {
  it("sorts by the share of the goal raised (most funded), from the ledger's totals", async () => {
    const found = await list({ sort: "most_funded" });
    expect(found.projects.map((p) => [p.slug, p.fundedBasisPoints])).toEqual([
      ["taliouine-saffron-cooperative", 8444],
      ["naga-river-revitalisation", 6533],
      ["naga-scholarships-2027", 2260],
      ["intipuca-water-system", 1166],
      ["naga-barangay-water-system", 705],
    ]);
    expect(found.projects[0]!.raisedMinor).toBe(38_000_000);
  });

  it("lists projects still raising money, nearest to their goal first, and counts only those", async () => {
    const nearest = await list({ sort: "nearest_goal" });
    expect(nearest.projects.map((p) => p.slug)).toEqual(["taliouine-saffron-cooperative", "naga-scholarships-2027", "intipuca-water-system", "naga-barangay-water-system"]);
    expect(nearest.total).toBe(4);
    // The same orders inside a search.
    expect(await slugs({ q: "naga", sort: "most_funded" })).toEqual(["naga-river-revitalisation", "naga-scholarships-2027", "naga-barangay-water-system"]);
    expect(await slugs({ q: "naga", sort: "nearest_goal" })).toEqual(["naga-scholarships-2027", "naga-barangay-water-system"]);
  });
});

describe("a long list", () => {
  it("counts up to COUNT_CAP and then says there are more, without losing the order", async () => {
    await db().client.sql`
      insert into projects (lgu_id, slug, title, sector, goal_minor, currency, status, submitted_at, published_at)
      select l.id, 'bulk-' || n, jsonb_build_object('en', 'Bulk project ' || n), 'roads', 100000, 'PHP', 'fundraising',
             now(), timestamptz '2020-01-01' + make_interval(mins => n)
      from lgus l, generate_series(1, ${COUNT_CAP + 5}) n where l.slug = 'naga-city'`;
    const first = await list({ sort: "newest" });
    expect(first).toMatchObject({ total: COUNT_CAP, more: true, pages: Math.ceil(COUNT_CAP / PROJECTS_PER_PAGE) });
    expect(first.projects[0]?.slug).not.toMatch(/^bulk-/);
    const last = await list({ sort: "newest", page: 10_000 });
    expect(last.page).toBe(last.pages);
    expect(last.projects).toHaveLength(PROJECTS_PER_PAGE);
    expect(await list({ sector: "roads", country: "PH", sort: "newest" })).toMatchObject({ total: COUNT_CAP, more: true });
    expect(await list({ sector: "roads", country: "SV" })).toMatchObject({ total: 0, more: false, page: 1 });
    const bulk = await list({ q: "bulk", sort: "newest" });
    expect(bulk).toMatchObject({ total: COUNT_CAP + 5, more: false });
    expect(bulk.projects[0]?.slug).toBe(`bulk-${COUNT_CAP + 5}`);
  });
});

describe("a project page", () => {
  it("adds up spending by budget line and matching committed, and knows when it was last updated", async () => {
    const river = await db().client.withRls(null, (tx) => getPublicProject(tx, "naga-river-revitalisation", "fil"));
    expect(river?.title).toEqual({ text: "Pagbuhay muli sa Ilog Naga", lang: "fil" });
    expect(river?.spentMinor).toBe(412_500_000);
    expect(river?.budgetLines.map((l) => [l.label?.text, l.amountMinor, l.spentMinor])).toEqual([
      ["Paghuhukay", 900_000_000, 412_500_000],
      ["Daanan sa tabing-ilog", 600_000_000, 0],
    ]);
    expect(river!.lastUpdated.getTime()).toBeGreaterThanOrEqual(new Date("2026-11-12T02:00:00Z").getTime());
    // Raised comes from the ledger: two confirmed gifts, nothing refunded.
    expect([river?.raisedMinor, river?.refundedMinor, river?.gifts]).toEqual([980_000_000, 0, 2]);
    const water = await db().client.withRls(null, (tx) => getPublicProject(tx, "intipuca-water-system", "es"));
    // Three 1:1 co-funders each match the 21,000.00 raised (under their caps): derived from the ledger.
    expect(water?.matchingCommittedMinor).toBe(6_300_000);
    expect(water?.cofunders).toHaveLength(3);
  });

  it("is not there for drafts, even for their LGU's staff browsing the public page", async () => {
    const draft = await db().client.asService((tx) => getPublicProject(tx, "batangas-school-buildings", "en"));
    expect(draft).toBeNull();
  });
});
