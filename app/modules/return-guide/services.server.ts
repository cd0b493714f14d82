/**
 * The directory of services for returnees and anyone else (migrant resource centres, one-stop
 * shops, training centres, certification bodies, credit and business support, psychosocial
 * support): the public search with filters by kind, place and language, an LGU's list, and the
 * editors' side (add, change, switch off). Who may write which scope is RLS's call; the database
 * stamps and audits every change.
 */
import { and, asc, count, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { places, returnServices, type LocalizedText } from "~/db/schema";
import { languageName } from "~/i18n/format";
import { localized } from "~/i18n/localized";
import { FormProblem, throwHinted } from "~/modules/organisations/errors.server";
import { localizedFrom, type ServiceForm } from "./schema";
import { SERVICES_PAGE_SIZE, type ServiceKind } from "./vocabulary";

const parent = alias(places, "parent_place");
const grandparent = alias(places, "grandparent_place");

const columns = {
  id: returnServices.id,
  lguId: returnServices.lguId,
  kind: returnServices.kind,
  name: returnServices.name,
  description: returnServices.description,
  address: returnServices.address,
  phone: returnServices.phone,
  email: returnServices.email,
  website: returnServices.website,
  openingHours: returnServices.openingHours,
  languages: returnServices.languages,
  eligibility: returnServices.eligibility,
  eligibilityNote: returnServices.eligibilityNote,
  active: returnServices.active,
  placeId: returnServices.placeId,
  placeName: places.name,
  parentName: parent.name,
};

type Row = { description: LocalizedText; openingHours: LocalizedText; eligibilityNote: LocalizedText } & Record<string, unknown>;

/** Only the reader's language of each translatable field goes to the page. */
function forReader<T extends Row>(row: T, language: string) {
  return {
    ...row,
    description: localized(row.description, language),
    openingHours: localized(row.openingHours, language),
    eligibilityNote: localized(row.eligibilityNote, language),
  };
}

/** `%` and `_` in a search are letters, not wildcards. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface DirectoryFilters {
  q: string;
  kind: ServiceKind | null;
  placeId: string | null;
  language: string | null;
  page: number;
}

/** The public directory: active entries of the national directory and of verified LGUs (RLS), filtered, by name. */
export async function searchServices(tx: Tx, filters: DirectoryFilters, readerLanguage: string) {
  const conditions: (SQL | undefined)[] = [eq(returnServices.active, true)];
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(or(ilike(returnServices.name, pattern), ilike(returnServices.address, pattern), ilike(places.name, pattern), sql`public.return_services.description::text ilike ${pattern}`));
  }
  if (filters.kind) conditions.push(eq(returnServices.kind, filters.kind));
  if (filters.placeId) conditions.push(or(eq(returnServices.placeId, filters.placeId), eq(parent.id, filters.placeId), eq(grandparent.id, filters.placeId)));
  if (filters.language) conditions.push(sql`public.return_services.languages @> array[${filters.language}]::text[]`);
  const where = and(...conditions);
  const base = () =>
    tx
      .select(columns)
      .from(returnServices)
      .innerJoin(places, eq(places.id, returnServices.placeId))
      .leftJoin(parent, eq(parent.id, places.parentId))
      .leftJoin(grandparent, eq(grandparent.id, parent.parentId));
  const [{ total } = { total: 0 }] = await tx
    .select({ total: count() })
    .from(returnServices)
    .innerJoin(places, eq(places.id, returnServices.placeId))
    .leftJoin(parent, eq(parent.id, places.parentId))
    .leftJoin(grandparent, eq(grandparent.id, parent.parentId))
    .where(where);
  const pages = Math.max(1, Math.ceil(total / SERVICES_PAGE_SIZE));
  const page = Math.min(Math.max(1, filters.page), pages);
  const rows = await base()
    .where(where)
    .orderBy(asc(returnServices.name), asc(returnServices.id))
    .limit(SERVICES_PAGE_SIZE)
    .offset((page - 1) * SERVICES_PAGE_SIZE);
  return { services: rows.map((r) => forReader(r, readerLanguage)), total, page, pages };
}

/**
 * The places the directory's filter offers: every place an active entry is in, with the provinces
 * and regions above it (filtering by a province finds its towns' entries).
 */
export async function directoryPlaces(tx: Tx) {
  const rows = await tx.execute<{ id: string; name: string; kind: string }>(sql`
    with recursive used as (
      select distinct s.place_id as id from public.return_services s where s.active
    ), chain as (
      select p.id, p.parent_id, p.name, p.kind, 0 as depth from public.places p join used on used.id = p.id
      union
      select p.id, p.parent_id, p.name, p.kind, chain.depth + 1 from public.places p join chain on p.id = chain.parent_id where chain.depth < 3
    )
    select distinct id, name, kind::text as kind from chain where kind <> 'country' order by name`);
  return [...rows];
}

