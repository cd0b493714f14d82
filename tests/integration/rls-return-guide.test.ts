/**
 * Row-level security and grants of the returnee guide, as a matrix: the national guide and the
 * guides of verified LGUs are public, written by platform admins (national) and by an LGU's
 * editors and admins (local), never deleted; directory entries likewise, switched off rather than
 * deleted and then seen only by their editors; a member's return checklist and its items are
 * theirs alone. Refusals are asserted precisely and the rows read back as the owner to prove
 * nothing changed; allowed writes are rolled back so every case meets the same world.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { JwtClaims } from "../../app/db/client.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, makePlatformAdmin } from "../support/factories";
import { DENIED, matrixProbe, matrixRunner, RLS, type MatrixBlock } from "../support/rls-matrix";

const db = setupTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;

const ACTORS = [
  "anonymous",
  "the returnee",
  "another member",
  "LGU admin",
  "LGU editor",
  "LGU treasurer",
  "editor of another, unverified LGU",
  "platform admin",
] as const;
type Actor = (typeof ACTORS)[number];

interface World {
  users: Record<Exclude<Actor, "anonymous">, User>;
  town: { id: string; placeId: string };
  otherTown: { id: string; placeId: string };
  national: { steps: string; rights: string };
  townSteps: string;
  otherTownSteps: string;
  nationalService: string;
  townService: string;
  townServiceOff: string;
  checklist: string;
  guideItem: string;
  ownItem: string;
}
let w: World;

const claimsOf = (actor: string): JwtClaims | null => (actor === "anonymous" ? null : w.users[actor as Exclude<Actor, "anonymous">].claims);
const probe = matrixProbe(db, claimsOf);
const { asOwner, attempt } = probe;
const matrix = matrixRunner(ACTORS, probe);
type Block = MatrixBlock<Actor>;

const topicRow = async (lguId: string | null, topic: string, body: Record<string, string>) => {
  const [row] = await asOwner(sql`insert into return_guide_topics (lgu_id, topic, body) values (${lguId}, ${topic}, ${JSON.stringify(body)}::jsonb) returning id`);
  return String(row!.id);
};
const serviceRow = async (lguId: string | null, placeId: string, name: string, active = true) => {
  const [row] = await asOwner(sql`insert into return_services (lgu_id, kind, name, place_id, address, languages, active)
    values (${lguId}, 'training_centre', ${name}, ${placeId}, 'Main street 1', '{en,fil}', ${active}) returning id`);
  return String(row!.id);
};

beforeAll(async () => {
  const url = db().url;
  const user = (displayName: string) => createUser(url, { displayName });
  const users: World["users"] = {
    "the returnee": await user("Rey"),
    "another member": await user("Mario"),
    "LGU admin": await user("Ana"),
    "LGU editor": await user("Eddie"),
    "LGU treasurer": await user("Teresa"),
    "editor of another, unverified LGU": await user("Emil"),
    "platform admin": await user("Pia"),
  };
  const town = await createLgu(url, { createdBy: users["LGU admin"].id, verificationStatus: "verified" });
  await addLguRole(url, town.id, users["LGU editor"].id, "editor");
  await addLguRole(url, town.id, users["LGU treasurer"].id, "treasurer");
  const otherTown = await createLgu(url, { verificationStatus: "unverified" });
  await addLguRole(url, otherTown.id, users["editor of another, unverified LGU"].id, "editor");
  await makePlatformAdmin(url, users["platform admin"].id);

  const national = {
    steps: await topicRow(null, "steps", { en: "1. Register with OWWA\n2. Update SSS" }),
    rights: await topicRow(null, "rights", { en: "Your rights" }),
  };
  const townSteps = await topicRow(town.id, "steps", { en: "1. Visit the city hall" });
  const otherTownSteps = await topicRow(otherTown.id, "steps", { en: "1. Not public yet" });
  const nationalService = await serviceRow(null, town.placeId, "National reintegration centre");
  const townService = await serviceRow(town.id, town.placeId, "City training centre");
  const townServiceOff = await serviceRow(town.id, town.placeId, "Closed centre", false);
  const returnee = users["the returnee"].id;
  const [checklist] = await asOwner(sql`insert into return_checklists (user_id, source_topic_id, lgu_id) values (${returnee}, ${national.steps}, null) returning id`);
  const checklistId = String(checklist!.id);
  const [guideItem] = await asOwner(sql`insert into return_checklist_items (checklist_id, position, label) values (${checklistId}, 1, 'Register with OWWA') returning id`);
  const [ownItem] = await asOwner(sql`insert into return_checklist_items (checklist_id, position, label, own) values (${checklistId}, 2, 'Book movers', true) returning id`);
  w = {
    users, town, otherTown, national, townSteps, otherTownSteps, nationalService, townService, townServiceOff,
    checklist: checklistId, guideItem: String(guideItem!.id), ownItem: String(ownItem!.id),
  };
});

// ---------------------------------------------------------------------------------------------
// topics

/** The operations on one topic; the insert adds the scope's "training" topic (none exists yet). */
function topicOps(topicId: () => string, lguId: () => string | null): Pick<Block, "ops" | "snapshot"> {
  return {
    ops: {
      select: () => sql`select 1 from return_guide_topics where id = ${topicId()}`,
      insert: () => sql`insert into return_guide_topics (lgu_id, topic, body) values (${lguId()}, 'training', '{"en":"Matrix"}')`,
      update: () => sql`update return_guide_topics set body = '{"en":"Edited in the matrix"}' where id = ${topicId()}`,
      delete: () => sql`delete from return_guide_topics where id = ${topicId()}`,
    },
    snapshot: () => sql`select to_jsonb(t) as row from return_guide_topics t
      where t.id = ${topicId()} or (t.topic = 'training' and t.lgu_id is not distinct from ${lguId()}::uuid) order by t.id`,
  };
}

