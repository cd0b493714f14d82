/**
 * The skills pages as a browser calls them: /skills and its suggestions, and /me/skills adding,
 * changing and removing, with bad input answered 400 beside the field and nothing changed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import * as mine from "../../app/routes/me.skills";
import * as list from "../../app/routes/skills._index";
import * as suggest from "../../app/routes/skills.suggest";
import { setupTestDatabase } from "../support/db";
import { answer, context, post, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);
beforeAll(() => setDbClient(db().client));

const get = (path: string, cookie?: string) => new Request(url(path), { headers: cookie ? { Cookie: cookie } : {} });

describe("/skills", () => {
  it("searches in the reader's language and pages", async () => {
    const response = await answer(() => list.loader({ request: get("/skills?q=soldadura&lng=es"), params: {}, context }));
    const data = await response.json();
    expect(data.hits[0]).toMatchObject({ code: "welding" });
    const all = await (await answer(() => list.loader({ request: get("/skills?page=3"), params: {}, context }))).json();
    expect(all).toMatchObject({ page: 3, q: "" });
    expect(all.hits).toHaveLength(20);
    expect(all.pages).toBe(Math.ceil(all.total / 20));
  });

  it("ignores a malformed page or an overlong query instead of failing", async () => {
    const response = await answer(() => list.loader({ request: get(`/skills?page=abc&q=${"x".repeat(500)}`), params: {}, context }));
    expect(response.status).toBe(200);
    expect((await response.json()).page).toBe(1);
  });

  it("suggests the first matches as JSON", async () => {
    const data = await (await answer(() => suggest.loader({ request: get("/skills/suggest?q=plumb"), params: {}, context }))).json();
    expect(data.suggestions[0]).toMatchObject({ code: "plumbing", label: "Plumbing and pipefitting", kind: "skill" });
    expect(data.suggestions.length).toBeLessThanOrEqual(8);
    const empty = await (await answer(() => suggest.loader({ request: get("/skills/suggest"), params: {}, context }))).json();
    expect(empty.suggestions).toEqual([]);
  });
});

describe("/me/skills", () => {
  it("sends people who are not signed in to sign in", async () => {
    const response = await answer(() => mine.loader({ request: get("/me/skills"), params: {}, context }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login/);
  });

  it("adds, changes and removes a skill; bad input is a 400 beside the field, nothing changed", async () => {
    const member = await signedIn("skills-page@example.test");
    const act = (fields: Record<string, string>) => answer(() => mine.action({ request: post("/me/skills?add=welding", member.cookie, fields), params: {}, context }));
    const rows = () => db().client.sql`select skill_code, level, years, note from member_skills where profile_id = ${member.id} order by skill_code`;

    const added = await act({ skill: "welding", level: "advanced", years: "7", note: "" });
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe("/me/skills");
    expect(await rows()).toEqual([{ skill_code: "welding", level: "advanced", years: 7, note: null }]);

    for (const [fields, field, key] of [
      [{ skill: "juggling", level: "basic", years: "1" }, "skill", "skills:validation.skillUnknown"],
      [{ skill: "welding", level: "guru", years: "1" }, "level", "skills:validation.level"],
      [{ skill: "welding", level: "basic", years: "61" }, "years", "skills:validation.years"],
      [{ skill: "welding", level: "basic", years: "-3" }, "years", "skills:validation.years"],
      [{ skill: "welding", level: "basic", years: "2", note: "x".repeat(301) }, "note", "skills:validation.noteTooLong"],
    ] as const) {
      const refused = await act(fields);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect((await refused.json()).reply.error[field]).toEqual([key]);
    }
    expect(await rows()).toEqual([{ skill_code: "welding", level: "advanced", years: 7, note: null }]);

    const changed = await act({ form: "change", skill: "welding", level: "expert", years: "8", note: "TIG" });
    expect(changed.status).toBe(302);
    expect(await rows()).toEqual([{ skill_code: "welding", level: "expert", years: 8, note: "TIG" }]);

    const page = await (await answer(() => mine.loader({ request: get("/me/skills?q=weld&add=welding", member.cookie), params: {}, context }))).json();
    expect(page.skills).toEqual([{ code: "welding", kind: "skill", label: "Welding and metal fabrication", level: "expert", years: 8, note: "TIG" }]);
    expect(page.results.hits[0].code).toBe("welding");
    expect(page.adding).toMatchObject({ code: "welding", current: { level: "expert" } });
    const unknown = await (await answer(() => mine.loader({ request: get("/me/skills?add=nonsense", member.cookie), params: {}, context }))).json();
    expect(unknown).toMatchObject({ adding: null, unknownAdd: true });

    const removed = await act({ intent: "remove", skill: "welding" });
    expect(removed.status).toBe(302);
    expect(await rows()).toEqual([]);
  });
});
