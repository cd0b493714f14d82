/**
 * A co-funder's page: the same funder listed on several projects (spelt with other case, spacing
 * or accents) gathers under one slug; its committed matching (derived from the ledger) shows per
 * project and in total per currency, for published projects only.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { openContribution, recordMovement } from "../../app/modules/contributions/ledger.server";
import { setupTestDatabase } from "../support/db";
import { createLgu, createUser } from "../support/factories";
import { createProject } from "../support/project-factories";
import { answer, context, url } from "../support/route-calls";

const db = setupTestDatabase();
const owner = (query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute(query));

async function cofunder(projectId: string, kind: string, name: string, ratio: number, capMinor: number) {
  const [row] = await owner(sql`insert into project_cofunders (project_id, kind, name, ratio_matched, cap_minor)
                                values (${projectId}, ${kind}, ${name}, ${ratio}, ${capMinor}) returning funder_slug`);
  return (row as { funder_slug: string }).funder_slug;
}

async function gift(projectId: string, amountMinor: number, currency: string) {
  const opened = await openContribution({ projectId, donorId: null, kind: "one_time", channel: "sandbox", amountMinor, currency, anonymous: true });
  await recordMovement({ contributionId: opened.id, type: "received", amountMinor, source: "sandbox", externalId: `sandbox-${opened.id}` });
}

let slug: string;
let nagaSlug: string;
let slugs: string[];

beforeAll(async () => {
  setDbClient(db().client);
  const admin = await createUser(db().url);
  const naga = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified", name: "Naga City" });
  nagaSlug = naga.slug;
  const oaxaca = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified", name: "Oaxaca" });
  const water = await createProject(db().url, naga.id, { status: "fundraising", currency: "PHP", slug: "funder-water", title: { en: "Clean water" } });
  const school = await createProject(db().url, oaxaca.id, { status: "fundraising", currency: "MXN", slug: "funder-school", title: { es: "Escuela" } });
  const draft = await createProject(db().url, naga.id, { status: "draft", currency: "PHP", slug: "funder-draft", title: { en: "Secret plan" } });
  const roads = await createProject(db().url, naga.id, { status: "completed", currency: "PHP", slug: "funder-roads", title: { en: "Farm roads" } });
  slug = await cofunder(water.id, "national_agency", "Department of Science & Technology", 1, 100_000);
  slugs = [
    slug,
    await cofunder(school.id, "national_agency", "  department of SCIENCE   & technology ", 3, 900_000),
    await cofunder(draft.id, "national_agency", "Department of Science & Technology", 1, 50_000),
    await cofunder(water.id, "company", "Department of Science & Technology", 1, 10_000),
    await cofunder(water.id, "province", "Provincia de Oaxaca", 1, 10_000),
    await cofunder(water.id, "province", "Província de Oáxaca", 1, 10_000),
    await cofunder(water.id, "other", "وزارة التنمية", 1, 10_000),
    // The name most projects use is the one the page shows.
    await cofunder(roads.id, "national_agency", "Department of Science & Technology", 2, 40_000),
  ];
  // 1,500 PHP to the water project (matched 1:1 up to 1,000 PHP) and 200 MXN to the school (3:1).
  await gift(water.id, 150_000, "PHP");
  await gift(school.id, 20_000, "MXN");
});

describe("funder slugs", () => {
  it("gather the same funder however its name is cased, spaced or accented, and keep kinds and scripts apart", () => {
    expect(slug).toMatch(/^department-of-science-technology-[0-9a-f]{6}$/);
    expect(slugs[1]).toBe(slug);
    expect(slugs[2]).toBe(slug);
    expect(slugs[3]).not.toBe(slug); // the same name as a company
    expect(slugs[4]).toBe(slugs[5]); // accents folded
    expect(slugs[6]).toMatch(/^funder-[0-9a-f]{6}$/);
  });

  it("cannot be set by hand", async () => {
    const [row] = await owner(sql`update project_cofunders set funder_slug = 'forged' where funder_slug = ${slug} returning funder_slug`);
    expect(row).toEqual({ funder_slug: slug });
  });
});

describe("/funders/:slug", () => {
  const page = () => import("../../app/routes/funders.$slug");
  const get = async (funderSlug: string, query = "") =>
    answer(async () => (await page()).loader({ request: new Request(url(`/funders/${funderSlug}${query}`)), params: { slug: funderSlug }, context }));

  it("shows committed matching per published project and in total per currency; drafts stay out", async () => {
    const response = await get(slug);
    expect(response.status).toBe(200);
    const data = (await response.json()) as {
      name: string; kind: string; total: number;
      totals: { currency: string; projects: number; committed: string; cap: string }[];
      rows: { project: { slug: string }; lgu: { name: string }; ratio: string; committed: string }[];
    };
    expect([data.name, data.kind, data.total]).toEqual(["Department of Science & Technology", "national_agency", 3]);
    expect(data.totals.map((t) => [t.currency, t.projects, t.committed, t.cap])).toEqual([
      ["MXN", 1, "MX$600.00", "MX$9,000.00"],
      ["PHP", 2, "₱1,000.00", "₱1,400.00"],
    ]);
    expect(data.rows.map((r) => [r.project.slug, r.lgu.name, r.ratio, r.committed])).toEqual([
      ["funder-school", "Oaxaca", "3:1", "MX$600.00"],
      ["funder-water", "Naga City", "1:1", "₱1,000.00"],
      ["funder-roads", "Naga City", "2:1", "₱0.00"],
    ]);
    expect(JSON.stringify(data)).not.toContain("Secret plan");
  });

  it("is 404 for a funder of drafts only, an unknown slug or a malformed one", async () => {
    const draftOnly = await cofunder((await owner(sql`select id from projects where slug = 'funder-draft'`))[0]!.id as string, "company", "Hidden Sponsor Inc", 1, 1_000);
    for (const bad of [draftOnly, "nobody-000000", "Bad Slug", "../etc", "x".repeat(81)]) {
      expect((await get(bad)).status, bad).toBe(404);
    }
  });

  it("the project page links each co-funder to its page", async () => {
    const project = await import("../../app/routes/projects.$slug");
    const response = await answer(() => project.loader({ request: new Request(url("/projects/funder-water")), params: { slug: "funder-water" }, context }));
    const data = (await response.json()) as { project: { cofunders: { name: string; funderSlug: string }[] } };
    expect(data.project.cofunders.find((c) => c.name === "Department of Science & Technology" && c.funderSlug === slug)).toBeTruthy();
  });
});

describe("the LGU's page", () => {
  it("shows what its published projects raised, per currency, from the ledger", async () => {
    const lguPage = await import("../../app/routes/lgus.$slug");
    const response = await answer(() => lguPage.loader({ request: new Request(url(`/lgus/${nagaSlug}`)), params: { slug: nagaSlug }, context }));
    const data = (await response.json()) as { raised: { currency: string; amount: string; gifts: number }[] };
    expect(data.raised).toEqual([{ currency: "PHP", amount: "₱1,500.00", gifts: 1 }]);
  });
});