describe("return_guide_topics", () => {
  matrix({
    title: "the national guide's topic",
    ...topicOps(() => w.national.rights, () => null),
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          1,     DENIED, DENIED, DENIED],
      ["the returnee",                       1,     RLS,    0,      DENIED],
      ["another member",                     1,     RLS,    0,      DENIED],
      ["LGU admin",                          1,     RLS,    0,      DENIED],
      ["LGU editor",                         1,     RLS,    0,      DENIED],
      ["LGU treasurer",                      1,     RLS,    0,      DENIED],
      ["editor of another, unverified LGU",  1,     RLS,    0,      DENIED],
      ["platform admin",                     1,     1,      1,      DENIED],
    ],
  });

  matrix({
    title: "a verified LGU's topic",
    ...topicOps(() => w.townSteps, () => w.town.id),
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          1,     DENIED, DENIED, DENIED],
      ["the returnee",                       1,     RLS,    0,      DENIED],
      ["another member",                     1,     RLS,    0,      DENIED],
      ["LGU admin",                          1,     1,      1,      DENIED],
      ["LGU editor",                         1,     1,      1,      DENIED],
      ["LGU treasurer",                      1,     RLS,    0,      DENIED],
      ["editor of another, unverified LGU",  1,     RLS,    0,      DENIED],
      ["platform admin",                     1,     RLS,    0,      DENIED],
    ],
  });

  matrix({
    title: "an unverified LGU's topic (its editors only)",
    ...topicOps(() => w.otherTownSteps, () => w.otherTown.id),
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          0,     DENIED, DENIED, DENIED],
      ["the returnee",                       0,     RLS,    0,      DENIED],
      ["another member",                     0,     RLS,    0,      DENIED],
      ["LGU admin",                          0,     RLS,    0,      DENIED],
      ["LGU editor",                         0,     RLS,    0,      DENIED],
      ["LGU treasurer",                      0,     RLS,    0,      DENIED],
      ["editor of another, unverified LGU",  1,     1,      1,      DENIED],
      ["platform admin",                     0,     RLS,    0,      DENIED],
    ],
  });

  it("nobody sets the review date or the editor by hand: only the database does", async () => {
    const editor = "LGU editor";
    expect(await attempt(editor, "update", sql`update return_guide_topics set reviewed_at = now() - interval '1 day' where id = ${w.townSteps}`, true)).toBe(DENIED);
    expect(await attempt(editor, "update", sql`update return_guide_topics set updated_by = null where id = ${w.townSteps}`, true)).toBe(DENIED);
    expect(await attempt("platform admin", "update", sql`update return_guide_topics set review_reminded_at = now() where id = ${w.national.rights}`, true)).toBe(DENIED);
  });

  it("marking reviewed: the scope's editors only (platform admins for the national guide)", async () => {
    const mark = (topic: string) => sql`select public.mark_return_topic_reviewed(${topic}::uuid)`;
    expect(await attempt("LGU editor", "select", mark(w.townSteps), true)).toBe(1);
    expect(await attempt("LGU admin", "select", mark(w.townSteps), true)).toBe(1);
    expect(await attempt("platform admin", "select", mark(w.national.steps), true)).toBe(1);
    expect(await attempt("LGU treasurer", "select", mark(w.townSteps), true)).toBe("only the guide's editors mark it reviewed");
    expect(await attempt("LGU editor", "select", mark(w.national.steps), true)).toBe("only the guide's editors mark it reviewed");
    expect(await attempt("platform admin", "select", mark(w.townSteps), true)).toBe("only the guide's editors mark it reviewed");
    expect(await attempt("the returnee", "select", mark(w.national.steps), true)).toBe("only the guide's editors mark it reviewed");
    expect(await attempt("anonymous", "select", mark(w.national.steps), true)).toBe(DENIED);
  });
});

