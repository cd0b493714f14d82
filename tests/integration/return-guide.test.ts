/**
 * The returnee guide against the real database with the demo content: the public guide (eight
 * topics, text in the reader's language with the fallback to the language it was written in,
 * sanitized Markdown, unverified LGUs invisible), editing by the right people only (stamped,
 * audited), "needs review" and the reminder emails (once per period), the directory's search and
 * filters, and a member's private checklist copied from the administrative steps.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient, type Tx } from "../../app/db/client.server";
import { seedDemo } from "../../app/db/seed.server";
import { FormProblem } from "../../app/modules/organisations/errors.server";
import { changeChecklist, myChecklist, myChecklists, startChecklist } from "../../app/modules/return-guide/checklist.server";
import { editorTopic, editorTopics, guideContents, guideTopic, markTopicReviewed, saveTopic } from "../../app/modules/return-guide/guide.server";
import { sendReviewReminders } from "../../app/modules/return-guide/review-reminders.server";
import { directoryPlaces, lguServices, saveService, searchServices } from "../../app/modules/return-guide/services.server";
import * as lguGuide from "../../app/routes/lgus.$slug_.return._index";
import * as lguTopic from "../../app/routes/lgus.$slug_.return.$topic";
import * as nationalTopic from "../../app/routes/return.$topic";
import * as guideIndex from "../../app/routes/return._index";
import * as services from "../../app/routes/return.services";
import { setupTestDatabase } from "../support/db";
import { answer, context, url } from "../support/route-calls";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";
import { capturingEmail } from "../support/org-factories";

const db = setupTestDatabase();
const mail = capturingEmail();
type User = Awaited<ReturnType<typeof createUser>>;
let admin: User, editor: User, treasurer: User, returnee: User, stranger: User;
let naga: { id: string; placeId: string };
let unverified: { id: string; slug: string };
const owner = (query: ReturnType<typeof sql>) => db().client.asService((tx) => tx.execute(query)).then((rows) => [...rows] as Record<string, unknown>[]);
const pub = <T>(fn: (tx: Tx) => Promise<T>) => db().client.withRls(null, fn);

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return "";
  } catch (error) {
    if (error instanceof FormProblem) return `${error.status} ${error.messageKey}`;
    throw error;
  }
}

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  await seedDemo(db().url);
  const url = db().url;
  const users = await Promise.all(["Pia", "Ben", "Teresa", "Rey", "Mario"].map((displayName) => createUser(url, { displayName })));
  [admin, editor, treasurer, returnee, stranger] = users as [User, User, User, User, User];
  await makePlatformAdmin(url, admin.id);
  const [row] = await owner(sql`select id, place_id from lgus where slug = 'naga-city'`);
  naga = { id: String(row!.id), placeId: String(row!.place_id) };
  await addLguRole(url, naga.id, editor.id, "editor");
  await addLguRole(url, naga.id, treasurer.id, "treasurer");
  unverified = await createLgu(url, { createdBy: stranger.id, verificationStatus: "unverified" });
  await owner(sql`insert into return_guide_topics (lgu_id, topic, body) values (${unverified.id}, 'steps', '{"en":"1. Hidden"}')`);
});

describe("the public guide", () => {
  it("has the eight national topics written, in every language, and five of Naga's", async () => {
    const national = await pub((tx) => guideContents(tx, null, "ar"));
    expect(national.map((t) => t.topic)).toEqual(["rights", "institutions", "steps", "labour", "investment", "training", "certification", "families"]);
    expect(national.every((t) => t.written && t.excerpt?.lang === "ar" && t.reviewedAt)).toBe(true);
    const local = await pub((tx) => guideContents(tx, naga.id, "fil"));
    expect(local.filter((t) => t.written).map((t) => t.topic)).toEqual(["institutions", "steps", "labour", "training", "families"]);
    expect(local.find((t) => t.topic === "steps")?.excerpt?.lang).toBe("fil");
  });

  it("tells a returning mechanic about pensions (SSS contributions abroad) and schooling of children born abroad", async () => {
    const rights = await pub((tx) => guideTopic(tx, null, "rights", "en"));
    expect(rights?.html).toMatch(/SSS/);
    expect(rights?.html).toMatch(/pension/i);
    const families = await pub((tx) => guideTopic(tx, null, "families", "en"));
    expect(families?.html).toMatch(/Report of Birth/);
    expect(families?.html).toMatch(/school/i);
    const nagaFamilies = await pub((tx) => guideTopic(tx, naga.id, "families", "en"));
    expect(nagaFamilies?.html).toMatch(/schooling/i);
    const nagaSteps = await pub((tx) => guideTopic(tx, naga.id, "steps", "en"));
    expect(nagaSteps?.html).toMatch(/SSS[\s\S]*pension/);
  });

  it("falls back to the language the text was written in, and says so", async () => {
    await saveTopic(editor.claims, naga.id, "investment", { fil: "Mag-negosyo sa **Naga**." }, "fil");
    const inSpanish = await pub((tx) => guideTopic(tx, naga.id, "investment", "es"));
    expect(inSpanish).toMatchObject({ lang: "fil", translated: false });
    expect(inSpanish?.html.trim()).toBe("<p>Mag-negosyo sa <strong>Naga</strong>.</p>");
  });

  it("renders Markdown through the sanitizer: no script, no handlers, only safe links", async () => {
    await saveTopic(editor.claims, naga.id, "certification", { en: "# Title\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\nSee [bad](javascript:alert(1)) and [ok](https://tesda.gov.ph) <b onclick=\"x()\">bold</b>" }, "en");
    const topic = await pub((tx) => guideTopic(tx, naga.id, "certification", "en"));
    expect(topic?.html).not.toMatch(/script|onerror|javascript:|<img/);
    expect(topic?.html).toContain('<a href="https://tesda.gov.ph" rel="nofollow noopener ugc">ok</a>');
    expect(topic?.html).toContain("<h3>Title</h3>");
    expect(topic?.html).toContain("<a rel=\"nofollow noopener ugc\">bad</a>");
  });

  it("shows nothing of an unverified LGU's guide to the public", async () => {
    const contents = await pub((tx) => guideContents(tx, unverified.id, "en"));
    expect(contents.some((t) => t.written)).toBe(false);
  });
});

describe("editing", () => {
  it("lets Naga's editor write a topic, stamps the review and audits who changed it", async () => {
    await owner(sql`update return_guide_topics set reviewed_at = '2025-01-01' where lgu_id = ${naga.id} and topic = 'training'`);
    const before = await editorTopic(editor.claims, naga.id, "training", 180);
    expect(before.needsReview).toBe(true);
    await saveTopic(editor.claims, naga.id, "training", { ...before.body, en: `${before.body.en}\n\nNew evening intake in January.` }, "en");
    const after = await editorTopic(editor.claims, naga.id, "training", 180);
    expect(after.needsReview).toBe(false);
    expect(Date.now() - new Date(after.reviewedAt!).getTime()).toBeLessThan(60_000);
    const [stamp] = await owner(sql`select updated_by, reviewed_by from return_guide_topics where lgu_id = ${naga.id} and topic = 'training'`);
    expect(stamp).toEqual({ updated_by: editor.id, reviewed_by: editor.id });
    const audit = await owner(sql`select actor_id, action, lgu_id from audit_log where subject_table = 'return_guide_topics' and actor_id = ${editor.id} order by id`);
    expect(audit).toContainEqual({ actor_id: editor.id, action: "return_guide_topics.update", lgu_id: naga.id });
  });

  it("refuses the treasurer, other LGUs' people and LGU editors on the national guide", async () => {
    expect(await refusal(saveTopic(treasurer.claims, naga.id, "labour", { en: "Changed" }, "en"))).toBe("403 errors.forbiddenBody");
    expect(await refusal(saveTopic(editor.claims, null, "labour", { en: "Changed" }, "en"))).toBe("403 errors.forbiddenBody");
    expect(await refusal(saveTopic(stranger.claims, naga.id, "labour", { en: "Changed" }, "en"))).toBe("403 errors.forbiddenBody");
    expect(await refusal(saveTopic(editor.claims, naga.id, "labour", { fil: "Walang Ingles" }, "en"))).toBe("400 returnGuide:errors.sourceTextMissing");
    const labour = await pub((tx) => guideTopic(tx, naga.id, "labour", "en"));
    expect(labour?.html).toMatch(/service and education hub/);
  });

  it("shows the long-unreviewed national topic as needing review, until a platform admin marks it reviewed", async () => {
    const topics = await editorTopics(admin.claims, null, 180);
    expect(topics.filter((t) => t.needsReview).map((t) => t.topic)).toEqual(["investment"]);
    expect(await refusal(markTopicReviewed(editor.claims, null, "investment"))).toBe("403 errors.forbiddenBody");
    expect(await refusal(markTopicReviewed(admin.claims, naga.id, "rights"))).toBe("409 returnGuide:errors.nothingToReview");
    await markTopicReviewed(admin.claims, null, "investment");
    expect((await editorTopics(admin.claims, null, 180)).some((t) => t.needsReview)).toBe(false);
    const [entry] = await owner(sql`select actor_id, before->>'reviewed_at' < after->>'reviewed_at' as later from audit_log
      where subject_table = 'return_guide_topics' and action = 'return_guide_topics.update' and actor_id = ${admin.id}`);
    expect(entry).toEqual({ actor_id: admin.id, later: true });
  });
});

describe("review reminders", () => {
  it("emails each guide's editors once per period about their topics older than the configured age", async () => {
    await owner(sql`update return_guide_topics set reviewed_at = now() - interval '200 days' where lgu_id is null and topic = 'training'`);
    const audited = async () => (await owner(sql`select count(*)::integer as n from audit_log where subject_table = 'return_guide_topics'`))[0]!.n;
    const auditedBefore = await audited();
    mail.sent.length = 0;
    expect(await sendReviewReminders("http://portal.test", 180)).toBe(1);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ to: admin.email, template: "return-guide-review" });
    expect(mail.sent[0]!.text).toContain("Training opportunities");
    expect(mail.sent[0]!.text).not.toContain("Labour market");
    expect(mail.sent[0]!.text).toContain("http://portal.test/admin/return-guide");
    // Not again within the period…
    expect(await sendReviewReminders("http://portal.test", 180)).toBe(0);
    // …but again after another full period; by then every topic is old, Naga's too (its admin and editor).
    const later = new Date(Date.now() + 400 * 86_400_000);
    mail.sent.length = 0;
    const sent = await sendReviewReminders("http://portal.test", 180, later);
    // The platform admin (national), Naga's editor, and the admin of the unverified LGU (whose guide is old too).
    expect(sent).toBe(3);
    expect(mail.sent.map((m) => m.to).sort()).toEqual([admin.email, editor.email, stranger.email].sort());
    expect(mail.sent.find((m) => m.to === admin.email)!.text).not.toContain("/manage/");
    const toEditor = mail.sent.find((m) => m.to === editor.email)!;
    expect(toEditor.text).toContain("/manage/naga-city/return-guide");
    // Reminder bookkeeping is no edit: the review date and the audit log stay as they were.
    expect(await audited()).toBe(auditedBefore);
    const [training] = await owner(sql`select reviewed_at < now() - interval '199 days' as old, review_reminded_at is not null as reminded from return_guide_topics where lgu_id is null and topic = 'training'`);
    expect(training).toEqual({ old: true, reminded: true });
  });
});

describe("the directory", () => {
  const search = (filters: Partial<Parameters<typeof searchServices>[1]>, language = "en") =>
    pub((tx) => searchServices(tx, { q: "", kind: null, placeId: null, language: null, page: 1, ...filters }, language));
  const placeId = async (name: string) => String((await owner(sql`select id from places where name = ${name}`))[0]!.id);

  it("finds entries by words, kind, place (a province finds its towns) and language, in the reader's language", async () => {
    expect((await search({})).total).toBe(8);
    expect((await search({ q: "pili" })).services.map((s) => s.name).sort()).toEqual(["TESDA Camarines Sur Provincial Training Center", "TESDA Provincial Office – Assessment and Certification"]);
    expect((await search({ kind: "psychosocial_support" })).services.map((s) => s.name)).toEqual(["Naga City Social Welfare and Development Office – Family Counselling"]);
    const camSur = await search({ placeId: await placeId("Camarines Sur") });
    expect(camSur.total).toBe(6);
    expect(camSur.services.some((s) => s.placeName === "Legazpi City")).toBe(false);
    expect((await search({ placeId: await placeId("Legazpi City") })).total).toBe(2);
    expect((await search({ language: "bcl" })).total).toBe(8);
    expect((await search({ language: "ar" })).total).toBe(0);
    expect((await search({ q: "100%_" })).total).toBe(0);
    const inFrench = await search({ kind: "credit_business_support" }, "fr");
    expect(inFrench.services[0]!.description).toEqual({ lang: "fr", text: "Enregistrement du nom commercial, accompagnement du plan d'affaires, orientation vers des prêts." });
    const places = await pub((tx) => directoryPlaces(tx));
    expect(places.map((p) => p.name)).toEqual(expect.arrayContaining(["Albay", "Bicol Region", "Camarines Sur", "Legazpi City", "Naga City", "Pili"]));
  });

  it("pages through many entries, 20 at a time, in name order", async () => {
    const pili = await placeId("Pili");
    await owner(sql`insert into return_services (lgu_id, kind, name, place_id, address)
      select null, 'one_stop_shop', 'Paging desk ' || lpad(n::text, 2, '0'), ${pili}::uuid, 'Pili' from generate_series(1, 25) n`);
    const first = await search({ q: "paging desk" });
    expect(first).toMatchObject({ total: 25, page: 1, pages: 2 });
    expect(first.services.map((s) => s.name).slice(0, 2)).toEqual(["Paging desk 01", "Paging desk 02"]);
    const second = await search({ q: "paging desk", page: 2 });
    expect(second.services.map((s) => s.name)).toEqual(["Paging desk 21", "Paging desk 22", "Paging desk 23", "Paging desk 24", "Paging desk 25"]);
    // A page past the end shows the last one.
    expect((await search({ q: "paging desk", page: 9 })).page).toBe(2);
    await owner(sql`delete from return_services where name like 'Paging desk %'`);
  });

  it("lists Naga's entries, hides switched-off ones, and keeps editors to their scope", async () => {
    expect((await pub((tx) => lguServices(tx, naga, "en"))).map((s) => s.name)).toHaveLength(4);
    const form = { kind: "certification_body" as const, name: "Naga Assessment Center", placeId: naga.placeId, address: "Balatas Road, Naga City", eligibility: "everyone" as const, languages: ["en" as const, "bcl" as const], description_en: "NC II assessments" };
    await saveService(editor.claims, naga.id, form);
    expect((await search({ q: "Assessment Center" })).services[0]).toMatchObject({ name: "Naga Assessment Center", languages: ["en", "bcl"], description: { lang: "en", text: "NC II assessments" } });
    expect(await refusal(saveService(treasurer.claims, naga.id, { ...form, name: "Treasurer's centre" }))).toBe("403 errors.forbiddenBody");
    expect(await refusal(saveService(editor.claims, null, { ...form, name: "National by an LGU editor" }))).toBe("403 errors.forbiddenBody");
    const [{ id } = { id: "" }] = await owner(sql`select id from return_services where lgu_id is null limit 1`);
    // An LGU editor cannot reach a national entry: nothing changes, and they are told it is gone.
    expect(await refusal(saveService(editor.claims, naga.id, { ...form, id: String(id) }))).toBe("404 returnGuide:errors.serviceGone");
    const country = await placeId("Philippines");
    expect(await refusal(saveService(editor.claims, naga.id, { ...form, name: "Somewhere", placeId: country }))).toBe("400 returnGuide:validation.place");
    await owner(sql`update return_services set active = false where name = 'Naga Assessment Center'`);
    expect((await search({ q: "Assessment Center" })).total).toBe(0);
  });
});

describe("the return checklist", () => {
  let nationalSteps: string;
  beforeAll(async () => {
    nationalSteps = String((await owner(sql`select id from return_guide_topics where lgu_id is null and topic = 'steps'`))[0]!.id);
  });

  it("copies the administrative steps in the member's language, once", async () => {
    const id = await startChecklist(returnee.claims, nationalSteps, "fil");
    expect(await startChecklist(returnee.claims, nationalSteps, "en")).toBe(id);
    const checklist = await myChecklist(returnee.claims, id);
    expect(checklist?.items).toHaveLength(8);
    expect(checklist?.items[0]).toMatchObject({ label: "Bago umuwi, humingi sa employer ng certificate of employment at huling pay slip.", own: false, doneAt: null });
    expect(checklist?.lgu).toBeNull();
  });

  it("refuses topics that are not administrative steps, and unverified LGUs' steps", async () => {
    const rights = String((await owner(sql`select id from return_guide_topics where lgu_id is null and topic = 'rights'`))[0]!.id);
    expect(await refusal(startChecklist(returnee.claims, rights, "en"))).toBe("404 returnGuide:errors.noSteps");
    const hidden = String((await owner(sql`select id from return_guide_topics where lgu_id = ${unverified.id}`))[0]!.id);
    expect(await refusal(startChecklist(returnee.claims, hidden, "en"))).toBe("404 returnGuide:errors.noSteps");
  });

  it("lets the member tick, note, add and remove their own lines; the guide's lines stay; nobody else sees it", async () => {
    const nagaSteps = String((await owner(sql`select id from return_guide_topics where lgu_id = ${naga.id} and topic = 'steps'`))[0]!.id);
    const id = await startChecklist(returnee.claims, nagaSteps, "en");
    let checklist = (await myChecklist(returnee.claims, id))!;
    expect(checklist.lgu).toEqual({ name: "City Government of Naga", slug: "naga-city" });
    const [first, second] = checklist.items;
    await changeChecklist(returnee.claims, id, { intent: "tick", item: first!.id, done: true });
    await changeChecklist(returnee.claims, id, { intent: "note", item: second!.id, note: "Bring two IDs" });
    await changeChecklist(returnee.claims, id, { intent: "add", label: "Ship the tool box" });
    checklist = (await myChecklist(returnee.claims, id))!;
    expect(checklist.done).toBe(1);
    expect(checklist.items[1]!.note).toBe("Bring two IDs");
    const own = checklist.items.at(-1)!;
    expect(own).toMatchObject({ label: "Ship the tool box", own: true });
    expect(await refusal(changeChecklist(returnee.claims, id, { intent: "remove", item: first!.id }))).toBe("404 returnGuide:errors.itemGone");
    await changeChecklist(returnee.claims, id, { intent: "remove", item: own.id });
    expect((await myChecklist(returnee.claims, id))!.items).toHaveLength(checklist.items.length - 1);
    // Someone else: the checklist does not exist for them, and their changes reach nothing.
    expect(await myChecklist(stranger.claims, id)).toBeNull();
    expect(await myChecklists(stranger.claims)).toEqual([]);
    expect(await refusal(changeChecklist(stranger.claims, id, { intent: "tick", item: second!.id, done: true }))).toBe("404 returnGuide:errors.itemGone");
    expect(await refusal(changeChecklist(stranger.claims, id, { intent: "add", label: "Sneaky" }))).toBe("404 returnGuide:errors.itemGone");
    expect((await myChecklists(returnee.claims)).map((c) => c.total)).toEqual([checklist.items.length - 1, 8]);
  });
});

describe("the public pages' loaders", () => {
  const get = (path: string) => new Request(url(path));
  it("serve the national guide, its topics, the LGU's guide and the directory; 404 for unknown topics and unverified LGUs", async () => {
    const guide = await answer(() => guideIndex.loader({ request: get("/return?lng=fr"), params: {}, context }));
    expect(guide.status).toBe(200);
    const guideData = (await guide.json()) as { topics: { topic: string; excerpt: { lang: string } }[]; localGuides: { slug: string }[] };
    expect(guideData.topics[0]!.excerpt.lang).toBe("fr");
    expect(guideData.localGuides.map((l) => l.slug)).toEqual(["naga-city"]);
    expect((await answer(() => nationalTopic.loader({ request: get("/return/families"), params: { topic: "families" }, context }))).status).toBe(200);
    expect((await answer(() => nationalTopic.loader({ request: get("/return/pensions"), params: { topic: "pensions" }, context }))).status).toBe(404);
    const local = await answer(() => lguTopic.loader({ request: get("/lgus/naga-city/return/rights"), params: { slug: "naga-city", topic: "rights" }, context }));
    // Naga has not written on rights: the page says so and points to the national text.
    expect(await local.json()).toMatchObject({ text: null, nationalWritten: true });
    expect((await answer(() => lguGuide.loader({ request: get(`/lgus/${unverified.slug}/return`), params: { slug: unverified.slug }, context }))).status).toBe(404);
    const directory = await answer(() => services.loader({ request: get("/return/services?kind=training_centre&language=nope&page=x"), params: {}, context }));
    expect(await directory.json()).toMatchObject({ total: 2, page: 1, filters: { kind: "training_centre", language: null } });
    for (const module of [guideIndex, nationalTopic, lguGuide, lguTopic, services]) expect(module.handle).toEqual({ hydrate: false });
  });
});
