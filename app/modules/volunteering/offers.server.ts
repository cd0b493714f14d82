/**
 * Volunteering: the open skill needs people can offer help for, a member's offers, the LGU's queue
 * of offers, and each step of an offer (offer, accept or decline, done with hours, withdraw, thank
 * you) through the database functions of *_volunteering_rules.sql, which check who calls and the
 * state of the offer and the need. Emails tell the other side what happened.
 */
import { and, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { lgus, places, projectNeeds, projects, volunteerOffers } from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { FormProblem, throwHinted } from "~/modules/organisations/errors.server";
import type { WorkMode } from "~/modules/projects/vocabulary";
import { logger } from "~/utils/logger.server";
import { needTakesOffers, volunteeringProjectStatuses } from "./need-state";

export const NEEDS_PER_PAGE = 12;
export const OFFERS_PER_PAGE = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

/** The database's refusals, as the field and message the person sees. */
const REFUSALS = {
  sign_in: ["", "volunteer:errors.signIn", 401],
  need_not_found: ["", "volunteer:errors.needNotFound", 404],
  need_closed: ["", "volunteer:errors.needClosed", 409],
  need_full: ["", "volunteer:errors.needFull", 409],
  mode_mismatch: ["mode", "volunteer:errors.modeMismatch", 400],
  mode_required: ["mode", "volunteer:validation.mode", 400],
  lgu_not_found: ["", "volunteer:errors.lguNotFound", 404],
  skill_required: ["skill", "volunteer:validation.skill", 400],
  availability_invalid: ["availableUntil", "volunteer:validation.availability", 400],
  message_length: ["message", "volunteer:validation.message", 400],
  already_offered: ["", "volunteer:errors.alreadyOffered", 409],
  not_lgu_staff: ["", "volunteer:errors.notStaff", 403],
  not_volunteer: ["", "volunteer:errors.notYours", 403],
  offer_not_open: ["", "volunteer:errors.offerNotOpen", 409],
  offer_not_accepted: ["", "volunteer:errors.offerNotAccepted", 409],
  offer_not_done: ["", "volunteer:errors.offerNotDone", 409],
  schedule_invalid: ["scheduledFrom", "volunteer:validation.schedule", 400],
  reason_required: ["note", "volunteer:validation.reason", 400],
  note_length: ["note", "volunteer:validation.note", 400],
  hours_invalid: ["hours", "volunteer:validation.hours", 400],
  testimonial_length: ["body", "volunteer:validation.testimonial", 400],
  not_invitable: ["", "volunteer:errors.notInvitable", 409],
  already_invited: ["", "volunteer:errors.alreadyInvited", 409],
  forbidden: ["", "volunteer:errors.notYours", 403],
} satisfies Record<string, [string, string, number]>;

const refused = (error: unknown): never => throwHinted(error, REFUSALS, "forbidden");

// Open needs ----------------------------------------------------------------------------------

export interface NeedFilters {
  skill?: string;
  mode?: WorkMode;
  missions?: boolean;
  country?: string;
  page: number;
}

const openNeedWhere = (filters: Omit<NeedFilters, "page">): SQL => {
  const conditions: SQL[] = [
    sql`${projectNeeds.kind} = 'skill'`,
    isNull(projectNeeds.closedAt),
    sql`(${projectNeeds.endsOn} is null or ${projectNeeds.endsOn} >= (now() at time zone 'utc')::date)`,
    sql`${projectNeeds.fulfilled} < ${projectNeeds.quantity}`,
    inArray(projects.status, [...volunteeringProjectStatuses]),
  ];
  if (filters.skill) conditions.push(eq(projectNeeds.skill, filters.skill));
  if (filters.mode && filters.mode !== "either") conditions.push(sql`${projectNeeds.mode} in (${filters.mode}::public.work_mode, 'either')`);
  if (filters.missions) conditions.push(eq(projectNeeds.expertMission, true));
  if (filters.country) conditions.push(eq(places.countryCode, filters.country));
  return and(...conditions)!;
};

const needColumns = {
  id: projectNeeds.id,
  description: projectNeeds.description,
  skill: projectNeeds.skill,
  quantity: projectNeeds.quantity,
  fulfilled: projectNeeds.fulfilled,
  mode: projectNeeds.mode,
  startsOn: projectNeeds.startsOn,
  endsOn: projectNeeds.endsOn,
  language: projectNeeds.language,
  expertMission: projectNeeds.expertMission,
  closedAt: projectNeeds.closedAt,
  projectId: projects.id,
  projectSlug: projects.slug,
  projectTitle: projects.title,
  projectStatus: projects.status,
  lguId: lgus.id,
  lguName: lgus.name,
  lguSlug: lgus.slug,
  countryCode: places.countryCode,
};

/** Skill needs still taking offers, of public projects (RLS: published, verified LGUs), newest projects first. */
export async function openNeeds(claims: JwtClaims | null, filters: NeedFilters) {
  return withRls(claims, async (tx) => {
    const where = openNeedWhere(filters);
    const base = () =>
      tx
        .select(needColumns)
        .from(projectNeeds)
        .innerJoin(projects, eq(projects.id, projectNeeds.projectId))
        .innerJoin(lgus, eq(lgus.id, projects.lguId))
        .leftJoin(places, eq(places.id, lgus.placeId));
    const [{ total } = { total: 0 }] = await tx
      .select({ total: count() })
      .from(projectNeeds)
      .innerJoin(projects, eq(projects.id, projectNeeds.projectId))
      .innerJoin(lgus, eq(lgus.id, projects.lguId))
      .leftJoin(places, eq(places.id, lgus.placeId))
      .where(where);
    const pages = Math.max(1, Math.ceil(total / NEEDS_PER_PAGE));
    const page = Math.min(Math.max(1, Math.floor(filters.page) || 1), pages);
    const rows = await base()
      .where(where)
      .orderBy(desc(projectNeeds.expertMission), sql`${projectNeeds.startsOn} asc nulls last`, desc(projects.createdAt), projectNeeds.id)
      .limit(NEEDS_PER_PAGE)
      .offset((page - 1) * NEEDS_PER_PAGE);
    return { rows, total, page, pages };
  });
}

/** One skill need of a public project, whether or not it still takes offers; null if not public. */
export async function needForOffer(claims: JwtClaims | null, needId: string) {
  if (!isUuid(needId)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx
      .select(needColumns)
      .from(projectNeeds)
      .innerJoin(projects, eq(projects.id, projectNeeds.projectId))
      .innerJoin(lgus, eq(lgus.id, projects.lguId))
      .leftJoin(places, eq(places.id, lgus.placeId))
      .where(and(eq(projectNeeds.id, needId), sql`${projectNeeds.kind} = 'skill'`)),
  );
  if (!row) return null;
  return { ...row, open: needTakesOffers({ ...row, kind: "skill" }, row.projectStatus) };
}

// A member's offers ---------------------------------------------------------------------------

export interface OfferInput {
  needId: string | null;
  lguId: string | null;
  skill: string | null;
  mode: WorkMode;
  availableFrom: string | null;
  availableUntil: string | null;
  message: string;
}

/** Offers help; returns the offer's id. The LGU's editors are told by email. */
export async function offerHelp(claims: JwtClaims, input: OfferInput, siteUrl: string): Promise<string> {
  const [row] = await withRls(claims, (tx) =>
    tx.execute<{ id: string }>(
      sql`select public.offer_volunteer_help(${input.needId}::uuid, ${input.lguId}::uuid, ${input.skill}, ${input.mode}::public.work_mode,
                                             ${input.availableFrom}::date, ${input.availableUntil}::date, ${input.message}) as id`,
    ),
  ).catch(refused);
  const id = row!.id;
  await notifyLguOfOffer(id, siteUrl).catch((error: unknown) => logger().warn({ offer: id, err: error instanceof Error ? error.message : String(error) }, "LGU not emailed of a volunteer offer"));
  return id;
}

const offerColumns = {
  id: volunteerOffers.id,
  status: volunteerOffers.status,
  skill: volunteerOffers.skill,
  mode: volunteerOffers.mode,
  message: volunteerOffers.message,
  availableFrom: volunteerOffers.availableFrom,
  availableUntil: volunteerOffers.availableUntil,
  scheduledFrom: volunteerOffers.scheduledFrom,
  scheduledUntil: volunteerOffers.scheduledUntil,
  lguNote: volunteerOffers.lguNote,
  hours: volunteerOffers.hours,
  createdAt: volunteerOffers.createdAt,
  needId: volunteerOffers.needId,
  needDescription: projectNeeds.description,
  projectSlug: projects.slug,
  projectTitle: projects.title,
  lguName: lgus.name,
  lguSlug: lgus.slug,
  volunteerId: volunteerOffers.volunteerId,
  testimonials: sql<{ side: "volunteer" | "lgu"; body: string }[]>`coalesce((select json_agg(json_build_object('side', t.side, 'body', t.body) order by t.side)
      from public.volunteer_testimonials t where t.offer_id = public.volunteer_offers.id), '[]'::json)`,
};

/** The signed-in member's own offers, newest first. */
export async function myOffers(claims: JwtClaims, page: number) {
  return withRls(claims, async (tx) => {
    const where = eq(volunteerOffers.volunteerId, claims.sub);
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(volunteerOffers).where(where);
    const pages = Math.max(1, Math.ceil(total / OFFERS_PER_PAGE));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    const rows = await tx
      .select(offerColumns)
      .from(volunteerOffers)
      .innerJoin(lgus, eq(lgus.id, volunteerOffers.lguId))
      .leftJoin(projectNeeds, eq(projectNeeds.id, volunteerOffers.needId))
      .leftJoin(projects, eq(projects.id, volunteerOffers.projectId))
      .where(where)
      .orderBy(desc(volunteerOffers.createdAt))
      .limit(OFFERS_PER_PAGE)
      .offset((current - 1) * OFFERS_PER_PAGE);
    return { rows, total, page: current, pages };
  });
}

export const withdrawOffer = (claims: JwtClaims, offerId: string) =>
  withRls(claims, (tx) => tx.execute(sql`select public.withdraw_volunteer_offer(${offerId}::uuid)`)).catch(refused);

export const leaveTestimonial = (claims: JwtClaims, offerId: string, body: string) =>
  withRls(claims, (tx) => tx.execute(sql`select public.leave_volunteer_testimonial(${offerId}::uuid, ${body})`)).catch(refused);

// The LGU's side ------------------------------------------------------------------------------

export const offerStatuses = ["offered", "accepted", "done", "declined", "withdrawn"] as const;
export type OfferStatus = (typeof offerStatuses)[number];

/**
 * The LGU's offers in one status, oldest first for those waiting, with each volunteer's name and
 * email: offering shared them with this LGU. RLS decides which offers the caller sees; the names
 * are read for those offers only.
 */
export async function lguOffers(claims: JwtClaims, lguId: string, status: OfferStatus, page: number) {
  const listed = await withRls(claims, async (tx) => {
    const where = and(eq(volunteerOffers.lguId, lguId), eq(volunteerOffers.status, status));
    const [{ total } = { total: 0 }] = await tx.select({ total: count() }).from(volunteerOffers).where(where);
    const counts = await tx
      .select({ status: volunteerOffers.status, n: count() })
      .from(volunteerOffers)
      .where(eq(volunteerOffers.lguId, lguId))
      .groupBy(volunteerOffers.status);
    const pages = Math.max(1, Math.ceil(total / OFFERS_PER_PAGE));
    const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
    const rows = await tx
      .select(offerColumns)
      .from(volunteerOffers)
      .innerJoin(lgus, eq(lgus.id, volunteerOffers.lguId))
      .leftJoin(projectNeeds, eq(projectNeeds.id, volunteerOffers.needId))
      .leftJoin(projects, eq(projects.id, volunteerOffers.projectId))
      .where(where)
      .orderBy(status === "offered" ? volunteerOffers.createdAt : desc(volunteerOffers.updatedAt))
      .limit(OFFERS_PER_PAGE)
      .offset((current - 1) * OFFERS_PER_PAGE);
    return { rows, total, page: current, pages, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Partial<Record<OfferStatus, number>> };
  });
  const ids = listed.rows.map((r) => r.volunteerId).filter((id): id is string => id !== null);
  const people = ids.length
    ? await asService((tx) =>
        tx.execute<{ id: string; email: string | null; display_name: string | null }>(sql`
          select u.id, u.email, p.display_name from auth.users u left join public.profiles p on p.id = u.id
          where u.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`),
      )
    : [];
  const byId = new Map([...people].map((p) => [p.id, p]));
  return { ...listed, rows: listed.rows.map((r) => ({ ...r, volunteerName: byId.get(r.volunteerId ?? "")?.display_name ?? null, volunteerEmail: byId.get(r.volunteerId ?? "")?.email ?? null })) };
}

export type StaffAction =
  | { intent: "accept"; scheduledFrom: string; scheduledUntil: string; note: string }
  | { intent: "decline"; note: string }
  | { intent: "complete"; hours: string }
  | { intent: "thank"; body: string };

/** One step of the LGU on an offer; the volunteer is emailed. */
export async function actOnOffer(claims: JwtClaims, offerId: string, action: StaffAction, siteUrl: string) {
  if (!isUuid(offerId)) throw new FormProblem("", "volunteer:errors.notYours", 404);
  const date = (value: string, field: string) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new FormProblem(field, "volunteer:validation.schedule");
    return value;
  };
  const query = (() => {
    switch (action.intent) {
      case "accept":
        return sql`select public.decide_volunteer_offer(${offerId}::uuid, true, ${date(action.scheduledFrom, "scheduledFrom")}::date, ${date(action.scheduledUntil, "scheduledUntil")}::date, ${action.note})`;
      case "decline":
        return sql`select public.decide_volunteer_offer(${offerId}::uuid, false, null, null, ${action.note})`;
      case "complete": {
        const hours = action.hours.trim().replace(",", ".");
        if (!/^\d{1,4}(\.\d)?$/.test(hours)) throw new FormProblem("hours", "volunteer:validation.hours");
        return sql`select public.complete_volunteer_offer(${offerId}::uuid, ${hours}::numeric)`;
      }
      case "thank":
        return sql`select public.leave_volunteer_testimonial(${offerId}::uuid, ${action.body})`;
    }
  })();
  await withRls(claims, (tx) => tx.execute(query)).catch(refused);
  if (action.intent !== "thank") {
    await notifyVolunteer(offerId, action.intent, siteUrl).catch((error: unknown) =>
      logger().warn({ offer: offerId, err: error instanceof Error ? error.message : String(error) }, "volunteer not emailed"),
    );
  }
}

