import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { cofunderSchema, milestoneSchema, needSchema, projectPlaceSchema } from "../../app/modules/projects/plan-schema";
import {
  listCofunders,
  listMilestones,
  listNeeds,
  lguPlaces,
  removeCofunder,
  removeMilestone,
  removeNeed,
  saveCofunder,
  saveMilestone,
  saveNeed,
  setMilestoneStatus,
  setProjectPlace,
} from "../../app/modules/projects/plan.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createPlace, createUser } from "../support/factories";
import { addProjectDetails, createProject } from "../support/project-factories";
import { answer, context, post, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();

type User = Awaited<ReturnType<typeof createUser>>;

// Inputs go through the forms' own schemas, as the routes do.
const need = (fields: Record<string, string | undefined>) => needSchema.parse({ language: "en", ...fields });
const milestone = (fields: Record<string, string>) => milestoneSchema.parse({ language: "en", status: "planned", ...fields });
const cofunder = (fields: Record<string, string>) => cofunderSchema.parse({ kind: "province", ...fields });
const place = (fields: Record<string, string>) => projectPlaceSchema.parse(fields);
/** The translation keys a schema refuses input with, by field. */
const refusals = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

const today = () => new Date().toISOString().slice(0, 10);

let admin: User;
let editor: User;
let otherEditor: User;
let member: User;
let treasurer: User;
let lgu: { id: string; slug: string; placeId: string };
let otherLgu: { id: string; slug: string; placeId: string };
let project: { id: string; slug: string };

async function counts(projectId: string) {
  const [row] = await db().client.sql<{ needs: number; milestones: number; cofunders: number }[]>`
    select (select count(*)::int from project_needs where project_id = ${projectId}) as needs,
           (select count(*)::int from project_milestones where project_id = ${projectId}) as milestones,
           (select count(*)::int from project_cofunders where project_id = ${projectId}) as cofunders`;
  return row!;
}

beforeAll(async () => {
  setDbClient(db().client);
  admin = await createUser(db().url);
  editor = await createUser(db().url);
  otherEditor = await createUser(db().url);
  member = await createUser(db().url);
  treasurer = await createUser(db().url);
  lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  await addLguRole(db().url, lgu.id, editor.id, "editor");
  await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
  otherLgu = await createLgu(db().url, { createdBy: otherEditor.id, verificationStatus: "verified" });
  await addLguRole(db().url, otherLgu.id, otherEditor.id, "editor");
  project = await createProject(db().url, lgu.id, { status: "fundraising", createdBy: editor.id, currency: "PHP" });
});

describe("needs", () => {
  it("an editor adds money, skill and in-kind needs, edits one in another language, and removes one", async () => {
    await saveNeed(editor.claims, lgu.id, project.slug, need({ kind: "money", description: "Pipes for the rural cantons", amount: "25,000.50" }));
    await saveNeed(editor.claims, lgu.id, project.slug, need({ kind: "skill", description: "Online mentors", skill: "mentoring", quantity: "3", amount: "999", mode: "remote", needLanguage: "fil" }));
    await saveNeed(editor.claims, lgu.id, project.slug, need({ kind: "in_kind", description: "Native trees", quantity: "500" }));
    let needs = await listNeeds(editor.claims, project.id);
    expect(needs.map((n) => [n.kind, n.description, n.amountMinor, n.skill, n.quantity])).toEqual([
      ["money", { en: "Pipes for the rural cantons" }, 2_500_050, null, null],
      // The amount typed on a skill need is ignored: only money needs carry one.
      ["skill", { en: "Online mentors" }, null, "mentoring", 3],
      ["in_kind", { en: "Native trees" }, null, null, 500],
    ]);

    const money = needs[0]!;
    await saveNeed(editor.claims, lgu.id, project.slug, need({ id: money.id, language: "fil", kind: "money", description: "Mga tubo para sa kanayunan", amount: "30000" }));
    // Changing the kind drops what only the old kind had.
    const trees = needs[2]!;
    await saveNeed(editor.claims, lgu.id, project.slug, need({ id: trees.id, kind: "skill", description: "Tree planting advice", skill: "environment", quantity: "2", mode: "on_site", startsOn: "2027-03-01", endsOn: "2027-04-15", expertMission: "on" }));
    needs = await listNeeds(editor.claims, project.id);
    expect(needs.find((n) => n.id === money.id)).toMatchObject({ description: { en: "Pipes for the rural cantons", fil: "Mga tubo para sa kanayunan" }, amountMinor: 3_000_000 });
    expect(needs.find((n) => n.id === trees.id)).toMatchObject({
      kind: "skill", skill: "environment", quantity: 2, amountMinor: null, mode: "on_site", startsOn: "2027-03-01", endsOn: "2027-04-15", expertMission: true, closedAt: null,
    });
    expect(needs.find((n) => n.kind === "skill" && n.id !== trees.id)).toMatchObject({ mode: "remote", language: "fil", expertMission: false });
    // Closing it to new offers stamps the time once; reopening clears it.
    const closeTrees = (closed?: "on") => saveNeed(editor.claims, lgu.id, project.slug, need({ id: trees.id, kind: "skill", description: "Tree planting advice", skill: "environment", quantity: "2", mode: "on_site", closed }));
    await closeTrees("on");
    const closedAt = (await listNeeds(editor.claims, project.id)).find((n) => n.id === trees.id)!.closedAt;
    expect(closedAt).not.toBeNull();
    await closeTrees("on");
    expect((await listNeeds(editor.claims, project.id)).find((n) => n.id === trees.id)!.closedAt).toEqual(closedAt);
    await closeTrees();
    expect((await listNeeds(editor.claims, project.id)).find((n) => n.id === trees.id)!.closedAt).toBeNull();

    await removeNeed(editor.claims, lgu.id, project.slug, trees.id);
    expect((await listNeeds(editor.claims, project.id)).map((n) => n.id)).not.toContain(trees.id);
    // An LGU admin may do the same.
    await saveNeed(admin.claims, lgu.id, project.slug, need({ kind: "in_kind", description: "Cement bags", quantity: "40" }));
    expect((await counts(project.id)).needs).toBe(3);
  });

  it("refuses bad input with translation keys and saves nothing", async () => {
    const before = await counts(project.id);
    expect(refusals(needSchema.safeParse({ language: "en", kind: "money", description: "Pipes" }))).toEqual({ amount: "projects:planEditor.validation.amount" });
    expect(refusals(needSchema.safeParse({ language: "en", kind: "money", description: "Pipes", amount: "0.00" }))).toEqual({ amount: "projects:planEditor.validation.amount" });
    expect(refusals(needSchema.safeParse({ language: "en", kind: "money", description: "Pipes", amount: "-5" }))).toEqual({ amount: "projects:planEditor.validation.amount" });
    expect(refusals(needSchema.safeParse({ language: "en", kind: "money", description: "Pipes", amount: "12345678901234" }))).toEqual({ amount: "projects:planEditor.validation.amount" });
    // A skill need names a skill of the skills list.
    // A skill need names a skill, how many people and where the work happens (needs with zero people are refused).
    const skillNeed = { language: "en", kind: "skill", description: "Mentors", skill: "mentoring", quantity: "2", mode: "remote" };
    expect(refusals(needSchema.safeParse({ language: "en", kind: "skill", description: "Jugglers" }))).toEqual({
      skill: "projects:needsEditor.validation.skillRequired",
      quantity: "projects:needsEditor.validation.people",
      mode: "projects:needsEditor.validation.mode",
    });
    expect(refusals(needSchema.safeParse({ ...skillNeed, skill: "juggling" }))).toEqual({ skill: "projects:needsEditor.validation.skillRequired" });
    expect(refusals(needSchema.safeParse({ ...skillNeed, quantity: "0" }))).toEqual({ quantity: "projects:needsEditor.validation.quantity" });
    expect(refusals(needSchema.safeParse({ ...skillNeed, mode: "teleport" }))).toEqual({ mode: "projects:validation.choice" });
    expect(refusals(needSchema.safeParse({ ...skillNeed, startsOn: "2027-05-01", endsOn: "2027-04-01" }))).toEqual({ endsOn: "projects:needsEditor.validation.endsBeforeStart" });
    expect(refusals(needSchema.safeParse({ ...skillNeed, endsOn: "2027-04-01" }))).toEqual({ startsOn: "projects:needsEditor.validation.startsFirst" });
    expect(refusals(needSchema.safeParse({ ...skillNeed, startsOn: "2027-02-30" }))).toEqual({ startsOn: "projects:validation.date" });
    // An expert mission: both dates, under three months.
    expect(refusals(needSchema.safeParse({ ...skillNeed, expertMission: "on" }))).toEqual({ expertMission: "projects:needsEditor.validation.missionLength" });
    expect(refusals(needSchema.safeParse({ ...skillNeed, expertMission: "on", startsOn: "2027-01-01", endsOn: "2027-05-01" }))).toEqual({ expertMission: "projects:needsEditor.validation.missionLength" });
    expect(needSchema.safeParse({ ...skillNeed, expertMission: "on", startsOn: "2027-01-01", endsOn: "2027-03-31" }).success).toBe(true);
    expect(refusals(needSchema.safeParse({ ...skillNeed, needLanguage: "klingon" }))).toEqual({ needLanguage: "projects:validation.choice" });
    expect(refusals(needSchema.safeParse({ language: "en", kind: "in_kind", description: "Trees", quantity: "0" }))).toEqual({ quantity: "projects:needsEditor.validation.quantity" });
    expect(refusals(needSchema.safeParse({ language: "en", kind: "in_kind", description: "Trees", quantity: "2.5" }))).toEqual({ quantity: "projects:needsEditor.validation.quantity" });
    expect(refusals(needSchema.safeParse({ language: "en", kind: "in_kind", description: "x".repeat(301) }))).toEqual({ description: "projects:validation.tooLong" });
    expect(refusals(needSchema.safeParse({ language: "en", kind: "in_kind", description: " a " }))).toEqual({ description: "projects:needsEditor.validation.descriptionRequired" });
    expect(refusals(needSchema.safeParse({ language: "xx", kind: "gold", description: "Gold bars" }))).toMatchObject({ language: "projects:validation.choice", kind: "projects:validation.choice" });
    // Digits the currency does not have are found on the server, beside the amount field.
    await expect(saveNeed(editor.claims, lgu.id, project.slug, need({ kind: "money", description: "Pipes", amount: "10.555" }))).rejects.toMatchObject({
      field: "amount",
      messageKey: "projects:planEditor.validation.amountDigits",
      status: 400,
    });
    expect(await counts(project.id)).toEqual(before);
  });
});

describe("milestones", () => {
  it("an editor adds, edits, moves through statuses and removes milestones", async () => {
    await saveMilestone(editor.claims, lgu.id, project.slug, milestone({ title: "Groundbreaking", targetDate: "2027-03-01" }));
    await saveMilestone(editor.claims, lgu.id, project.slug, milestone({ title: "Pipes laid", targetDate: "2027-09-30", status: "in_progress" }));
    let milestones = await listMilestones(editor.claims, project.id);
    expect(milestones.map((m) => [m.title, m.targetDate, m.status, m.completedOn])).toEqual([
      [{ en: "Groundbreaking" }, "2027-03-01", "planned", null],
      [{ en: "Pipes laid" }, "2027-09-30", "in_progress", null],
    ]);
    const [groundbreaking, pipes] = milestones as [(typeof milestones)[0], (typeof milestones)[0]];

    // Marking one done stamps today; going back clears the day; a day given is kept.
    await setMilestoneStatus(editor.claims, lgu.id, project.slug, groundbreaking.id, "done");
    expect((await listMilestones(editor.claims, project.id)).find((m) => m.id === groundbreaking.id)).toMatchObject({ status: "done", completedOn: today() });
    await setMilestoneStatus(editor.claims, lgu.id, project.slug, groundbreaking.id, "in_progress");
    expect((await listMilestones(editor.claims, project.id)).find((m) => m.id === groundbreaking.id)).toMatchObject({ status: "in_progress", completedOn: null });
    await saveMilestone(
      editor.claims,
      lgu.id,
      project.slug,
      milestone({ id: pipes.id, language: "es", title: "Tuberías instaladas", targetDate: "2027-10-15", status: "done", completedOn: "2026-01-20" }),
    );
    milestones = await listMilestones(editor.claims, project.id);
    expect(milestones.find((m) => m.id === pipes.id)).toMatchObject({
      title: { en: "Pipes laid", es: "Tuberías instaladas" },
      targetDate: "2027-10-15",
      status: "done",
      completedOn: "2026-01-20",
    });

    await removeMilestone(editor.claims, lgu.id, project.slug, groundbreaking.id);
    expect((await listMilestones(editor.claims, project.id)).map((m) => m.id)).toEqual([pipes.id]);
  });

  it("refuses dates that do not exist, a done date in the future and short titles, saving nothing", async () => {
    const before = await counts(project.id);
    expect(refusals(milestoneSchema.safeParse({ language: "en", title: "Opening", targetDate: "2027-02-30", status: "planned" }))).toEqual({
      targetDate: "projects:milestonesEditor.validation.targetDate",
    });
    expect(refusals(milestoneSchema.safeParse({ language: "en", title: "Opening", targetDate: "30/06/2027", status: "planned" }))).toEqual({
      targetDate: "projects:milestonesEditor.validation.targetDate",
    });
    expect(refusals(milestoneSchema.safeParse({ language: "en", title: "Opening", status: "planned" }))).toEqual({ targetDate: "projects:milestonesEditor.validation.targetDate" });
    expect(refusals(milestoneSchema.safeParse({ language: "en", title: "Opening", targetDate: "2027-06-30", status: "done", completedOn: "2999-01-01" }))).toEqual({
      completedOn: "projects:milestonesEditor.validation.completedOn",
    });
    expect(refusals(milestoneSchema.safeParse({ language: "en", title: "No", targetDate: "2027-06-30", status: "finished" }))).toMatchObject({
      title: "projects:milestonesEditor.validation.titleRequired",
    });
    expect(await counts(project.id)).toEqual(before);
  });
});

describe("co-funders", () => {
  it("an editor adds a co-funder at a ratio and cap, edits it and removes it", async () => {
    await saveCofunder(editor.claims, lgu.id, project.slug, cofunder({ name: "Province of Testland", ratio: "1:1", cap: "1,000,000" }));
    await saveCofunder(editor.claims, lgu.id, project.slug, cofunder({ kind: "national_agency", name: "Commission on Filipinos Overseas", ratio: "3 : 1", cap: "500000.50" }));
    let cofunders = await listCofunders(editor.claims, project.id);
    expect(cofunders.map((c) => [c.kind, c.name, c.ratioMatched, c.ratioGiven, c.capMinor, c.committedMinor])).toEqual([
      ["national_agency", "Commission on Filipinos Overseas", 3, 1, 50_000_050, 0],
      ["province", "Province of Testland", 1, 1, 100_000_000, 0],
    ]);
    const province = cofunders[1]!;
    await saveCofunder(editor.claims, lgu.id, project.slug, cofunder({ id: province.id, kind: "company", name: "Bicol Water Co.", ratio: "2:1", cap: "750000" }));
    cofunders = await listCofunders(editor.claims, project.id);
    expect(cofunders.find((c) => c.id === province.id)).toMatchObject({ kind: "company", name: "Bicol Water Co.", ratioMatched: 2, ratioGiven: 1, capMinor: 75_000_000 });
    await removeCofunder(editor.claims, lgu.id, project.slug, province.id);
    expect((await listCofunders(editor.claims, project.id)).map((c) => c.name)).toEqual(["Commission on Filipinos Overseas"]);
  });

  it("refuses ratios outside 1–10, a cap of zero and a cap below what is committed", async () => {
    for (const ratio of ["0:1", "11:1", "1:0", "-3:1", "3", "three to one", "1.5:1"]) {
      expect(refusals(cofunderSchema.safeParse({ kind: "province", name: "Province", ratio, cap: "1000" })), ratio).toEqual({
        ratio: "projects:cofundersEditor.validation.ratio",
      });
    }
    expect(refusals(cofunderSchema.safeParse({ kind: "province", name: "Province", ratio: "1:1", cap: "0" }))).toEqual({ cap: "projects:planEditor.validation.amount" });
    expect(refusals(cofunderSchema.safeParse({ kind: "bank", name: "P", ratio: "1:1", cap: "10" }))).toMatchObject({
      kind: "projects:validation.choice",
    });

    // Matching is committed by gifts (the ledger), not typed by editors: a gift of 200,000.00 arrives.
    const [gift] = await db().client.sql<{ id: string }[]>`
      insert into contributions (project_id, kind, channel, amount_minor, currency, reference)
      values (${project.id}, 'one_time', 'bank_transfer', 20000000, 'PHP', 'PLAN-TEST-1') returning id`;
    await db().client.sql`insert into contribution_events (contribution_id, project_id, type, amount_minor, currency, source, external_id)
                          values (${gift!.id}, ${project.id}, 'received', 20000000, 'PHP', 'treasurer', 'plan-test-1')`;
    const [c] = await listCofunders(editor.claims, project.id);
    const committed = Math.min(c!.capMinor, (20_000_000 * c!.ratioMatched) / c!.ratioGiven);
    expect(c!.committedMinor).toBe(committed);
    // Typing a committed amount by hand changes nothing: the database derives it.
    await db().client.sql`update project_cofunders set committed_minor = 1 where id = ${c!.id}`;
    expect((await listCofunders(editor.claims, project.id))[0]!.committedMinor).toBe(committed);
    await expect(saveCofunder(editor.claims, lgu.id, project.slug, cofunder({ id: c!.id, name: c!.name, ratio: "3:1", cap: "100000" }))).rejects.toMatchObject({
      field: "cap",
      messageKey: "projects:cofundersEditor.validation.capBelowCommitted",
      status: 400,
    });
    const [after] = await listCofunders(editor.claims, project.id);
    expect(after).toMatchObject({ capMinor: 50_000_050, committedMinor: committed, kind: "national_agency" });
  });
});

describe("the project's place", () => {
  it("offers the LGU's place and the places within it, and saves a place with coordinates", async () => {
    const [barangay] = await db().client.sql<{ id: string }[]>`
      insert into places (parent_id, kind, name, country_code) values (${lgu.placeId}, 'municipality', 'Barangay Uno', 'TL') returning id`;
    const places = await lguPlaces(editor.claims, lgu.id);
    expect(places.map((p) => p.id)).toEqual([lgu.placeId, barangay!.id]);

    await setProjectPlace(editor.claims, lgu.id, project.slug, place({ placeId: barangay!.id, latitude: "13.62184", longitude: "-123.194812" }));
    const [row] = await db().client.sql`select place_id, latitude, longitude from projects where id = ${project.id}`;
    expect(row).toEqual({ place_id: barangay!.id, latitude: "13.62184", longitude: "-123.19481" });

    await setProjectPlace(editor.claims, lgu.id, project.slug, place({ placeId: lgu.placeId }));
    const [cleared] = await db().client.sql`select place_id, latitude, longitude from projects where id = ${project.id}`;
    expect(cleared).toEqual({ place_id: lgu.placeId, latitude: null, longitude: null });
  });

  it("refuses coordinates out of range or alone, and a place outside the LGU", async () => {
    expect(refusals(projectPlaceSchema.safeParse({ latitude: "91", longitude: "10" }))).toEqual({ latitude: "projects:placeEditor.validation.latitude" });
    expect(refusals(projectPlaceSchema.safeParse({ latitude: "-90.5", longitude: "10" }))).toEqual({ latitude: "projects:placeEditor.validation.latitude" });
    expect(refusals(projectPlaceSchema.safeParse({ latitude: "10", longitude: "-180.01" }))).toEqual({ longitude: "projects:placeEditor.validation.longitude" });
    expect(refusals(projectPlaceSchema.safeParse({ latitude: "10", longitude: "east" }))).toEqual({ longitude: "projects:placeEditor.validation.longitude" });
    expect(refusals(projectPlaceSchema.safeParse({ latitude: "13.6" }))).toEqual({ longitude: "projects:placeEditor.validation.bothOrNeither" });
    expect(refusals(projectPlaceSchema.safeParse({ longitude: "123.1" }))).toEqual({ latitude: "projects:placeEditor.validation.bothOrNeither" });
    expect(place({ latitude: "-90", longitude: "180" })).toEqual({ placeId: null, latitude: "-90", longitude: "180" });

    const elsewhere = await createPlace(db().url);
    await expect(setProjectPlace(editor.claims, lgu.id, project.slug, place({ placeId: elsewhere }))).rejects.toMatchObject({
      field: "placeId",
      messageKey: "projects:validation.choice",
    });
    await expect(setProjectPlace(editor.claims, lgu.id, project.slug, place({ placeId: otherLgu.placeId }))).rejects.toMatchObject({ field: "placeId" });
    const [row] = await db().client.sql`select place_id from projects where id = ${project.id}`;
    expect(row!.place_id).toBe(lgu.placeId);
  });
});

describe("who may change a plan", () => {
  it("refuses an editor of another LGU and saves nothing, whichever LGU they name", async () => {
    const details = await addProjectDetails(db().url, project.id);
    const before = await counts(project.id);
    // Naming the project's own LGU: the project is public, so they can read it, but RLS lets them write nothing.
    const asIntruder = [
      () => saveNeed(otherEditor.claims, lgu.id, project.slug, need({ kind: "in_kind", description: "Intruder's need" })),
      () => saveNeed(otherEditor.claims, lgu.id, project.slug, need({ id: details.needId, kind: "in_kind", description: "Hijacked" })),
      () => removeNeed(otherEditor.claims, lgu.id, project.slug, details.needId),
      () => saveMilestone(otherEditor.claims, lgu.id, project.slug, milestone({ title: "Intruder's milestone", targetDate: "2027-01-01" })),
      () => setMilestoneStatus(otherEditor.claims, lgu.id, project.slug, details.milestoneId, "done"),
      () => removeMilestone(otherEditor.claims, lgu.id, project.slug, details.milestoneId),
      () => saveCofunder(otherEditor.claims, lgu.id, project.slug, cofunder({ name: "Intruder Inc.", ratio: "10:1", cap: "5" })),
      () => saveCofunder(otherEditor.claims, lgu.id, project.slug, cofunder({ id: details.cofunderId, name: "Hijacked", ratio: "10:1", cap: "5" })),
      () => removeCofunder(otherEditor.claims, lgu.id, project.slug, details.cofunderId),
      () => setProjectPlace(otherEditor.claims, lgu.id, project.slug, place({ latitude: "1", longitude: "1" })),
    ];
    for (const attempt of asIntruder) await expect(attempt()).rejects.toMatchObject({ status: 403, messageKey: "projects:errors.notAllowed" });
    // Naming their own LGU: the project is not theirs.
    await expect(saveNeed(otherEditor.claims, otherLgu.id, project.slug, need({ kind: "in_kind", description: "Intruder's need" }))).rejects.toMatchObject({ status: 404 });
    // And an item of this project through a project of their own: not found there.
    const own = await createProject(db().url, otherLgu.id, { status: "draft", createdBy: otherEditor.id });
    await expect(removeNeed(otherEditor.claims, otherLgu.id, own.slug, details.needId)).rejects.toMatchObject({ status: 404 });
    await expect(
      saveCofunder(otherEditor.claims, otherLgu.id, own.slug, cofunder({ id: details.cofunderId, name: "Hijacked", ratio: "1:1", cap: "5" })),
    ).rejects.toMatchObject({ status: 404, messageKey: "projects:planEditor.errors.itemNotFound" });

    expect(await counts(project.id)).toEqual(before);
    const [rows] = await db().client.sql`
      select n.description, m.status, c.name, p.latitude from project_needs n, project_milestones m, project_cofunders c, projects p
      where n.id = ${details.needId} and m.id = ${details.milestoneId} and c.id = ${details.cofunderId} and p.id = ${project.id}`;
    expect(rows).toEqual({ description: { en: "Pipes" }, status: "planned", name: "Province of Testland", latitude: null });
  });

  it("refuses members and other staff roles", async () => {
    const details = await addProjectDetails(db().url, project.id);
    const before = await counts(project.id);
    for (const person of [member, treasurer]) {
      await expect(saveNeed(person.claims, lgu.id, project.slug, need({ kind: "in_kind", description: "Member's need" }))).rejects.toMatchObject({ status: 403 });
      await expect(removeNeed(person.claims, lgu.id, project.slug, details.needId)).rejects.toMatchObject({ status: 403 });
      await expect(setMilestoneStatus(person.claims, lgu.id, project.slug, details.milestoneId, "done")).rejects.toMatchObject({ status: 403 });
      await expect(saveCofunder(person.claims, lgu.id, project.slug, cofunder({ name: "Member Co.", ratio: "1:1", cap: "5" }))).rejects.toMatchObject({ status: 403 });
      await expect(setProjectPlace(person.claims, lgu.id, project.slug, place({ latitude: "1", longitude: "1" }))).rejects.toMatchObject({ status: 403 });
    }
    // A draft is not even visible to a member.
    const draft = await createProject(db().url, lgu.id, { status: "draft", createdBy: editor.id });
    await expect(saveNeed(member.claims, lgu.id, draft.slug, need({ kind: "in_kind", description: "Member's need" }))).rejects.toMatchObject({ status: 404 });
    expect(await counts(project.id)).toEqual(before);
    expect((await counts(draft.id)).needs).toBe(0);
  });

  it("a closed project's plan no longer changes: a translated refusal, not an error page", async () => {
    const closed = await createProject(db().url, lgu.id, { status: "completed", createdBy: editor.id });
    const details = await addProjectDetails(db().url, closed.id);
    const before = await counts(closed.id);
    const attempts = [
      () => saveNeed(editor.claims, lgu.id, closed.slug, need({ kind: "in_kind", description: "Late need" })),
      () => saveNeed(editor.claims, lgu.id, closed.slug, need({ id: details.needId, kind: "in_kind", description: "Changed" })),
      () => removeNeed(editor.claims, lgu.id, closed.slug, details.needId),
      () => saveMilestone(editor.claims, lgu.id, closed.slug, milestone({ title: "Late milestone", targetDate: "2027-01-01" })),
      () => setMilestoneStatus(editor.claims, lgu.id, closed.slug, details.milestoneId, "done"),
      () => removeCofunder(editor.claims, lgu.id, closed.slug, details.cofunderId),
      () => setProjectPlace(editor.claims, lgu.id, closed.slug, place({ latitude: "1", longitude: "1" })),
      () => setProjectPlace(admin.claims, lgu.id, closed.slug, place({})),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ status: 409, messageKey: "projects:errors.closed" });
    expect(await counts(closed.id)).toEqual(before);
  });
});

