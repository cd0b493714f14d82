/**
 * The returnee guide's editors' pages as a browser uses them: the routes' loaders and actions for
 * an LGU's editor, a treasurer and a platform admin; bad input answered with the form and a message
 * beside the field (nothing changed), refusals as 403, every change audited.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { seedDemo } from "../../app/db/seed.server";
import * as adminTopic from "../../app/routes/admin.return-guide.$topic";
import * as adminTopics from "../../app/routes/admin.return-guide._index";
import * as manageTopic from "../../app/routes/manage.$lgu.return-guide.$topic";
import * as manageTopics from "../../app/routes/manage.$lgu.return-guide._index";
import * as manageServices from "../../app/routes/manage.$lgu.return-guide.services";
import { setupTestDatabase } from "../support/db";
import { addLguRole, makePlatformAdmin } from "../support/factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const { signedIn } = routeCalls(db);
const owner = (query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);
let editor: { id: string; cookie: string }, treasurer: { id: string; cookie: string }, admin: { id: string; cookie: string };
let nagaId: string;
const get = (path: string, cookie: string) => new Request(url(path), { headers: { Cookie: cookie } });
const naga = { lgu: "naga-city" };

beforeAll(async () => {
  setDbClient(db().client);
  await seedDemo(db().url);
  nagaId = String((await owner(sql`select id from lgus where slug = 'naga-city'`))[0]!.id);
  editor = await signedIn("guide.editor@example.test");
  treasurer = await signedIn("guide.treasurer@example.test");
  admin = await signedIn("guide.admin@example.test");
  await addLguRole(db().url, nagaId, editor.id, "editor");
  await addLguRole(db().url, nagaId, treasurer.id, "treasurer");
  await makePlatformAdmin(db().url, admin.id);
});

const bodyOf = async (topic: string, lgu: string | null) =>
  (await owner(sql`select body from return_guide_topics where topic = ${topic} and lgu_id is not distinct from ${lgu}::uuid`))[0]?.body as Record<string, string> | undefined;

describe("an LGU's editor", () => {
  it("sees the topics with what needs review, writes a new topic in two languages, and it is audited", async () => {
    const list = await answer(() => manageTopics.loader({ request: get("/manage/naga-city/return-guide", editor.cookie), params: naga, context }));
    expect(list.status).toBe(200);
    const data = (await list.json()) as { topics: { topic: string; id: string | null; needsReview: boolean }[]; days: number };
    expect(data.days).toBe(180);
    expect(data.topics.filter((t) => t.id).map((t) => t.topic)).toEqual(["institutions", "steps", "labour", "training", "families"]);
    const saved = await answer(() =>
      manageTopic.action({
        request: post("/manage/naga-city/return-guide/certification", editor.cookie, {
          intent: "save",
          sourceLanguage: "en",
          body_en: "Assessments for **NC II** every month at the Manpower Development Center.",
          body_fil: "Buwanang assessment para sa **NC II**.",
        }),
        params: { ...naga, topic: "certification" },
        context,
      }),
    );
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/manage/naga-city/return-guide/certification");
    expect(await bodyOf("certification", nagaId)).toEqual({ en: "Assessments for **NC II** every month at the Manpower Development Center.", fil: "Buwanang assessment para sa **NC II**." });
    const [audit] = await owner(sql`select action, lgu_id from audit_log where subject_table = 'return_guide_topics' and actor_id = ${editor.id}`);
    expect(audit).toEqual({ action: "return_guide_topics.insert", lgu_id: nagaId });
  });

  it("gets the form back with a message when the original language's text is missing, and nothing changes", async () => {
    const before = await bodyOf("steps", nagaId);
    const refused = await answer(() =>
      manageTopic.action({ request: post("/manage/naga-city/return-guide/steps", editor.cookie, { intent: "save", sourceLanguage: "ar", body_en: "Only English" }), params: { ...naga, topic: "steps" }, context }),
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { reply: { error: Record<string, string[]> } }).reply.error).toMatchObject({ body_ar: ["returnGuide:errors.sourceTextMissing"] });
    const badLanguage = await answer(() =>
      manageTopic.action({ request: post("/manage/naga-city/return-guide/steps", editor.cookie, { intent: "save", sourceLanguage: "xx", body_en: "Text" }), params: { ...naga, topic: "steps" }, context }),
    );
    expect(badLanguage.status).toBe(400);
    expect(await bodyOf("steps", nagaId)).toEqual(before);
    const unknown = await answer(() => manageTopic.loader({ request: get("/manage/naga-city/return-guide/pensions", editor.cookie), params: { ...naga, topic: "pensions" }, context }));
    expect(unknown.status).toBe(404);
  });

  it("adds a directory entry; bad input comes back beside its field", async () => {
    const place = String((await owner(sql`select place_id from lgus where id = ${nagaId}`))[0]!.place_id);
    const fields = { intent: "save", kind: "credit_business_support", name: "Naga Returnees' Cooperative", placeId: place, address: "Panganiban Drive, Naga City", eligibility: "everyone", description_en: "Savings and small loans" };
    const bad = await answer(() => manageServices.action({ request: post("/manage/naga-city/return-guide/services", editor.cookie, { ...fields, email: "not an email", website: "ftp://x" }), params: naga, context }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { reply: { form: string; error: Record<string, string[]> } }).reply).toMatchObject({
      form: "create",
      error: { email: ["returnGuide:validation.email"], website: ["returnGuide:validation.website"] },
    });
    expect(await owner(sql`select 1 from return_services where name = ${fields.name}`)).toHaveLength(0);
    const body = new URLSearchParams({ ...fields, email: "coop@example.org" });
    body.append("languages", "bcl");
    body.append("languages", "fil");
    const created = await answer(() =>
      manageServices.action({
        request: new Request(url("/manage/naga-city/return-guide/services"), { method: "POST", headers: { Cookie: editor.cookie, "Content-Type": "application/x-www-form-urlencoded" }, body }),
        params: naga,
        context,
      }),
    );
    expect(created.status).toBe(302);
    const [row] = await owner(sql`select id, lgu_id, languages, updated_by from return_services where name = ${fields.name}`);
    expect(row).toMatchObject({ lgu_id: nagaId, languages: ["bcl", "fil"], updated_by: editor.id });
    const off = await answer(() => manageServices.action({ request: post("/manage/naga-city/return-guide/services", editor.cookie, { intent: "off", id: String(row!.id) }), params: naga, context }));
    expect(off.status).toBe(302);
    expect((await owner(sql`select active from return_services where id = ${row!.id}`))[0]).toEqual({ active: false });
  });
});

describe("others", () => {
  it("refuses a treasurer the guide's editing pages, and an LGU editor the national guide", async () => {
    expect((await answer(() => manageTopics.loader({ request: get("/manage/naga-city/return-guide", treasurer.cookie), params: naga, context }))).status).toBe(403);
    const before = await bodyOf("labour", nagaId);
    const refused = await answer(() =>
      manageTopic.action({ request: post("/manage/naga-city/return-guide/labour", treasurer.cookie, { intent: "save", sourceLanguage: "en", body_en: "Changed" }), params: { ...naga, topic: "labour" }, context }),
    );
    expect(refused.status).toBe(403);
    expect(await bodyOf("labour", nagaId)).toEqual(before);
    expect((await answer(() => adminTopics.loader({ request: get("/admin/return-guide", editor.cookie), params: {}, context }))).status).toBe(403);
    expect((await answer(() => adminTopic.action({ request: post("/admin/return-guide/rights", editor.cookie, { intent: "review" }), params: { topic: "rights" }, context }))).status).toBe(403);
  });

  it("lets a platform admin mark the stale national topic reviewed", async () => {
    const list = (await (await answer(() => adminTopics.loader({ request: get("/admin/return-guide", admin.cookie), params: {}, context }))).json()) as { topics: { topic: string; needsReview: boolean }[] };
    expect(list.topics.filter((t) => t.needsReview).map((t) => t.topic)).toEqual(["investment"]);
    const done = await answer(() => adminTopic.action({ request: post("/admin/return-guide/investment", admin.cookie, { intent: "review" }), params: { topic: "investment" }, context }));
    expect(done.status).toBe(302);
    const [row] = await owner(sql`select reviewed_by, reviewed_at > now() - interval '1 minute' as fresh from return_guide_topics where lgu_id is null and topic = 'investment'`);
    expect(row).toEqual({ reviewed_by: admin.id, fresh: true });
  });
});