// The project page -----------------------------------------------------------------------------

/** A public project's volunteer hours, people and thank-yous (names only where profiles show them). */
export async function projectVolunteering(claims: JwtClaims | null, projectId: string) {
  return withRls(claims, async (tx) => {
    const [summary] = await tx.execute<{ hours: string; people: number }>(sql`select hours, people from public.project_volunteering(${projectId}::uuid)`);
    const testimonials = await tx.execute<{ offer_id: string; side: "volunteer" | "lgu"; body: string; written_at: string; volunteer_name: string | null; skill: string; hours: string }>(
      sql`select * from public.project_volunteer_testimonials(${projectId}::uuid)`,
    );
    return { hours: Number(summary?.hours ?? 0), people: Number(summary?.people ?? 0), testimonials: [...testimonials] };
  });
}

// Emails ---------------------------------------------------------------------------------------

async function notifyLguOfOffer(offerId: string, siteUrl: string) {
  const [offer] = await asService((tx) =>
    tx.execute<{ lgu_id: string; lgu_slug: string; lgu_name: string; skill: Record<string, string>; volunteer: string | null; project: Record<string, string> | null }>(sql`
      select o.lgu_id, l.slug as lgu_slug, l.name as lgu_name, sk.labels as skill, p.display_name as volunteer, pr.title as project
      from public.volunteer_offers o join public.lgus l on l.id = o.lgu_id join public.skills sk on sk.code = o.skill
      left join public.profiles p on p.id = o.volunteer_id left join public.projects pr on pr.id = o.project_id
      where o.id = ${offerId}::uuid`),
  );
  if (!offer) return;
  const staff = await asService((tx) =>
    tx.execute<{ email: string; locale: string | null }>(sql`
      select distinct u.email, p.preferred_locale as locale from public.lgu_memberships m
      join auth.users u on u.id = m.user_id left join public.profiles p on p.id = m.user_id
      where m.lgu_id = ${offer.lgu_id}::uuid and m.role in ('admin', 'editor') and u.email is not null`),
  );
  for (const person of staff) {
    const locale = languageOrFallback(person.locale);
    const t = await i18nServer.getFixedT(locale, ["volunteer", "projects"]);
    const values = {
      volunteer: offer.volunteer ?? t("volunteer:aVolunteer"),
      skill: offer.skill[locale] ?? offer.skill.en ?? "",
      project: offer.project ? (localized(offer.project, locale)?.text ?? "") : t("volunteer:emails.general"),
      lgu: offer.lgu_name,
      link: `${siteUrl}/manage/${offer.lgu_slug}/volunteers`,
    };
    await getEmailPort().send({
      to: person.email,
      subject: t("volunteer:emails.offered.subject", values),
      text: [t("volunteer:emails.offered.body", values), "", t("volunteer:emails.signature")].join("\n"),
      template: "volunteer-offered",
    });
  }
}