// ---------------------------------------------------------------------------------------------
// directory of services

function serviceOps(serviceId: () => string, lguId: () => string | null, newName: string): Pick<Block, "ops" | "snapshot"> {
  return {
    ops: {
      select: () => sql`select 1 from return_services where id = ${serviceId()}`,
      insert: () => sql`insert into return_services (lgu_id, kind, name, place_id, address) values (${lguId()}, 'one_stop_shop', ${newName}, ${w.town.placeId}, 'Plaza 2')`,
      update: () => sql`update return_services set name = 'Renamed in the matrix' where id = ${serviceId()}`,
      delete: () => sql`delete from return_services where id = ${serviceId()}`,
    },
    snapshot: () => sql`select to_jsonb(s) as row from return_services s where s.id = ${serviceId()} or s.name = ${newName} order by s.id`,
  };
}

describe("return_services", () => {
  matrix({
    title: "a national directory entry",
    ...serviceOps(() => w.nationalService, () => null, "Matrix national entry"),
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          1,     DENIED, DENIED, DENIED],
      ["the returnee",                       1,     RLS,    0,      DENIED],
      ["another member",                     1,     RLS,    0,      DENIED],
      ["LGU admin",                          1,     RLS,    0,      DENIED],
      ["LGU editor",                         1,     RLS,    0,      DENIED],
      ["LGU treasurer",                      1,     RLS,    0,      DENIED],
      ["editor of another, unverified LGU",  1,     RLS,    0,      DENIED],
      ["platform admin",                     1,     1,      1,      DENIED],
    ],
  });

  matrix({
    title: "an LGU's directory entry",
    ...serviceOps(() => w.townService, () => w.town.id, "Matrix town entry"),
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          1,     DENIED, DENIED, DENIED],
      ["the returnee",                       1,     RLS,    0,      DENIED],
      ["another member",                     1,     RLS,    0,      DENIED],
      ["LGU admin",                          1,     1,      1,      DENIED],
      ["LGU editor",                         1,     1,      1,      DENIED],
      ["LGU treasurer",                      1,     RLS,    0,      DENIED],
      ["editor of another, unverified LGU",  1,     RLS,    0,      DENIED],
      ["platform admin",                     1,     RLS,    0,      DENIED],
    ],
  });

  matrix({
    title: "an LGU's switched-off entry (its editors only)",
    ...serviceOps(() => w.townServiceOff, () => w.town.id, "Matrix town entry 2"),
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          0,     DENIED, DENIED, DENIED],
      ["the returnee",                       0,     RLS,    0,      DENIED],
      ["another member",                     0,     RLS,    0,      DENIED],
      ["LGU admin",                          1,     1,      1,      DENIED],
      ["LGU editor",                         1,     1,      1,      DENIED],
      ["LGU treasurer",                      0,     RLS,    0,      DENIED],
      ["editor of another, unverified LGU",  0,     RLS,    0,      DENIED],
      ["platform admin",                     0,     RLS,    0,      DENIED],
    ],
  });
});

// ---------------------------------------------------------------------------------------------
// checklists: the owner's alone

