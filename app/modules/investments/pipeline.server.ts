/**
 * The investment officers' lead pipeline: an LGU's leads (list and board by stage, filters,
 * overdue next actions), one lead with its history, messages, the investor's contact details when
 * they consented (only through public.investment_lead_contacts), and its case (phase, tasks,
 * documents, the linked permit application); the staff actions; the CSV export. Reads under the
 * officer's RLS; every action is a database function that checks role and stage and writes history
 * and audit (supabase/migrations/*_investments_rules.sql).
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { getEmailPort, getStoragePort } from "~/adapters/index.server";
import type { StoragePort } from "~/adapters/storage/port";
import { asService, withRls, type JwtClaims, type Tx } from "~/db/client.server";
import {
  investmentCaseDocuments,
  investmentCases,
  investmentCaseTasks,
  investmentInterests,
  investmentLeadEvents,
  investmentMessages,
  investmentOpportunities,
  lguMemberships,
  permitApplications,
  type LocalizedText,
} from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { csvDocument } from "~/modules/files/csv";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import { checkPermitDocument, DEFAULT_MAX_DOCUMENT_BYTES } from "~/modules/permits/documents.server";
import { toMajorUnits } from "~/modules/projects/editing.server";
import { investmentProblem } from "./errors.server";
import type { LeadAction } from "./schema";
import { leadStages, type LeadStage } from "./vocabulary";

export interface LeadFilters {
  stage?: LeadStage;
  assigned?: "me" | "nobody";
  overdue?: boolean;
}

/** Whether a lead's next action is late: its date is before today (UTC) and the lead is not finished. */
const overdueSql = sql<boolean>`(${investmentInterests.nextActionOn} < (now() at time zone 'utc')::date and ${investmentInterests.stage} not in ('registered', 'declined'))`;

