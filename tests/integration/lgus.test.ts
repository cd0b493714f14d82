import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../app/db/seed.server";
import { getLguBySlug, listLgus } from "../../app/modules/lgus/queries.server";
import { setupTestDatabase } from "../support/db";

const db = setupTestDatabase();

describe("LGU directory", () => {
  beforeAll(async () => {
    await seedDemo(db().url);
  });

  it("pages through the verified LGUs and clamps out-of-range pages", async () => {
    const first = await db().client.withRls(null, (tx) => listLgus(tx, { page: 1, perPage: 2 }));
    expect(first).toMatchObject({ total: 5, page: 1, pages: 3 });
    expect(first.lgus).toHaveLength(2);
    const last = await db().client.withRls(null, (tx) => listLgus(tx, { page: 99, perPage: 2 }));
    expect(last).toMatchObject({ page: 3, pages: 3 });
    expect(last.lgus).toHaveLength(1);
    const seen = new Set<string>();
    for (const page of [1, 2, 3]) {
      const result = await db().client.withRls(null, (tx) => listLgus(tx, { page, perPage: 2 }));
      result.lgus.forEach((l) => seen.add(l.slug));
    }
    expect(seen.size).toBe(5);
  });

  it("gives an LGU with its place path from the country down", async () => {
    const naga = await db().client.withRls(null, (tx) => getLguBySlug(tx, "naga-city"));
    expect(naga?.placePath.map((p) => p.name)).toEqual(["Philippines", "Bicol Region", "Camarines Sur", "Naga City"]);
    expect(naga?.verifiedAt).toBeTruthy();
  });

  it("hides an unverified LGU from the public but not from service tasks", async () => {
    expect(await db().client.withRls(null, (tx) => getLguBySlug(tx, "diourbel"))).toBeNull();
    expect((await db().client.asService((tx) => getLguBySlug(tx, "diourbel")))?.verificationStatus).toBe("pending");
  });
});