async function notifyVolunteer(offerId: string, intent: "accept" | "decline" | "complete", siteUrl: string) {
  const [row] = await asService((tx) =>
    tx.execute<{ email: string | null; locale: string | null; lgu_name: string; skill: Record<string, string>; note: string | null; scheduled_from: string | null; scheduled_until: string | null; hours: string | null }>(sql`
      select u.email, p.preferred_locale as locale, l.name as lgu_name, sk.labels as skill, o.lgu_note as note,
             o.scheduled_from::text, o.scheduled_until::text, o.hours::text
      from public.volunteer_offers o join public.lgus l on l.id = o.lgu_id join public.skills sk on sk.code = o.skill
      left join auth.users u on u.id = o.volunteer_id left join public.profiles p on p.id = o.volunteer_id
      where o.id = ${offerId}::uuid`),
  );
  if (!row?.email) return;
  const locale = languageOrFallback(row.locale);
  const t = await i18nServer.getFixedT(locale, ["volunteer", "projects"]);
  const values = {
    lgu: row.lgu_name,
    skill: row.skill[locale] ?? row.skill.en ?? "",
    note: row.note ?? "",
    from: row.scheduled_from ?? "",
    until: row.scheduled_until ?? "",
    hours: row.hours ?? "",
    link: `${siteUrl}/me/volunteering`,
  };
  await getEmailPort().send({
    to: row.email,
    subject: t(`volunteer:emails.${intent}.subject`, values),
    text: [t(`volunteer:emails.${intent}.body`, values), "", t("volunteer:emails.signature")].join("\n"),
    template: `volunteer-${intent}`,
  });
}

