/**
 * The skills taxonomy in the database (exactly what data/skills says), its search, the members'
 * skills registry with its refusals, what others may see of it, and project needs tied to it.
 */
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuthSession } from "../../app/adapters/auth/port";
import { setDbClient } from "../../app/db/client.server";
import { exportAccount } from "../../app/modules/auth/account.server";
import { diasporaSkills, listOwnSkills, removeOwnSkill, saveOwnSkill, visibleSkillsOf } from "../../app/modules/skills/member-skills.server";
import { memberSkillSchema } from "../../app/modules/skills/schema";
import { loadTaxonomy } from "../../app/modules/skills/taxonomy-data.server";
import { searchSkills, skillLabels } from "../../app/modules/skills/taxonomy.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser, databaseError } from "../support/factories";
import { createProject } from "../support/project-factories";

const db = setupTestDatabase();
type User = Awaited<ReturnType<typeof createUser>>;
const session = (user: User): AuthSession => ({ user: { id: user.id, email: user.email, emailConfirmed: true }, claims: user.claims });
const input = (values: Record<string, string>) => memberSkillSchema.parse(values);

beforeAll(() => setDbClient(db().client));

describe("the taxonomy in the database", () => {
  it("holds exactly the entries and links of data/skills (a changed file needs a new data migration)", async () => {
    const files = loadTaxonomy();
    const entries = await db().client.sql<{ code: string; kind: string; isco_code: string | null; parent_code: string | null; labels: unknown }[]>`
      select code, kind, isco_code, parent_code, labels from skills order by code`;
    const expected = [...files.entries].sort((a, b) => (a.code < b.code ? -1 : 1));
    expect(entries.map((e) => ({ code: e.code, kind: e.kind, iscoCode: e.isco_code, parentCode: e.parent_code, labels: e.labels }))).toEqual(
      expected.map((e) => ({ code: e.code, kind: e.kind, iscoCode: e.iscoCode, parentCode: e.parentCode, labels: e.labels })),
    );
    const links = await db().client.sql<{ skill_code: string; related_code: string; kind: string }[]>`select skill_code, related_code, kind from skill_relations`;
    const key = (r: { skillCode: string; relatedCode: string; kind: string }) => `${r.skillCode} ${r.relatedCode} ${r.kind}`;
    expect(new Set(links.map((l) => key({ skillCode: l.skill_code, relatedCode: l.related_code, kind: l.kind })))).toEqual(new Set(files.relations.map(key)));
  });

  it("reads related skills both ways through skill_links", async () => {
    const rows = await db().client.sql<{ linked_code: string; kind: string }[]>`select linked_code, kind from skill_links where code = 'welding'`;
    const linked = rows.map((r) => `${r.kind}:${r.linked_code}`);
    expect(linked).toContain("related:machining"); // written on welding's line
    expect(linked).toContain("related:motor_vehicle_mechanics"); // written on the mechanic's line
    expect(linked).toContain("occupation:isco08_721");
    const used = await db().client.sql<{ code: string }[]>`select linked_code as code from skill_links where code = 'isco08_214' and kind = 'used_in'`;
    expect(used.map((u) => u.code)).toContain("civil_engineering");
  });

  it("refuses a label missing in one language and a malformed code", async () => {
    expect(await databaseError(db().client.sql`insert into skills (code, kind, labels) values ('x_skill', 'skill', '{"en":"X","fil":"X","es":"X","fr":"X"}')`)).toMatch(
      /skills_labels_complete|null value in column "search_text"/,
    );
    expect(await databaseError(db().client.sql`insert into skills (code, kind, labels) values ('x_skill', 'skill', '{"en":"X","fil":" ","es":"X","fr":"X","ar":"س"}')`)).toMatch(/skills_labels_complete/);
    expect(await databaseError(db().client.sql`insert into skills (code, kind, labels) values ('Bad Code', 'skill', '{"en":"X","fil":"X","es":"X","fr":"X","ar":"س"}')`)).toMatch(/skills_code_shape/);
  });
});

