/**
 * A member's own profile: read and saved as them (RLS: only the owner reads or writes these rows).
 * Sensitive details go to profile_sensitive, which nothing else reads.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { AuthSession } from "~/adapters/auth/port";
import { withRls } from "~/db/client.server";
import { places, profileHometowns, profiles, profileSensitive } from "~/db/schema";
import type { ProfileInput } from "./schema";

export async function getOwnProfile(session: AuthSession) {
  return withRls(session.claims, async (tx) => {
    const [profile] = await tx.select().from(profiles).where(eq(profiles.id, session.user.id));
    const [sensitive] = await tx.select().from(profileSensitive).where(eq(profileSensitive.profileId, session.user.id));
    const hometowns = await tx
      .select({ placeId: profileHometowns.placeId })
      .from(profileHometowns)
      .where(eq(profileHometowns.profileId, session.user.id));
    return { profile: profile ?? null, sensitive: sensitive ?? null, hometownIds: hometowns.map((h) => h.placeId) };
  });
}

/** Places a person can pick as a hometown: provinces, cities and municipalities. */
export async function hometownChoices(session: AuthSession) {
  return withRls(session.claims, (tx) =>
    tx
      .select({ id: places.id, name: places.name, countryCode: places.countryCode, kind: places.kind })
      .from(places)
      .where(inArray(places.kind, ["province", "city", "municipality"]))
      .orderBy(asc(places.countryCode), asc(places.name)),
  );
}

export async function saveProfile(session: AuthSession, input: ProfileInput) {
  const uid = session.user.id;
  await withRls(session.claims, async (tx) => {
    await tx
      .update(profiles)
      .set({
        displayName: input.displayName,
        countryOfResidence: input.countryOfResidence,
        city: input.city,
        languages: input.languages,
        sectors: input.sectors,
        willingness: input.willingness,
        yearsAbroad: input.yearsAbroad,
        countriesWorked: input.countriesWorked,
        occupation: input.occupation,
        certificates: input.certificates,
        basicsVisibility: input.basicsVisibility,
        engagementVisibility: input.engagementVisibility,
        returneeVisibility: input.returneeVisibility,
        // Keeps the day consent was first given while it stands; withdrawn, it is gone.
        investmentInvitationsSince: sql`case when ${input.investmentInvitations}::boolean then coalesce(${profiles.investmentInvitationsSince}, now()) end`,
      })
      .where(eq(profiles.id, uid));
    await tx.delete(profileHometowns).where(eq(profileHometowns.profileId, uid));
    if (input.hometowns.length) {
      await tx.insert(profileHometowns).values(input.hometowns.map((placeId) => ({ profileId: uid, placeId })));
    }
    const sensitive = { migrationStatus: input.migrationStatus, returnCircumstances: input.returnCircumstances };
    await tx
      .insert(profileSensitive)
      .values({ profileId: uid, ...sensitive })
      .onConflictDoUpdate({ target: profileSensitive.profileId, set: sensitive });
  });
}