// Invitations ------------------------------------------------------------------------------------

/** The LGU's open skill needs, for its editors to find people for. */
export async function lguOpenNeeds(claims: JwtClaims, lguId: string) {
  return withRls(claims, (tx) =>
    tx
      .select({ id: projectNeeds.id, description: projectNeeds.description, skill: projectNeeds.skill, quantity: projectNeeds.quantity, fulfilled: projectNeeds.fulfilled, projectTitle: projects.title })
      .from(projectNeeds)
      .innerJoin(projects, eq(projects.id, projectNeeds.projectId))
      .where(and(eq(projects.lguId, lguId), sql`${projectNeeds.kind} = 'skill'`, isNull(projectNeeds.closedAt), inArray(projects.status, [...volunteeringProjectStatuses])))
      .orderBy(projects.title, projectNeeds.id)
      .limit(50),
  );
}

/**
 * Invites a person to offer help for a need, by email through the portal: the database checks the
 * caller, the person's public skills and that they were not invited before; the LGU never sees
 * the address.
 */
export async function invitePerson(claims: JwtClaims, needId: string, profileId: string, siteUrl: string) {
  if (!isUuid(needId) || !isUuid(profileId)) throw new FormProblem("", "volunteer:errors.notInvitable", 404);
  await withRls(claims, (tx) => tx.execute(sql`select public.invite_volunteer(${needId}::uuid, ${profileId}::uuid)`)).catch(refused);
  const [row] = await asService((tx) =>
    tx.execute<{ email: string | null; locale: string | null; lgu_name: string; description: Record<string, string>; skill: string }>(sql`
      select u.email, pr.preferred_locale as locale, l.name as lgu_name, n.description, n.skill
      from public.project_needs n join public.projects p on p.id = n.project_id join public.lgus l on l.id = p.lgu_id
      join auth.users u on u.id = ${profileId}::uuid left join public.profiles pr on pr.id = u.id
      where n.id = ${needId}::uuid`),
  );
  if (!row?.email) return;
  const locale = languageOrFallback(row.locale);
  const t = await i18nServer.getFixedT(locale, ["volunteer", "projects"]);
  const values = { lgu: row.lgu_name, need: localized(row.description, locale)?.text ?? "", link: `${siteUrl}/volunteer/needs/${needId}` };
  await getEmailPort().send({
    to: row.email,
    subject: t("volunteer:emails.invited.subject", values),
    text: [t("volunteer:emails.invited.body", values), "", t("volunteer:emails.signature")].join("\n"),
    template: "volunteer-invited",
  });
}
