/**
 * A member's "planning my return" checklists: started from a guide's administrative-steps topic
 * (national or an LGU's), whose list items are copied in the member's language; the member ticks
 * steps, writes notes, adds and removes their own lines. Private: every query runs under the
 * member's RLS, which shows and changes only their own rows.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { withRls, type JwtClaims } from "~/db/client.server";
import { lgus, returnChecklistItems, returnChecklists } from "~/db/schema";
import { FormProblem } from "~/modules/organisations/errors.server";
import { stepsTopicText } from "./guide.server";
import { stepsFromMarkdown } from "./steps";

/** How many lines one checklist may hold (the guide's steps and the member's own). */
export const MAX_ITEMS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Starts the member's checklist from a steps topic, or finds the one they already started from it.
 * Returns its id; a FormProblem when the topic is not a steps topic the member can read, or has no steps.
 */
export async function startChecklist(claims: JwtClaims, topicId: string, language: string): Promise<string> {
  if (!UUID.test(topicId)) throw new FormProblem("", "returnGuide:errors.noSteps", 404);
  return withRls(claims, async (tx) => {
    const [existing] = await tx
      .select({ id: returnChecklists.id })
      .from(returnChecklists)
      .where(and(eq(returnChecklists.userId, claims.sub), eq(returnChecklists.sourceTopicId, topicId)));
    if (existing) return existing.id;
    const topic = await stepsTopicText(tx, topicId, language);
    const steps = topic?.text ? stepsFromMarkdown(topic.text.text) : [];
    if (!topic || steps.length === 0) throw new FormProblem("", "returnGuide:errors.noSteps", 404);
    const [checklist] = await tx.execute<{ id: string }>(sql`
      insert into public.return_checklists (user_id, source_topic_id, lgu_id) values (${claims.sub}::uuid, ${topic.id}::uuid, ${topic.lguId}::uuid)
      on conflict (user_id, source_topic_id) do nothing returning id`);
    // Two clicks at once: the other one made it.
    if (!checklist) {
      const [made] = await tx.select({ id: returnChecklists.id }).from(returnChecklists).where(and(eq(returnChecklists.userId, claims.sub), eq(returnChecklists.sourceTopicId, topicId)));
      return made!.id;
    }
    const rows = steps.map((label, index) => sql`(${checklist.id}::uuid, ${index + 1}::integer, ${label}, false)`);
    await tx.execute(sql`insert into public.return_checklist_items (checklist_id, position, label, own) values ${sql.join(rows, sql`, `)}`);
    return checklist.id;
  });
}

/** The member's checklists with their progress, newest first. */
export async function myChecklists(claims: JwtClaims) {
  return withRls(claims, (tx) =>
    tx.execute<{ id: string; lgu_name: string | null; lgu_slug: string | null; created_at: string; total: number; done: number }>(sql`
      select c.id, l.name as lgu_name, l.slug as lgu_slug, c.created_at,
        (select count(*)::integer from public.return_checklist_items i where i.checklist_id = c.id) as total,
        (select count(*)::integer from public.return_checklist_items i where i.checklist_id = c.id and i.done_at is not null) as done
      from public.return_checklists c left join public.lgus l on l.id = c.lgu_id
      order by c.created_at desc`),
  ).then((rows) => rows.map((r) => ({ id: r.id, lgu: r.lgu_slug ? { name: r.lgu_name!, slug: r.lgu_slug } : null, createdAt: new Date(r.created_at).toISOString(), total: Number(r.total), done: Number(r.done) })));
}

/** One of the member's checklists with its lines, or null (someone else's is null too: RLS). */
export async function myChecklist(claims: JwtClaims, id: string) {
  if (!UUID.test(id)) return null;
  return withRls(claims, async (tx) => {
    const [checklist] = await tx
      .select({ id: returnChecklists.id, createdAt: returnChecklists.createdAt, lguName: lgus.name, lguSlug: lgus.slug, sourceTopicId: returnChecklists.sourceTopicId })
      .from(returnChecklists)
      .leftJoin(lgus, eq(lgus.id, returnChecklists.lguId))
      .where(eq(returnChecklists.id, id));
    if (!checklist) return null;
    const items = await tx
      .select({ id: returnChecklistItems.id, label: returnChecklistItems.label, own: returnChecklistItems.own, note: returnChecklistItems.note, doneAt: returnChecklistItems.doneAt })
      .from(returnChecklistItems)
      .where(eq(returnChecklistItems.checklistId, id))
      .orderBy(asc(returnChecklistItems.position), asc(returnChecklistItems.createdAt));
    return {
      id: checklist.id,
      createdAt: checklist.createdAt.toISOString(),
      lgu: checklist.lguSlug ? { name: checklist.lguName!, slug: checklist.lguSlug } : null,
      items: items.map((i) => ({ ...i, doneAt: i.doneAt?.toISOString() ?? null })),
      done: items.filter((i) => i.doneAt).length,
    };
  });
}

export type ChecklistChange =
  | { intent: "tick"; item: string; done: boolean }
  | { intent: "note"; item: string; note: string }
  | { intent: "add"; label: string }
  | { intent: "remove"; item: string };

/** One change to the member's checklist; a FormProblem when the line is not theirs (or gone). */
export async function changeChecklist(claims: JwtClaims, checklistId: string, change: ChecklistChange) {
  if (!UUID.test(checklistId) || ("item" in change && !UUID.test(change.item))) throw new FormProblem("", "returnGuide:validation.unreadable");
  const changed = await withRls(claims, async (tx) => {
    switch (change.intent) {
      case "tick":
        return (await tx.execute(sql`update public.return_checklist_items set done_at = ${change.done ? sql`now()` : sql`null`}
          where id = ${change.item}::uuid and checklist_id = ${checklistId}::uuid`)).count;
      case "note":
        return (await tx.execute(sql`update public.return_checklist_items set note = ${change.note.trim() || null}
          where id = ${change.item}::uuid and checklist_id = ${checklistId}::uuid`)).count;
      case "remove":
        return (await tx.execute(sql`delete from public.return_checklist_items where id = ${change.item}::uuid and checklist_id = ${checklistId}::uuid and own`)).count;
      case "add": {
        const [mine] = await tx.select({ id: returnChecklists.id }).from(returnChecklists).where(eq(returnChecklists.id, checklistId));
        if (!mine) return 0;
        const [{ n, last } = { n: 0, last: 0 }] = await tx.execute<{ n: number; last: number }>(sql`
          select count(*)::integer as n, coalesce(max(position), 0)::integer as last from public.return_checklist_items where checklist_id = ${checklistId}::uuid`);
        if (Number(n) >= MAX_ITEMS) throw new FormProblem("label", "returnGuide:errors.tooManyItems", 409);
        return (await tx.execute(sql`insert into public.return_checklist_items (checklist_id, position, label, own)
          values (${checklistId}::uuid, ${Number(last) + 1}::integer, ${change.label}, true)`)).count;
      }
    }
  });
  if (changed === 0) throw new FormProblem("", "returnGuide:errors.itemGone", 404);
}

/** Deletes one of the member's checklists with its lines. */
export async function deleteChecklist(claims: JwtClaims, checklistId: string) {
  if (!UUID.test(checklistId)) return;
  await withRls(claims, (tx) => tx.delete(returnChecklists).where(eq(returnChecklists.id, checklistId)));
}
