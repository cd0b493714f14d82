/**
 * Following projects and hearing about their updates. Following is the person's own act (RLS: own
 * rows, visible projects only). Posting an update is an editor's act (RLS on project_updates); the
 * fan-out to followers — an in-app notification and an email each, in the follower's language —
 * reads other people's addresses, so it runs as the service role, after the update is saved.
 */
import { and, eq, sql } from "drizzle-orm";
import { getEmailPort } from "~/adapters/index.server";
import { asService, withRls, type JwtClaims } from "~/db/client.server";
import { notifications, projectFollowers, projectPhotos, projects, projectUpdates } from "~/db/schema";
import { languageOrFallback } from "~/i18n/config";
import { i18nServer } from "~/i18n/i18next.server";
import { localized } from "~/i18n/localized";
import { FormProblem } from "~/modules/organisations/errors.server";
import { withStoredPhotos, type NewPhoto } from "./photos.server";

async function projectIdFor(claims: JwtClaims | null, slug: string): Promise<string | null> {
  const [row] = await withRls(claims, (tx) => tx.select({ id: projects.id }).from(projects).where(eq(projects.slug, slug)));
  return row?.id ?? null;
}

export async function isFollowing(claims: JwtClaims, slug: string): Promise<boolean> {
  const rows = await withRls(claims, (tx) =>
    tx
      .select({ id: projectFollowers.projectId })
      .from(projectFollowers)
      .innerJoin(projects, eq(projects.id, projectFollowers.projectId))
      .where(and(eq(projects.slug, slug), eq(projectFollowers.userId, claims.sub))),
  );
  return rows.length > 0;
}

export async function follow(claims: JwtClaims, slug: string) {
  const projectId = await projectIdFor(claims, slug);
  if (!projectId) throw new FormProblem("", "projects:errors.notFound", 404);
  await withRls(claims, (tx) => tx.insert(projectFollowers).values({ projectId, userId: claims.sub }).onConflictDoNothing());
}

export async function unfollow(claims: JwtClaims, slug: string) {
  const projectId = await projectIdFor(claims, slug);
  if (!projectId) return;
  await withRls(claims, (tx) =>
    tx.delete(projectFollowers).where(and(eq(projectFollowers.projectId, projectId), eq(projectFollowers.userId, claims.sub))),
  );
}

/** Saves an update as the editor, then tells each follower. Returns how many were told. */
export async function postUpdate(
  claims: JwtClaims,
  lguId: string,
  slug: string,
  input: { language: string; body: string; photos?: NewPhoto[] },
  siteUrl: string,
): Promise<number> {
  const [project] = await withRls(claims, (tx) =>
    tx.select({ id: projects.id, title: projects.title, status: projects.status }).from(projects).where(and(eq(projects.lguId, lguId), eq(projects.slug, slug))),
  );
  if (!project) throw new FormProblem("", "projects:errors.notFound", 404);
  // The photos' bytes first, then the update and its photos' rows in one transaction.
  const saved = await withStoredPhotos(project.id, input.photos ?? [], (photoRows) =>
    withRls(claims, async (tx) => {
      const inserted = await tx
        .insert(projectUpdates)
        .values({ projectId: project.id, body: { [input.language]: input.body }, authorId: claims.sub })
        .returning({ id: projectUpdates.id });
      const updateId = inserted[0]!.id;
      if (photoRows.length) {
        await tx.insert(projectPhotos).values(photoRows.map((row, position) => ({ ...row, updateId, position, uploadedBy: claims.sub })));
      }
      return { project, updateId };
    }),
  ).catch((error: unknown) => {
    // RLS: only the project's editors may post (and not once it is closed).
    if ((error as { cause?: { code?: string } }).cause?.code === "42501") throw new FormProblem("", "projects:errors.notAllowed", 403);
    throw error;
  });
  const followers = await asService((tx) =>
    tx.execute<{ user_id: string; email: string; locale: string | null }>(sql`
      select f.user_id, u.email, p.preferred_locale as locale
      from public.project_followers f
      join auth.users u on u.id = f.user_id
      left join public.profiles p on p.id = f.user_id
      where f.project_id = ${saved.project.id} and u.email is not null`),
  );
  if (followers.length === 0) return 0;
  await asService((tx) =>
    tx.insert(notifications).values(
      followers.map((f) => ({ userId: f.user_id, kind: "project_update", data: { projectSlug: slug, projectTitle: saved.project.title, updateId: saved.updateId } })),
    ),
  );
  const link = `${siteUrl}/projects/${slug}`;
  for (const follower of followers) {
    const locale = languageOrFallback(follower.locale);
    const t = await i18nServer.getFixedT(locale, "projects");
    const title = localized(saved.project.title, locale)?.text ?? slug;
    await getEmailPort().send({
      to: follower.email,
      subject: t("emails.update.subject", { title }),
      text: [t("emails.update.body", { title, link, update: input.body }), "", t("emails.signature")].join("\n"),
      template: "project-update",
    });
  }
  return followers.length;
}

/** The person's newest notifications, unread first. */
export async function listNotifications(claims: JwtClaims, limit = 20) {
  return withRls(claims, (tx) =>
    tx
      .select()
      .from(notifications)
      .where(eq(notifications.userId, claims.sub))
      .orderBy(sql`${notifications.readAt} is not null`, sql`${notifications.createdAt} desc`)
      .limit(limit),
  );
}

export async function markAllRead(claims: JwtClaims) {
  await withRls(claims, (tx) =>
    tx.update(notifications).set({ readAt: new Date() }).where(and(eq(notifications.userId, claims.sub), sql`${notifications.readAt} is null`)),
  );
}