describe("searching skills", () => {
  const codes = async (query: string, language = "en", kind: "skill" | "occupation" | null = null) =>
    (await searchSkills(null, { query, language, kind, pageSize: 20 })).hits.map((h) => h.code);

  it("finds by the beginning of a word, ignoring case and accents", async () => {
    expect((await codes("weld"))[0]).toBe("welding");
    expect(await codes("SOLDA")).toContain("welding"); // Spanish "Soldadura"
    expect(await codes("genie civil")).toContain("civil_engineering"); // French "Génie civil", typed without the accent
    expect(await codes("enfermeria")).toContain("nursing"); // Spanish "Enfermería"
  });

  it("finds in Filipino and Arabic labels", async () => {
    expect(await codes("pagtutubero")).toContain("plumbing");
    expect(await codes("التمريض")).toContain("nursing");
  });

  it("ranks an exact label first, then labels starting with the query", async () => {
    expect((await codes("Nursing"))[0]).toBe("nursing");
    expect((await codes("civil engineering"))[0]).toBe("civil_engineering");
    expect((await codes("accounting"))[0]).toBe("accounting");
  });

  it("forgives a typo when nothing matches exactly", async () => {
    expect(await codes("plumbng")).toContain("plumbing");
  });

  it("filters by kind, labels in the reader's language and names an occupation's group", async () => {
    const result = await searchSkills(null, { query: "mecánicos", language: "es", kind: "occupation" });
    expect(result.hits.every((h) => h.kind === "occupation")).toBe(true);
    const mechanics = result.hits.find((h) => h.code === "isco08_723");
    expect(mechanics?.label).toBe("Mecánicos y reparadores de máquinas");
    expect(mechanics?.parentLabel).toBe("Oficiales y operarios de la metalurgia, la construcción mecánica y afines");
  });

  it("pages through all matches with a total, and lists everything for an empty query", async () => {
    const first = await searchSkills(null, { query: "", language: "en", kind: "skill", page: 1, pageSize: 50 });
    const second = await searchSkills(null, { query: "", language: "en", kind: "skill", page: 2, pageSize: 50 });
    const skills = loadTaxonomy().entries.filter((e) => e.kind === "skill").length;
    expect(first.total).toBe(skills);
    expect(first.hits).toHaveLength(50);
    expect(new Set([...first.hits, ...second.hits].map((h) => h.code)).size).toBe(100);
    // In label order in the reader's language.
    const labels = first.hits.map((h) => h.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
    const past = await searchSkills(null, { query: "", language: "en", kind: "skill", page: 99, pageSize: 50 });
    expect(past.hits).toEqual([]);
  });

  it("finds nothing for gibberish and survives query syntax", async () => {
    expect(await codes("zzqxv")).toEqual([]);
    expect(await codes("weld & ! ( ' :*")).toContain("welding");
  });

  it("gives labels in the reader's language", async () => {
    const labels = await skillLabels(null, ["civil_engineering", "nope"], "fr");
    expect(Object.fromEntries(labels)).toEqual({ civil_engineering: "Génie civil" });
  });
});

describe("a member's skills", () => {
  let member: User;
  let other: User;
  beforeAll(async () => {
    member = await createUser(db().url);
    other = await createUser(db().url);
  });

  it("adds, changes and removes a skill", async () => {
    expect(await saveOwnSkill(session(member), input({ skill: "welding", level: "advanced", years: "7", note: "TIG and MIG" }))).toEqual({ added: true });
    expect(await saveOwnSkill(session(member), input({ skill: "civil_engineering", level: "expert", years: "12" }))).toEqual({ added: true });
    expect(await saveOwnSkill(session(member), input({ skill: "welding", level: "expert", years: "8", note: "" }))).toEqual({ added: false });
    const list = await listOwnSkills(session(member), "fr");
    expect(list).toEqual([
      { code: "civil_engineering", kind: "skill", label: "Génie civil", level: "expert", years: 12, note: null },
      { code: "welding", kind: "skill", label: "Soudage et construction métallique", level: "expert", years: 8, note: null },
    ]);
    expect(await removeOwnSkill(session(member), "welding")).toBe(true);
    expect(await removeOwnSkill(session(member), "welding")).toBe(false);
    expect((await listOwnSkills(session(member), "en")).map((s) => s.code)).toEqual(["civil_engineering"]);
  });

  it("refuses an unknown skill code beside the field, nothing changed", async () => {
    const before = await listOwnSkills(session(member), "en");
    expect(memberSkillSchema.safeParse({ skill: "underwater_basket_weaving", level: "basic", years: "1" }).error?.issues[0]).toMatchObject({
      path: ["skill"],
      message: "skills:validation.skillUnknown",
    });
    // Past the form (a stale list of codes), the database refuses it, beside the same field.
    await expect(saveOwnSkill(session(member), { skill: "underwater_basket_weaving", level: "basic", years: 1 })).rejects.toMatchObject({
      field: "skill",
      messageKey: "skills:validation.skillUnknown",
      status: 400,
    });
    expect(await listOwnSkills(session(member), "en")).toEqual(before);
  });

  it("refuses a level or years out of range in the form and in the database", async () => {
    expect(memberSkillSchema.safeParse({ skill: "welding", level: "guru", years: "1" }).success).toBe(false);
    expect(memberSkillSchema.safeParse({ skill: "welding", level: "basic", years: "61" }).success).toBe(false);
    expect(memberSkillSchema.safeParse({ skill: "welding", level: "basic", years: "-1" }).success).toBe(false);
    expect(memberSkillSchema.safeParse({ skill: "Welding!", level: "basic", years: "1" }).success).toBe(false);
    await expect(saveOwnSkill(session(member), { skill: "welding", level: "basic", years: 61 })).rejects.toMatchObject({ field: "years" });
    await expect(saveOwnSkill(session(member), { skill: "welding", level: "guru" as "basic", years: 1 })).rejects.toMatchObject({ field: "level" });
    const direct = (years: number) =>
      db().client.withRls(member.claims, (tx) => tx.execute(sql`insert into member_skills (profile_id, skill_code, level, years) values (${member.id}::uuid, 'plumbing', 'basic', ${years})`));
    expect(await databaseError(direct(-1))).toMatch(/member_skills_years_range/);
    expect(await databaseError(direct(61))).toMatch(/member_skills_years_range/);
    expect((await listOwnSkills(session(member), "en")).map((s) => s.code)).toEqual(["civil_engineering"]);
  });

  it("cannot read, add, change or remove someone else's skills", async () => {
    await saveOwnSkill(session(other), input({ skill: "nursing", level: "advanced", years: "5" }));
    const asMember = (query: ReturnType<typeof sql>) => db().client.withRls(member.claims, (tx) => tx.execute(query));
    expect(await asMember(sql`select * from member_skills where profile_id = ${other.id}::uuid`)).toHaveLength(0);
    expect(await databaseError(asMember(sql`insert into member_skills (profile_id, skill_code, level, years) values (${other.id}::uuid, 'welding', 'basic', 1)`))).toMatch(
      /row-level security/,
    );
    expect((await asMember(sql`update member_skills set years = 40 where profile_id = ${other.id}::uuid`)).count).toBe(0);
    expect((await asMember(sql`delete from member_skills where profile_id = ${other.id}::uuid`)).count).toBe(0);
    // Nor move their own row to someone else.
    expect(await databaseError(asMember(sql`update member_skills set profile_id = ${other.id}::uuid where profile_id = ${member.id}::uuid`))).toMatch(/permission denied/);
    expect(await listOwnSkills(session(other), "en")).toEqual([expect.objectContaining({ code: "nursing", years: 5 })]);
  });

  it("is in the data export and goes with the account", async () => {
    const exported = await exportAccount(session(other));
    expect(exported.skills).toEqual([expect.objectContaining({ skill_code: "nursing", level: "advanced", years: 5 })]);
    await db().client.sql`delete from auth.users where id = ${other.id}`;
    expect(await db().client.sql`select 1 from member_skills where profile_id = ${other.id}`).toHaveLength(0);
  });
});

describe("what others see of a member's skills", () => {
  let lgu: { id: string; placeId: string };
  let staff: User;
  let outsider: User;
  const people: Record<"public" | "lgu_aggregate" | "private", User> = {} as never;

  async function member(visibility: "public" | "lgu_aggregate" | "private", skills: string[], hometown = true) {
    const user = await createUser(db().url);
    await db().client.sql`update profiles set engagement_visibility = ${visibility} where id = ${user.id}`;
    if (hometown) await db().client.sql`insert into profile_hometowns (profile_id, place_id) values (${user.id}, ${lgu.placeId})`;
    for (const skill of skills) await saveOwnSkill(session(user), input({ skill, level: "intermediate", years: "3" }));
    return user;
  }

  beforeAll(async () => {
    staff = await createUser(db().url);
    outsider = await createUser(db().url);
    lgu = await createLgu(db().url, { createdBy: staff.id, verificationStatus: "verified" });
    // Civil engineering: 3 public + 2 aggregate = 5 counted (shown); 2 private not counted.
    // Nursing: 4 aggregate (under 5: hidden). Welding: 5 from elsewhere (not this LGU's).
    people.public = await member("public", ["civil_engineering", "nursing"]);
    for (let i = 0; i < 2; i++) await member("public", ["civil_engineering"]);
    people.lgu_aggregate = await member("lgu_aggregate", ["civil_engineering", "nursing"]);
    await member("lgu_aggregate", ["civil_engineering", "nursing"]);
    await member("lgu_aggregate", ["nursing"]);
    people.private = await member("private", ["civil_engineering", "welding"]);
    await member("private", ["civil_engineering"]);
    for (let i = 0; i < 5; i++) await member("public", ["welding"], false);
  });

  it("shows a public member's skills to anyone, nothing of the others", async () => {
    expect((await visibleSkillsOf(null, people.public.id, "en")).map((s) => s.code)).toEqual(["civil_engineering", "nursing"]);
    expect(await visibleSkillsOf(outsider.claims, people.lgu_aggregate.id, "en")).toEqual([]);
    expect(await visibleSkillsOf(outsider.claims, people.private.id, "en")).toEqual([]);
    // The view leaves the private note out even for public members.
    const columns = await db().client.sql<{ column_name: string }[]>`
      select column_name from information_schema.columns where table_name = 'public_member_skills' order by ordinal_position`;
    expect(columns.map((c) => c.column_name)).toEqual(["profile_id", "skill_code", "level", "years"]);
  });

  it("stops showing them when the member makes engagement private", async () => {
    const user = await member("public", ["plumbing"], false);
    expect(await visibleSkillsOf(null, user.id, "en")).toHaveLength(1);
    await db().client.withRls(user.claims, (tx) => tx.execute(sql`update profiles set engagement_visibility = 'private' where id = ${user.id}::uuid`));
    expect(await visibleSkillsOf(null, user.id, "en")).toEqual([]);
  });

  it("gives the hometown LGU's staff counts of 5 or more, from people who share them", async () => {
    expect(await diasporaSkills(session(staff), lgu.id, "en")).toEqual([{ code: "civil_engineering", label: "Civil engineering", members: 5 }]);
  });

  it("refuses the counts to anyone not on the LGU's staff", async () => {
    expect(await databaseError(diasporaSkills(session(outsider), lgu.id, "en"))).toMatch(/only staff of this LGU/);
    expect(await databaseError(db().client.withRls(null, (tx) => tx.execute(sql`select * from lgu_diaspora_skills(${lgu.id}::uuid)`)))).toMatch(/permission denied/);
    const editor = await createUser(db().url);
    await addLguRole(db().url, lgu.id, editor.id, "editor");
    expect(await diasporaSkills(session(editor), lgu.id, "en")).toHaveLength(1);
  });
});

describe("project needs and the taxonomy", () => {
  it("accepts any taxonomy code and refuses an unknown one", async () => {
    const admin = await createUser(db().url);
    const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
    const project = await createProject(db().url, lgu.id);
    const need = (skill: string) => db().client.sql`
      insert into project_needs (project_id, kind, description, skill, quantity) values (${project.id}, 'skill', ${JSON.stringify({ en: "Engineers" })}::jsonb, ${skill}, 2)`;
    expect(await databaseError(need("civil_engineering"))).toBe("");
    expect(await databaseError(need("isco08_214"))).toBe("");
    expect(await databaseError(need("rocket_surgery"))).toMatch(/project_needs_skill_skills_code_fk/);
  });
});