/** An LGU's list: its own entries and the national directory's entries in its place. */
export async function lguServices(tx: Tx, lgu: { id: string; placeId: string }, readerLanguage: string) {
  const rows = await tx
    .select(columns)
    .from(returnServices)
    .innerJoin(places, eq(places.id, returnServices.placeId))
    .leftJoin(parent, eq(parent.id, places.parentId))
    .where(and(eq(returnServices.active, true), or(eq(returnServices.lguId, lgu.id), and(isNull(returnServices.lguId), eq(returnServices.placeId, lgu.placeId)))))
    .orderBy(asc(returnServices.kind), asc(returnServices.name));
  return rows.map((r) => forReader(r, readerLanguage));
}

// ---------------------------------------------------------------------------------------------
// editors

/** Every entry of the scope (switched-off ones too), with all their translations for the edit forms. */
export async function editorServices(claims: JwtClaims, lguId: string | null) {
  return withRls(claims, (tx) =>
    tx
      .select(columns)
      .from(returnServices)
      .innerJoin(places, eq(places.id, returnServices.placeId))
      .leftJoin(parent, eq(parent.id, places.parentId))
      .where(lguId ? eq(returnServices.lguId, lguId) : isNull(returnServices.lguId))
      .orderBy(asc(returnServices.name)),
  );
}

const refusals = { not_editor: ["", "errors.forbiddenBody", 403] as [string, string, number] };

/** Adds (no id) or changes an entry of the scope. Raw SQL: the table's column grants name exactly these columns. */
export async function saveService(claims: JwtClaims, lguId: string | null, form: ServiceForm) {
  const values = {
    kind: form.kind,
    name: form.name,
    description: JSON.stringify(localizedFrom(form, "description")),
    placeId: form.placeId,
    address: form.address,
    phone: form.phone ?? null,
    email: form.email ?? null,
    website: form.website ?? null,
    hours: JSON.stringify(localizedFrom(form, "hours")),
    languages: [...new Set(form.languages ?? [])],
    eligibility: form.eligibility,
    eligibilityNote: JSON.stringify(localizedFrom(form, "eligibilityNote")),
  };
  const changed = await withRls(claims, async (tx) => {
    const [place] = await tx.select({ id: places.id, kind: places.kind }).from(places).where(eq(places.id, values.placeId));
    if (!place || place.kind === "country") throw new FormProblem("placeId", "returnGuide:validation.place");
    const languages = sql`array[${sql.join(values.languages.map((l) => sql`${l}`), sql`, `)}]::text[]`;
    const result = form.id
      ? await tx.execute(sql`
          update public.return_services set kind = ${values.kind}::public.return_service_kind, name = ${values.name}, description = ${values.description}::jsonb,
            place_id = ${values.placeId}::uuid, address = ${values.address}, phone = ${values.phone}, email = ${values.email}, website = ${values.website},
            opening_hours = ${values.hours}::jsonb, languages = ${languages}, eligibility = ${values.eligibility}::public.return_service_eligibility,
            eligibility_note = ${values.eligibilityNote}::jsonb
          where id = ${form.id}::uuid and lgu_id is not distinct from ${lguId}::uuid`)
      : await tx.execute(sql`
          insert into public.return_services (lgu_id, kind, name, description, place_id, address, phone, email, website, opening_hours, languages, eligibility, eligibility_note)
          values (${lguId}::uuid, ${values.kind}::public.return_service_kind, ${values.name}, ${values.description}::jsonb, ${values.placeId}::uuid, ${values.address},
            ${values.phone}, ${values.email}, ${values.website}, ${values.hours}::jsonb, ${languages}, ${values.eligibility}::public.return_service_eligibility, ${values.eligibilityNote}::jsonb)`);
    return result.count;
  }).catch((error: unknown) => throwHinted(error, refusals, "not_editor"));
  if (changed === 0) throw new FormProblem("", "returnGuide:errors.serviceGone", 404);
}

/** Switches an entry off (hidden from the public, kept for the audit log) or on again. */
export async function setServiceActive(claims: JwtClaims, lguId: string | null, id: string, active: boolean) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new FormProblem("", "returnGuide:validation.unreadable");
  const changed = await withRls(claims, (tx) =>
    tx.execute(sql`update public.return_services set active = ${active} where id = ${id}::uuid and lgu_id is not distinct from ${lguId}::uuid`),
  ).catch((error: unknown) => throwHinted(error, refusals, "not_editor"));
  if (changed.count === 0) throw new FormProblem("", "returnGuide:errors.serviceGone", 404);
}

/** A directory entry as the card shows it, languages named in the reader's language. */
export function asEntry(row: Awaited<ReturnType<typeof searchServices>>["services"][number], language: string) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    address: row.address,
    placeName: row.placeName,
    parentName: row.parentName,
    phone: row.phone,
    email: row.email,
    website: row.website,
    openingHours: row.openingHours,
    languageNames: row.languages.map((code) => languageName(code, language)),
    eligibility: row.eligibility,
    eligibilityNote: row.eligibilityNote,
  };
}
