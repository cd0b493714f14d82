import { beforeAll, describe, expect, it } from "vitest";
import { setDbClient } from "../../app/db/client.server";
import { createDraft, moveProject, toMajorUnits, toMinorUnits, updateProject } from "../../app/modules/projects/editing.server";
import { projectFormSchema, spendingSchema, type ProjectFormInput } from "../../app/modules/projects/schema";
import { renderDescription } from "../../app/modules/projects/rich-text.server";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";

const db = setupTestDatabase();

const input = (overrides: Record<string, unknown> = {}): ProjectFormInput =>
  projectFormSchema.parse({ textLanguage: "fil", title: "Pagbuhay muli sa Ilog", sector: "environment", goal: "1,500,000.50", currency: "PHP", ...overrides });

describe("money in the editor's form", () => {
  it("turns typed amounts into integer minor units and back, by the currency's digits", () => {
    expect(toMinorUnits("1500000.50", "PHP")).toBe(150_000_050);
    expect(toMinorUnits("1500000", "JPY")).toBe(1_500_000);
    expect(toMajorUnits(150_000_050, "PHP")).toBe("1500000.50");
    expect(toMajorUnits(5, "PHP")).toBe("0.05");
    expect(() => toMinorUnits("0", "PHP")).toThrow(expect.objectContaining({ messageKey: "projects:validation.goalPositive" }));
    expect(() => toMinorUnits("10.5", "JPY")).toThrow(expect.objectContaining({ messageKey: "projects:validation.goalDigits" }));
    // Any other amount is reported beside its own field, in an amount's words.
    expect(() => toMinorUnits("1.234", "PHP", "amount")).toThrow(
      expect.objectContaining({ field: "amount", messageKey: "projects:planEditor.validation.amountDigits" }),
    );
  });

  it("refuses dates that do not exist instead of rolling them over", () => {
    const base = { textLanguage: "en", title: "Dates", sector: "health", goal: "10", currency: "USD" };
    const feb30 = projectFormSchema.safeParse({ ...base, startsOn: "2027-02-30" });
    expect(feb30.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["startsOn", "projects:validation.date"]]);
    expect(projectFormSchema.safeParse({ ...base, startsOn: "2028-02-29" }).success).toBe(true);
    const spent = spendingSchema.safeParse({ amount: "10", spentOn: "2026-02-29", payee: "Acme", category: "materials" });
    expect(spent.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["spentOn", "projects:validation.date"]]);
  });

  it("refuses bad input with translation keys", () => {
    const bad = projectFormSchema.safeParse({ textLanguage: "fil", title: "x", sector: "mining", goal: "-5", currency: "php", startsOn: "2027-05-01", endsOn: "2027-04-01" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toMatchObject({
      title: "projects:validation.titleRequired",
      sector: "projects:validation.choice",
      goal: "projects:validation.goalPositive",
      currency: "projects:validation.choice",
    });
    const dates = projectFormSchema.safeParse({ textLanguage: "en", title: "Dates", sector: "health", goal: "10", currency: "USD", startsOn: "2027-05-01", endsOn: "2027-04-01" });
    expect(dates.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["endsOn", "projects:validation.endBeforeStart"]]);
  });
});