describe("return checklists", () => {
  matrix({
    title: "return_checklists: the returnee's checklist",
    ops: {
      select: () => sql`select 1 from return_checklists where id = ${w.checklist}`,
      // Starting one from the town's steps, for the returnee.
      insert: () => sql`insert into return_checklists (user_id, source_topic_id, lgu_id) values (${w.users["the returnee"].id}, ${w.townSteps}, ${w.town.id})`,
      update: () => sql`update return_checklists set lgu_id = ${w.town.id} where id = ${w.checklist}`,
      delete: () => sql`delete from return_checklists where id = ${w.checklist}`,
    },
    snapshot: () => sql`select to_jsonb(c) as row from return_checklists c order by c.id`,
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          DENIED, DENIED, DENIED, DENIED],
      ["the returnee",                       1,      1,      DENIED, 1],
      ["another member",                     0,      RLS,    DENIED, 0],
      ["LGU admin",                          0,      RLS,    DENIED, 0],
      ["LGU editor",                         0,      RLS,    DENIED, 0],
      ["LGU treasurer",                      0,      RLS,    DENIED, 0],
      ["editor of another, unverified LGU",  0,      RLS,    DENIED, 0],
      ["platform admin",                     0,      RLS,    DENIED, 0],
    ],
  });

  matrix({
    title: "return_checklist_items: a step copied from the guide",
    ops: {
      select: () => sql`select 1 from return_checklist_items where checklist_id = ${w.checklist}`,
      insert: () => sql`insert into return_checklist_items (checklist_id, position, label, own) values (${w.checklist}, 3, 'Matrix item', true)`,
      update: () => sql`update return_checklist_items set done_at = now(), note = 'done' where id = ${w.guideItem}`,
      // Steps from the guide stay; only the member's own lines are removed.
      delete: () => sql`delete from return_checklist_items where id = ${w.guideItem}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from return_checklist_items i order by i.id`,
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          DENIED, DENIED, DENIED, DENIED],
      ["the returnee",                       2,      1,      1,      0],
      ["another member",                     0,      RLS,    0,      0],
      ["LGU admin",                          0,      RLS,    0,      0],
      ["LGU editor",                         0,      RLS,    0,      0],
      ["LGU treasurer",                      0,      RLS,    0,      0],
      ["editor of another, unverified LGU",  0,      RLS,    0,      0],
      ["platform admin",                     0,      RLS,    0,      0],
    ],
  });

  matrix({
    title: "return_checklist_items: the returnee's own line",
    ops: {
      select: () => sql`select 1 from return_checklist_items where id = ${w.ownItem}`,
      insert: () => sql`insert into return_checklist_items (checklist_id, position, label, own) values (${w.checklist}, 4, 'Matrix item 2', true)`,
      update: () => sql`update return_checklist_items set note = 'Call the movers on Monday' where id = ${w.ownItem}`,
      delete: () => sql`delete from return_checklist_items where id = ${w.ownItem}`,
    },
    snapshot: () => sql`select to_jsonb(i) as row from return_checklist_items i order by i.id`,
    rows: [
      // actor                               select insert  update  delete
      ["anonymous",                          DENIED, DENIED, DENIED, DENIED],
      ["the returnee",                       1,      1,      1,      1],
      ["another member",                     0,      RLS,    0,      0],
      ["LGU admin",                          0,      RLS,    0,      0],
      ["LGU editor",                         0,      RLS,    0,      0],
      ["LGU treasurer",                      0,      RLS,    0,      0],
      ["editor of another, unverified LGU",  0,      RLS,    0,      0],
      ["platform admin",                     0,      RLS,    0,      0],
    ],
  });

  it("a member starts a checklist only from a steps topic they can read, for themselves", async () => {
    const member = w.users["another member"];
    // Not from another topic than the administrative steps, nor from an unverified LGU's guide.
    expect(await attempt("another member", "insert", sql`insert into return_checklists (user_id, source_topic_id, lgu_id) values (${member.id}, ${w.national.rights}, null)`, true)).toBe(RLS);
    expect(await attempt("another member", "insert", sql`insert into return_checklists (user_id, source_topic_id, lgu_id) values (${member.id}, ${w.otherTownSteps}, ${w.otherTown.id})`, true)).toBe(RLS);
    // Nor with a scope that is not the topic's.
    expect(await attempt("another member", "insert", sql`insert into return_checklists (user_id, source_topic_id, lgu_id) values (${member.id}, ${w.townSteps}, null)`, true)).toBe(RLS);
    expect(await attempt("another member", "insert", sql`insert into return_checklists (user_id, source_topic_id, lgu_id) values (${member.id}, ${w.townSteps}, ${w.town.id})`, true)).toBe(1);
    // Ticking and notes only: the label of a step copied from the guide is not the member's to rewrite here.
    expect(await attempt("the returnee", "update", sql`update return_checklist_items set label = 'Changed' where id = ${w.guideItem}`, true)).toBe(DENIED);
  });
});
