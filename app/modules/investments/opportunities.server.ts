/**
 * Investment opportunities: the public list (search, filters, pages) and page, and the investment
 * officers' side (their LGU's opportunities, writing one a language at a time, publishing and
 * closing, documents). Every read and write runs under the caller's RLS: the public sees open and
 * closed opportunities of verified LGUs, staff all of theirs.
 */
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { getStoragePort } from "~/adapters/index.server";
import type { StoragePort } from "~/adapters/storage/port";
import { withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { investmentInterests, investmentOpportunities, investmentOpportunityDocuments, lgus, places, type LocalizedText } from "~/db/schema";
import { localized } from "~/i18n/localized";
import { checkPermitDocument, DEFAULT_MAX_DOCUMENT_BYTES } from "~/modules/permits/documents.server";
import { databaseFailure, FormProblem } from "~/modules/organisations/errors.server";
import { investmentProblem } from "./errors.server";
import type { OpportunityFormInput } from "./schema";
import { investmentSectorInterests, type InvestmentSector } from "./vocabulary";

export const PAGE_SIZE = 12;

export interface OpportunityFilters {
  q?: string;
  sector?: string;
  kind?: string;
  country?: string;
  lgu?: string;
  status?: "open" | "closed";
  page: number;
}

/** The words of an opportunity's title and summary in every language, unaccented, for a plain search. */
const searchable = sql`public.immutable_unaccent(lower(coalesce((select string_agg(t.value, ' ') from (select value from jsonb_each_text(${investmentOpportunities.title})
  union all select value from jsonb_each_text(${investmentOpportunities.summary})) t), '')))`;

/** Open (or closed) opportunities of verified LGUs, newest first, a page at a time. */
export async function listOpportunities(tx: Tx, filters: OpportunityFilters, language: string) {
  const conditions: SQL[] = [eq(investmentOpportunities.status, filters.status ?? "open"), sql`${investmentOpportunities.lguId} in (select app_private.verified_lgu_ids())`];
  if (filters.q) {
    for (const word of filters.q.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6)) {
      conditions.push(sql`${searchable} like '%' || public.immutable_unaccent(${word.replace(/[%_\\]/g, "\\$&")}) || '%'`);
    }
  }
  if (filters.sector) conditions.push(eq(investmentOpportunities.sector, filters.sector));
  if (filters.kind) conditions.push(eq(investmentOpportunities.kind, filters.kind));
  if (filters.lgu) conditions.push(eq(lgus.slug, filters.lgu));
  if (filters.country) conditions.push(eq(places.countryCode, filters.country));
  const where = and(...conditions);
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::integer`.mapWith(Number) })
    .from(investmentOpportunities)
    .innerJoin(lgus, eq(lgus.id, investmentOpportunities.lguId))
    .innerJoin(places, eq(places.id, lgus.placeId))
    .where(where);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page), pages);
  const rows = await tx
    .select({
      slug: investmentOpportunities.slug,
      title: investmentOpportunities.title,
      summary: investmentOpportunities.summary,
      sector: investmentOpportunities.sector,
      kind: investmentOpportunities.kind,
      status: investmentOpportunities.status,
      ticketMinMinor: investmentOpportunities.ticketMinMinor,
      ticketMaxMinor: investmentOpportunities.ticketMaxMinor,
      currency: investmentOpportunities.currency,
      updatedAt: investmentOpportunities.updatedAt,
      lguName: lgus.name,
      lguSlug: lgus.slug,
      countryCode: places.countryCode,
    })
    .from(investmentOpportunities)
    .innerJoin(lgus, eq(lgus.id, investmentOpportunities.lguId))
    .innerJoin(places, eq(places.id, lgus.placeId))
    .where(where)
    .orderBy(desc(investmentOpportunities.publishedAt), asc(investmentOpportunities.slug))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return {
    total,
    page,
    pages,
    opportunities: rows.map((r) => ({ ...r, title: localized(r.title, language), summary: localized(r.summary, language) })),
  };
}

/** One opportunity as its page shows it (RLS: public once published; staff see their drafts), or null. */
export async function opportunityBySlug(claims: JwtClaims | null, slug: string, language: string) {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) || slug.length > 100) return null;
  return withRls(claims, async (tx) => {
    const [row] = await tx
      .select({
        opportunity: investmentOpportunities,
        lguName: lgus.name,
        lguSlug: lgus.slug,
        placeName: places.name,
      })
      .from(investmentOpportunities)
      .innerJoin(lgus, eq(lgus.id, investmentOpportunities.lguId))
      .leftJoin(places, eq(places.id, investmentOpportunities.placeId))
      .where(eq(investmentOpportunities.slug, slug));
    if (!row) return null;
    const o = row.opportunity;
    const documents = await tx
      .select({ id: investmentOpportunityDocuments.id, fileName: investmentOpportunityDocuments.fileName, sizeBytes: investmentOpportunityDocuments.sizeBytes })
      .from(investmentOpportunityDocuments)
      .where(eq(investmentOpportunityDocuments.opportunityId, o.id))
      .orderBy(asc(investmentOpportunityDocuments.uploadedAt));
    const mine = claims
      ? await tx
          .select({ id: investmentInterests.id, stage: investmentInterests.stage })
          .from(investmentInterests)
          .where(and(eq(investmentInterests.opportunityId, o.id), eq(investmentInterests.memberId, claims.sub)))
      : [];
    return {
      ...o,
      titleText: localized(o.title, language),
      summaryText: localized(o.summary, language),
      descriptionText: localized(o.description, language),
      lguName: row.lguName,
      lguSlug: row.lguSlug,
      placeName: row.placeName,
      documents,
      myInterest: mine[0] ?? null,
    };
  });
}

/** The LGU's opportunities as its investment staff manage them, with how many leads each has. */
export async function officeOpportunities(claims: JwtClaims, lguId: string, language: string) {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({
        id: investmentOpportunities.id,
        slug: investmentOpportunities.slug,
        title: investmentOpportunities.title,
        status: investmentOpportunities.status,
        sector: investmentOpportunities.sector,
        updatedAt: investmentOpportunities.updatedAt,
        leads: sql<number>`(select count(*) from public.investment_interests i where i.opportunity_id = public.investment_opportunities.id)::integer`.mapWith(Number),
      })
      .from(investmentOpportunities)
      .where(eq(investmentOpportunities.lguId, lguId))
      .orderBy(desc(investmentOpportunities.updatedAt)),
  );
  return rows.map((r) => ({ ...r, title: localized(r.title, language) }));
}

/** One opportunity of the LGU for its edit form (RLS: staff only see drafts), or null. */
export async function officeOpportunity(claims: JwtClaims, lguId: string, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx.select().from(investmentOpportunities).where(and(eq(investmentOpportunities.id, id), eq(investmentOpportunities.lguId, lguId))),
  );
  return row ?? null;
}

function slugFrom(title: string) {
  const base = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 70)
    .replace(/-+$/g, "");
  return `${base || "opportunity"}-${crypto.randomUUID().slice(0, 6)}`;
}

const withText = (current: LocalizedText, language: string, text: string | null): LocalizedText => {
  const next = { ...current };
  if (text) next[language] = text;
  else delete next[language];
  return next;
};

/**
 * Creates (id null) or changes an opportunity, its texts in `input.textLanguage` (other languages'
 * texts are kept). Returns its id and slug. The ticket range is checked again by the database.
 */
export async function saveOpportunity(claims: JwtClaims, lguId: string, id: string | null, input: OpportunityFormInput, publish = false) {
  const common = {
    sector: input.sector,
    interestSectors: [...investmentSectorInterests[input.sector as InvestmentSector]],
    kind: input.kind,
    location: input.location,
    ticketMinMinor: input.ticketMinMinor,
    ticketMaxMinor: input.ticketMaxMinor,
    currency: input.currency,
    timeline: input.timeline,
    incentives: input.incentives,
    incentivesNote: input.incentivesNote,
    contactOffice: input.contactOffice,
    contactEmail: input.contactEmail ?? null,
  };
  return withRls(claims, async (tx) => {
    if (!id) {
      const [lgu] = await tx.select({ placeId: lgus.placeId }).from(lgus).where(eq(lgus.id, lguId));
      const [row] = await tx
        .insert(investmentOpportunities)
        .values({
          ...common,
          lguId,
          placeId: lgu?.placeId ?? null,
          slug: slugFrom(input.title),
          title: { [input.textLanguage]: input.title },
          summary: input.summary ? { [input.textLanguage]: input.summary } : {},
          description: input.description ? { [input.textLanguage]: input.description } : {},
          status: publish ? "open" : "draft",
          createdBy: claims.sub,
        })
        .returning({ id: investmentOpportunities.id, slug: investmentOpportunities.slug });
      return row!;
    }
    const [current] = await tx.select().from(investmentOpportunities).where(and(eq(investmentOpportunities.id, id), eq(investmentOpportunities.lguId, lguId)));
    if (!current) throw new FormProblem("", "invest:errors.notStaff", 403);
    const [row] = await tx
      .update(investmentOpportunities)
      .set({
        ...common,
        title: withText(current.title, input.textLanguage, input.title),
        summary: withText(current.summary, input.textLanguage, input.summary),
        description: withText(current.description, input.textLanguage, input.description),
      })
      .where(eq(investmentOpportunities.id, id))
      .returning({ id: investmentOpportunities.id, slug: investmentOpportunities.slug });
    if (!row) throw new FormProblem("", "invest:errors.notStaff", 403);
    return row;
  }).catch((error: unknown) => {
    if (error instanceof FormProblem) throw error;
    const failure = databaseFailure(error);
    if (failure?.code === "42501") throw new FormProblem("", "invest:errors.notStaff", 403);
    if (failure?.constraint === "investment_opportunities_ticket") throw new FormProblem("ticketMax", "invest:errors.amountRange", 400);
    investmentProblem(error);
  });
}

/** Publishes, closes or reopens an opportunity (a published one never goes back to draft). */
export async function setOpportunityStatus(claims: JwtClaims, lguId: string, id: string, status: "open" | "closed") {
  const changed = await withRls(claims, (tx) =>
    tx
      .update(investmentOpportunities)
      .set({ status })
      .where(and(eq(investmentOpportunities.id, id), eq(investmentOpportunities.lguId, lguId)))
      .returning({ id: investmentOpportunities.id }),
  ).catch(investmentProblem);
  if (changed.length === 0) throw new FormProblem("", "invest:errors.notStaff", 403);
}

/** Attaches a document (PDF, JPEG or PNG by its bytes, 10 MB at most) to an opportunity. */
export async function addOpportunityDocument(
  claims: JwtClaims,
  lguId: string,
  opportunityId: string,
  file: { name: string; bytes: Uint8Array },
  storage: StoragePort = getStoragePort(),
) {
  const checked = await checkPermitDocument(file, { maxBytes: DEFAULT_MAX_DOCUMENT_BYTES });
  if (!checked.ok) throw new FormProblem("document", `services:${checked.code}`);
  const key = `investments/${opportunityId}/${crypto.randomUUID()}/${checked.filename}`;
  await storage.put(key, file.bytes, checked.type.contentType);
  try {
    await withRls(claims, (tx) =>
      tx.insert(investmentOpportunityDocuments).values({
        opportunityId,
        lguId,
        storageKey: key,
        fileName: checked.filename,
        contentType: checked.type.contentType,
        sizeBytes: checked.size,
        uploadedBy: claims.sub,
      }),
    );
  } catch (error) {
    await storage.remove(key).catch(() => undefined);
    if (databaseFailure(error)?.code === "42501") throw new FormProblem("", "invest:errors.notStaff", 403);
    throw error;
  }
}

/** A document's bytes for whoever may see its opportunity (RLS), or null. */
export async function opportunityDocumentFile(claims: JwtClaims | null, slug: string, documentId: string, storage: StoragePort = getStoragePort()) {
  if (!/^[0-9a-f-]{36}$/i.test(documentId)) return null;
  const [doc] = await withRls(claims, (tx) =>
    tx
      .select({ key: investmentOpportunityDocuments.storageKey, type: investmentOpportunityDocuments.contentType, name: investmentOpportunityDocuments.fileName })
      .from(investmentOpportunityDocuments)
      .innerJoin(investmentOpportunities, eq(investmentOpportunities.id, investmentOpportunityDocuments.opportunityId))
      .where(and(eq(investmentOpportunityDocuments.id, documentId), eq(investmentOpportunities.slug, slug))),
  );
  if (!doc) return null;
  const stored = await storage.get(doc.key);
  return stored ? { bytes: stored.body, type: doc.type, name: doc.name } : null;
}