describe("the editor's workflow", () => {
  let admin: Awaited<ReturnType<typeof createUser>>;
  let editor: Awaited<ReturnType<typeof createUser>>;
  let otherEditor: Awaited<ReturnType<typeof createUser>>;
  let verified: { id: string };
  let unverified: { id: string };
  beforeAll(async () => {
    setDbClient(db().client);
    admin = await createUser(db().url);
    editor = await createUser(db().url);
    otherEditor = await createUser(db().url);
    verified = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
    unverified = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "pending" });
    await addLguRole(db().url, verified.id, editor.id, "editor");
    await addLguRole(db().url, unverified.id, editor.id, "editor");
    const elsewhere = await createLgu(db().url, { createdBy: otherEditor.id, verificationStatus: "verified" });
    await addLguRole(db().url, elsewhere.id, otherEditor.id, "editor");
  });

  it("editor drafts and submits; admin approves; the project becomes public with its texts merged", async () => {
    const { slug } = await createDraft(editor.claims, verified.id, input());
    expect(slug).toBe("pagbuhay-muli-sa-ilog");
    await updateProject(editor.claims, verified.id, slug, input({ textLanguage: "en", title: "Reviving the river", goal: "2000000" }));
    await moveProject(editor.claims, verified.id, slug, "review");
    await expect(moveProject(editor.claims, verified.id, slug, "fundraising")).rejects.toMatchObject({ messageKey: "projects:errors.notAllowed", status: 403 });
    await moveProject(admin.claims, verified.id, slug, "fundraising");
    const [row] = await db().client.sql`select title, goal_minor, status, published_at from projects where slug = ${slug}`;
    expect(row).toMatchObject({ title: { fil: "Pagbuhay muli sa Ilog", en: "Reviving the river" }, goal_minor: "200000000", status: "fundraising" });
    expect(row!.published_at).not.toBeNull();
    const visible = await db().client.withRls(null, (tx) => tx.execute(`select 1 from projects where slug = '${slug}'`));
    expect(visible).toHaveLength(1);
  });

  it("an unverified LGU cannot open fundraising, even by its admin", async () => {
    const { slug } = await createDraft(editor.claims, unverified.id, input({ title: "Unverified town project" }));
    await moveProject(editor.claims, unverified.id, slug, "review");
    await expect(moveProject(admin.claims, unverified.id, slug, "fundraising")).rejects.toMatchObject({ messageKey: "projects:errors.lguNotVerified" });
    const [row] = await db().client.sql`select status from projects where slug = ${slug}`;
    expect(row?.status).toBe("review");
  });

  it("an editor of another LGU can neither create there nor change its projects", async () => {
    await expect(createDraft(otherEditor.claims, verified.id, input({ title: "Intruder" }))).rejects.toMatchObject({ status: 403 });
    // The project is public, so they can read it — but RLS lets no row of it be updated.
    await expect(updateProject(otherEditor.claims, verified.id, "pagbuhay-muli-sa-ilog", input({ title: "Hijacked" }))).rejects.toMatchObject({ status: 403 });
    const [row] = await db().client.sql`select title from projects where slug = 'pagbuhay-muli-sa-ilog'`;
    expect(row?.title).toMatchObject({ fil: "Pagbuhay muli sa Ilog" });
  });

  it("cancelling needs a reason; a cancelled project is closed", async () => {
    const { slug } = await createDraft(editor.claims, verified.id, input({ title: "Short-lived" }));
    await expect(moveProject(admin.claims, verified.id, slug, "cancelled", "")).rejects.toMatchObject({ messageKey: "projects:validation.reasonRequired" });
    await moveProject(admin.claims, verified.id, slug, "cancelled", "The province funded it instead.");
    await expect(updateProject(editor.claims, verified.id, slug, input({ title: "Revived" }))).rejects.toMatchObject({ messageKey: "projects:errors.closed" });
    await expect(moveProject(admin.claims, verified.id, slug, "draft")).rejects.toMatchObject({ messageKey: "projects:errors.closed" });
  });

  it("a description with a script tag is stored as written, and the page shows it through the sanitizer", async () => {
    const { slug } = await createDraft(editor.claims, verified.id, input({ title: "Safe text", description: '<script>alert("x")</script> Hello *there*' }));
    const [row] = await db().client.sql`select description from projects where slug = ${slug}`;
    expect(row?.description).toEqual({ fil: '<script>alert("x")</script> Hello *there*' });
    // A line that starts with <script> is an HTML block in Markdown: the script goes, the words stay.
    expect(renderDescription(row!.description.fil)).toBe(" Hello *there*");
  });
});

describe("budget lines and spending reports", () => {
  it("editors add lines, treasurers report spending against them, and a line with spending stays", async () => {
    const { addBudgetLine, listLedger, removeBudgetLine, reportSpending } = await import("../../app/modules/projects/ledger.server");
    const admin = await createUser(db().url);
    const editor = await createUser(db().url);
    const treasurer = await createUser(db().url);
    const lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
    await addLguRole(db().url, lgu.id, editor.id, "editor");
    await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
    const { slug } = await createDraft(editor.claims, lgu.id, input({ title: "Ledger test" }));
    await addBudgetLine(editor.claims, lgu.id, slug, { language: "en", label: "Materials", amount: "1000.50" });
    await expect(addBudgetLine(treasurer.claims, lgu.id, slug, { language: "en", label: "Sneaky", amount: "5" })).rejects.toMatchObject({ status: 403 });
    const [project] = await db().client.sql<{ id: string }[]>`select id from projects where slug = ${slug}`;
    const { lines } = await listLedger(editor.claims, project!.id);
    expect(lines.map((l) => [l.label, l.amountMinor])).toEqual([[{ en: "Materials" }, 100_050]]);

    await expect(
      reportSpending(editor.claims, lgu.id, slug, { amount: "100", spentOn: "2026-11-01", payee: "Hardware Co.", category: "materials", budgetLineId: lines[0]!.id }),
    ).rejects.toMatchObject({ status: 403 });
    await reportSpending(treasurer.claims, lgu.id, slug, { amount: "400.25", spentOn: "2026-11-01", payee: "Hardware Co.", category: "materials", budgetLineId: lines[0]!.id });
    const { spending } = await listLedger(treasurer.claims, project!.id);
    expect(spending.map((s) => [s.amountMinor, s.reportedBy])).toEqual([[40_025, treasurer.id]]);
    const audit = await db().client.sql`select actor_id, lgu_id from audit_log where subject_table = 'spending_reports'`;
    expect(audit).toEqual([{ actor_id: treasurer.id, lgu_id: lgu.id }]);

    await expect(removeBudgetLine(editor.claims, lgu.id, slug, lines[0]!.id)).rejects.toMatchObject({ messageKey: "projects:errors.lineHasSpending" });
  });
});