/** The staff who may be assigned a lead: the LGU's admins and investment officers, with their names. */
export async function investmentStaffOf(tx: Tx, lguId: string) {
  const members = await tx
    .selectDistinct({ id: lguMemberships.userId })
    .from(lguMemberships)
    .where(and(eq(lguMemberships.lguId, lguId), inArray(lguMemberships.role, ["admin", "investment_officer"])));
  const ids = members.map((m) => m.id);
  if (ids.length === 0) return [];
  const names = await tx.execute<{ id: string; display_name: string }>(sql`select * from public.visible_display_names(${sql`array[${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}]`})`);
  return ids.map((id) => ({ id, name: names.find((n) => n.id === id)?.display_name ?? "—" })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The LGU's leads (newest first within a stage when listed), with overdue markers and the assignee's name. */
export async function leadsOf(claims: JwtClaims, lguId: string, filters: LeadFilters, language: string) {
  return withRls(claims, async (tx) => {
    const conditions: SQL[] = [eq(investmentInterests.lguId, lguId)];
    if (filters.stage) conditions.push(eq(investmentInterests.stage, filters.stage));
    if (filters.assigned === "me") conditions.push(eq(investmentInterests.assignedTo, claims.sub));
    if (filters.assigned === "nobody") conditions.push(sql`${investmentInterests.assignedTo} is null`);
    if (filters.overdue) conditions.push(overdueSql);
    const rows = await tx
      .select({
        id: investmentInterests.id,
        displayName: investmentInterests.displayName,
        country: investmentInterests.countryOfResidence,
        stage: investmentInterests.stage,
        role: investmentInterests.role,
        amountMinMinor: investmentInterests.amountMinMinor,
        amountMaxMinor: investmentInterests.amountMaxMinor,
        currency: investmentInterests.currency,
        timeline: investmentInterests.timeline,
        consent: investmentInterests.consentToContact,
        assignedTo: investmentInterests.assignedTo,
        nextAction: investmentInterests.nextAction,
        nextActionOn: investmentInterests.nextActionOn,
        overdue: overdueSql,
        createdAt: investmentInterests.createdAt,
        stageChangedAt: investmentInterests.stageChangedAt,
        opportunityTitle: investmentOpportunities.title,
        opportunitySlug: investmentOpportunities.slug,
      })
      .from(investmentInterests)
      .innerJoin(investmentOpportunities, eq(investmentOpportunities.id, investmentInterests.opportunityId))
      .where(and(...conditions))
      .orderBy(desc(overdueSql), sql`${investmentInterests.nextActionOn} asc nulls last`, desc(investmentInterests.createdAt))
      .limit(500);
    const staff = await investmentStaffOf(tx, lguId);
    const counts = await tx
      .select({ stage: investmentInterests.stage, n: sql<number>`count(*)::integer`.mapWith(Number) })
      .from(investmentInterests)
      .where(eq(investmentInterests.lguId, lguId))
      .groupBy(investmentInterests.stage);
    return {
      leads: rows.map((r) => ({
        ...r,
        opportunityTitle: localized(r.opportunityTitle, language),
        assigneeName: r.assignedTo ? (staff.find((s) => s.id === r.assignedTo)?.name ?? null) : null,
      })),
      staff,
      counts: Object.fromEntries(leadStages.map((s) => [s, counts.find((c) => c.stage === s)?.n ?? 0])) as Record<LeadStage, number>,
    };
  });
}

/** The consenting investors' contact details for the LGU, by lead id (empty for anyone but its investment staff: the function refuses them). */
async function contactsOf(tx: Tx, lguId: string) {
  const rows = await tx.execute<{ interest_id: string; email: string | null; phone: string | null }>(sql`select * from public.investment_lead_contacts(${lguId}::uuid)`);
  return new Map(rows.map((r) => [r.interest_id, { email: r.email, phone: r.phone }]));
}

/** One lead of the LGU as its investment staff work on it, or null. */
export async function leadView(claims: JwtClaims, lguId: string, id: string, language: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  return withRls(claims, async (tx) => {
    const [row] = await tx
      .select({ lead: investmentInterests, overdue: overdueSql, title: investmentOpportunities.title, slug: investmentOpportunities.slug })
      .from(investmentInterests)
      .innerJoin(investmentOpportunities, eq(investmentOpportunities.id, investmentInterests.opportunityId))
      .where(and(eq(investmentInterests.id, id), eq(investmentInterests.lguId, lguId)));
    if (!row) return null;
    const contact = row.lead.consentToContact ? ((await contactsOf(tx, lguId)).get(id) ?? null) : null;
    const events = await tx
      .select({ id: investmentLeadEvents.id, kind: investmentLeadEvents.kind, fromStage: investmentLeadEvents.fromStage, toStage: investmentLeadEvents.toStage, note: investmentLeadEvents.note, actorId: investmentLeadEvents.actorId, occurredAt: investmentLeadEvents.occurredAt })
      .from(investmentLeadEvents)
      .where(eq(investmentLeadEvents.interestId, id))
      .orderBy(desc(investmentLeadEvents.id));
    const messages = await tx
      .select({ id: investmentMessages.id, fromStaff: investmentMessages.fromStaff, body: investmentMessages.body, createdAt: investmentMessages.createdAt })
      .from(investmentMessages)
      .where(eq(investmentMessages.interestId, id))
      .orderBy(asc(investmentMessages.createdAt));
    const [caseRow] = await tx
      .select({ id: investmentCases.id, phase: investmentCases.phase, openedAt: investmentCases.openedAt, permitApplicationId: investmentCases.permitApplicationId })
      .from(investmentCases)
      .where(eq(investmentCases.interestId, id));
    let caseFile = null;
    if (caseRow) {
      const tasks = await tx.select().from(investmentCaseTasks).where(eq(investmentCaseTasks.caseId, caseRow.id)).orderBy(asc(investmentCaseTasks.createdAt));
      const documents = await tx
        .select({ id: investmentCaseDocuments.id, fileName: investmentCaseDocuments.fileName, uploadedAt: investmentCaseDocuments.uploadedAt })
        .from(investmentCaseDocuments)
        .where(eq(investmentCaseDocuments.caseId, caseRow.id))
        .orderBy(asc(investmentCaseDocuments.uploadedAt));
      // The officer's RLS on permit applications: the LGU's admins and permits officers see them;
      // an investment officer sees the reference the case holds even without that role.
      const [application] = caseRow.permitApplicationId
        ? await tx
            .select({ reference: permitApplications.reference, status: permitApplications.status, businessName: permitApplications.businessName, applicantId: permitApplications.applicantId })
            .from(permitApplications)
            .where(eq(permitApplications.id, caseRow.permitApplicationId))
        : [];
      const [linked] = caseRow.permitApplicationId
        ? await tx.execute<{ note: string | null }>(sql`select note from public.investment_lead_events where interest_id = ${id}::uuid and kind = 'permit' order by id desc limit 1`)
        : [];
      caseFile = {
        ...caseRow,
        tasks,
        documents,
        permit: caseRow.permitApplicationId
          ? { id: caseRow.permitApplicationId, reference: application?.reference ?? linked?.note ?? null, status: application?.status ?? null, businessName: application?.businessName ?? null, byInvestor: application ? application.applicantId === row.lead.memberId : null }
          : null,
      };
    }
    const staff = await investmentStaffOf(tx, lguId);
    const nameOf = (userId: string | null) => (userId ? (staff.find((s) => s.id === userId)?.name ?? null) : null);
    return {
      ...row.lead,
      overdue: row.overdue,
      opportunityTitle: localized(row.title, language),
      opportunitySlug: row.slug,
      contact,
      events: events.map((e) => ({ ...e, actorName: nameOf(e.actorId) })),
      messages,
      caseFile,
      staff,
      assigneeName: nameOf(row.lead.assignedTo),
    };
  });
}

/**
 * Emails the member the LGU's reply on their expression of interest, in their language, with a link
 * to read and answer it on /me/invest. Their address is read here with the service role and never
 * reaches the LGU; a member who left (no account) gets nothing.
 */
async function emailReplyToMember(leadId: string, body: string, siteUrl: string) {
  const [row] = await asService((tx) =>
    tx.execute<{ email: string | null; locale: string | null; lgu_name: string; title: LocalizedText }>(sql`
      select u.email, p.preferred_locale as locale, l.name as lgu_name, o.title
      from public.investment_interests i
      join auth.users u on u.id = i.member_id
      join public.lgus l on l.id = i.lgu_id
      join public.investment_opportunities o on o.id = i.opportunity_id
      left join public.profiles p on p.id = i.member_id
      where i.id = ${leadId}::uuid`),
  );
  if (!row?.email) return;
  const locale = languageOrFallback(row.locale);
  const t = await i18nServer.getFixedT(locale, "invest");
  const values = { lgu: row.lgu_name, title: localized(row.title, locale)?.text ?? "" };
  await getEmailPort().send({
    to: row.email,
    subject: t("emails.reply.subject", values),
    text: [t("emails.reply.intro", values), "", body.trim(), "", t("emails.reply.answer"), `${siteUrl}/me/invest/${leadId}`].join("\n"),
    template: "investment-reply",
  });
}

/**
 * One staff action on a lead or its case; refusals come back as FormProblems with translated
 * messages. A reply is emailed to the member inside the same transaction, so a reply that could not
 * be emailed is not kept either and can be sent again.
 */
export async function actOnLead(claims: JwtClaims, lguId: string, leadId: string, action: LeadAction, siteUrl: string) {
  await withRls(claims, async (tx) => {
    const caseId = async () => {
      const [found] = await tx.select({ id: investmentCases.id }).from(investmentCases).where(and(eq(investmentCases.interestId, leadId), eq(investmentCases.lguId, lguId)));
      if (!found) throw new FormProblem("", "invest:errors.noCase", 409);
      return found.id;
    };
    switch (action.intent) {
      case "move":
        return tx.execute(sql`select public.move_investment_lead(${leadId}::uuid, ${action.stage}::public.investment_lead_stage, ${action.note})`);
      case "assign":
        return tx.execute(sql`select public.assign_investment_lead(${leadId}::uuid, ${action.officer ?? null}::uuid)`);
      case "plan":
        return tx.execute(sql`select public.plan_investment_lead(${leadId}::uuid, ${action.nextAction}, ${action.nextActionOn ?? null}::date)`);
      case "note":
        return tx.execute(sql`select public.note_investment_lead(${leadId}::uuid, ${action.note})`);
      case "reply": {
        const [written] = await tx.execute<{ id: string }>(sql`select public.write_investment_message(${leadId}::uuid, ${action.body}) as id`);
        // Staff who are also the lead's member write as the member: nobody to email then.
        const [message] = await tx.select({ fromStaff: investmentMessages.fromStaff }).from(investmentMessages).where(eq(investmentMessages.id, written!.id));
        if (message?.fromStaff) await emailReplyToMember(leadId, action.body, siteUrl);
        return;
      }
      case "phase":
        return tx.execute(sql`select public.set_investment_case_phase(${await caseId()}::uuid, ${action.phase}::public.investment_case_phase)`);
      case "linkPermit":
        return tx.execute(sql`select public.link_investment_case_permit(${await caseId()}::uuid, ${action.reference})`);
      case "task": {
        const id = await caseId();
        const [current] = await tx.select({ phase: investmentCases.phase }).from(investmentCases).where(eq(investmentCases.id, id));
        return tx.insert(investmentCaseTasks).values({ caseId: id, lguId, phase: current!.phase, title: action.title, dueOn: action.dueOn ?? null, createdBy: claims.sub });
      }
      case "taskDone": {
        const done = await tx
          .update(investmentCaseTasks)
          .set({ doneAt: new Date() })
          .where(and(eq(investmentCaseTasks.id, action.task), eq(investmentCaseTasks.caseId, await caseId()), sql`${investmentCaseTasks.doneAt} is null`))
          .returning({ id: investmentCaseTasks.id });
        if (done.length === 0) throw new FormProblem("", "invest:errors.taskDone", 409);
        return;
      }
    }
  }).catch((error: unknown) => {
    if (error instanceof FormProblem) throw error;
    const failure = databaseFailure(error);
    if (failure?.code === "22007" || failure?.code === "22008") throw new FormProblem(action.intent === "task" ? "dueOn" : "nextActionOn", "invest:validation.date", 400);
    if (failure?.code === "42501" && !failure.hint) throw new FormProblem("", "invest:errors.notStaff", 403);
    investmentProblem(error);
  });
}

/** Attaches a document to a lead's case (PDF, JPEG or PNG by its bytes). */
export async function addCaseDocument(claims: JwtClaims, lguId: string, leadId: string, file: { name: string; bytes: Uint8Array }, storage: StoragePort = getStoragePort()) {
  const [found] = await withRls(claims, (tx) =>
    tx.select({ id: investmentCases.id }).from(investmentCases).where(and(eq(investmentCases.interestId, leadId), eq(investmentCases.lguId, lguId))),
  );
  if (!found) throw new FormProblem("", "invest:errors.noCase", 409);
  const checked = await checkPermitDocument(file, { maxBytes: DEFAULT_MAX_DOCUMENT_BYTES });
  if (!checked.ok) throw new FormProblem("document", `services:${checked.code}`);
  const key = `investment-cases/${found.id}/${crypto.randomUUID()}/${checked.filename}`;
  await storage.put(key, file.bytes, checked.type.contentType);
  try {
    await withRls(claims, (tx) =>
      tx.insert(investmentCaseDocuments).values({ caseId: found.id, lguId, storageKey: key, fileName: checked.filename, contentType: checked.type.contentType, sizeBytes: checked.size, uploadedBy: claims.sub }),
    );
  } catch (error) {
    await storage.remove(key).catch(() => undefined);
    if (databaseFailure(error)?.code === "42501") throw new FormProblem("", "invest:errors.notStaff", 403);
    throw error;
  }
}

/** A case document's bytes for the LGU's investment staff (RLS), or null. */
export async function caseDocumentFile(claims: JwtClaims, lguId: string, documentId: string, storage: StoragePort = getStoragePort()) {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return null;
  const [doc] = await withRls(claims, (tx) =>
    tx
      .select({ key: investmentCaseDocuments.storageKey, type: investmentCaseDocuments.contentType, name: investmentCaseDocuments.fileName })
      .from(investmentCaseDocuments)
      .where(and(eq(investmentCaseDocuments.id, documentId), eq(investmentCaseDocuments.lguId, lguId))),
  );
  if (!doc) return null;
  const stored = await storage.get(doc.key);
  return stored ? { bytes: stored.body, type: doc.type, name: doc.name } : null;
}

/**
 * The LGU's leads as CSV for a spreadsheet: one line per lead, amounts in major units, and the
 * investor's email and phone only where they consented (through the same function as the page).
 */
export const LEADS_CSV_HEADER = [
  "id", "created_at", "opportunity", "investor", "country", "role", "amount_min", "amount_max", "currency", "timeline",
  "stage", "assigned_to", "next_action", "next_action_on", "overdue", "email", "phone",
] as const;

export async function leadsCsv(claims: JwtClaims, lguId: string, language: string) {
  const { leads } = await leadsOf(claims, lguId, {}, language);
  const contacts = await withRls(claims, (tx) => contactsOf(tx, lguId));
  return csvDocument(
    LEADS_CSV_HEADER,
    leads.map((l) => [
      l.id,
      l.createdAt.toISOString(),
      l.opportunityTitle?.text ?? "",
      l.displayName,
      l.country ?? "",
      l.role,
      { computed: toMajorUnits(l.amountMinMinor, l.currency) },
      { computed: toMajorUnits(l.amountMaxMinor, l.currency) },
      l.currency,
      l.timeline,
      l.stage,
      l.assigneeName ?? "",
      l.nextAction ?? "",
      l.nextActionOn ?? "",
      l.overdue ? "yes" : "no",
      contacts.get(l.id)?.email ?? "",
      contacts.get(l.id)?.phone ?? "",
    ]),
  );
}