describe("the staff pages' actions", () => {
  const { signedIn } = routeCalls(db);

  it("saves a need for the LGU's editor and sends them back with a toast; refuses bad input, other LGUs' editors and members", async () => {
    const needs = await import("../../app/routes/manage.$lgu.projects.$project_.needs");
    const pageEditor = await signedIn("page.editor@example.org");
    const pageOutsider = await signedIn("page.outsider@example.org");
    const pageMember = await signedIn("page.member@example.org");
    await addLguRole(db().url, lgu.id, pageEditor.id, "editor");
    await addLguRole(db().url, otherLgu.id, pageOutsider.id, "editor");
    const page = await createProject(db().url, lgu.id, { status: "fundraising", createdBy: editor.id });
    const path = `/manage/${lgu.slug}/projects/${page.slug}/needs?text=fil`;
    const params = { lgu: lgu.slug, project: page.slug };
    const act = (cookie: string, fields: Record<string, string>) => answer(() => needs.action({ request: post(path, cookie, fields), params, context }));

    const saved = await act(pageEditor.cookie, { language: "fil", kind: "money", description: "Mga tubo", amount: "1500" });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/manage/${lgu.slug}/projects/${page.slug}/needs?text=fil`);
    expect(saved.headers.get("Set-Cookie")).toMatch(/tulay_toast=/);

    const bad = await act(pageEditor.cookie, { language: "fil", kind: "skill", description: "Mga mentor", skill: "juggling", quantity: "2", mode: "remote" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ reply: { form: "need-new", error: { skill: ["projects:needsEditor.validation.skillRequired"] } } });

    expect((await act(pageOutsider.cookie, { language: "en", kind: "in_kind", description: "Intruder's trees" })).status).toBe(403);
    expect((await act(pageMember.cookie, { language: "en", kind: "in_kind", description: "Member's trees" })).status).toBe(403);

    const rows = await db().client.sql`select kind, description, amount_minor from project_needs where project_id = ${page.id}`;
    expect(rows).toEqual([{ kind: "money", description: { fil: "Mga tubo" }, amount_minor: "150000" }]);

    // The page itself: the editor sees the need and may change it; a member is refused.
    const loaded = await answer(() => needs.loader({ request: new Request(url(path), { headers: { Cookie: pageEditor.cookie } }), params, context }));
    expect(await loaded.json()).toMatchObject({ header: { canEdit: true, textLanguage: "fil" }, needs: [{ kind: "money", values: { description: "Mga tubo", amount: "1500.00" } }] });
    const refused = await answer(() => needs.loader({ request: new Request(url(path), { headers: { Cookie: pageMember.cookie } }), params, context }));
    expect(refused.status).toBe(403);
  });

  it("answers a closed project's refusal as the form's error (409), and a bad co-funder or place as a 400", async () => {
    const cofunders = await import("../../app/routes/manage.$lgu.projects.$project_.cofunders");
    const placePage = await import("../../app/routes/manage.$lgu.projects.$project_.place");
    const pageEditor = await signedIn("closed.editor@example.org");
    await addLguRole(db().url, lgu.id, pageEditor.id, "editor");
    const closed = await createProject(db().url, lgu.id, { status: "cancelled", createdBy: editor.id });
    const params = { lgu: lgu.slug, project: closed.slug };
    const base = `/manage/${lgu.slug}/projects/${closed.slug}`;

    const refused = await answer(() =>
      cofunders.action({ request: post(`${base}/cofunders`, pageEditor.cookie, { kind: "province", name: "Province", ratio: "1:1", cap: "100" }), params, context }),
    );
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ reply: { form: "cofunder-new", error: { "": ["projects:errors.closed"] } } });

    const badRatio = await answer(() =>
      cofunders.action({ request: post(`${base}/cofunders`, pageEditor.cookie, { kind: "province", name: "Province", ratio: "0:1", cap: "100" }), params, context }),
    );
    expect(badRatio.status).toBe(400);
    const badPlace = await answer(() => placePage.action({ request: post(`${base}/place`, pageEditor.cookie, { latitude: "95" }), params, context }));
    expect(badPlace.status).toBe(400);
    expect(await badPlace.json()).toMatchObject({
      reply: { form: "place-new", error: { latitude: ["projects:placeEditor.validation.latitude"], longitude: ["projects:placeEditor.validation.bothOrNeither"] } },
    });
    const closedPlace = await answer(() => placePage.action({ request: post(`${base}/place`, pageEditor.cookie, { latitude: "5", longitude: "5" }), params, context }));
    expect(closedPlace.status).toBe(409);
    expect(await counts(closed.id)).toEqual({ needs: 0, milestones: 0, cofunders: 0 });
  });
});
