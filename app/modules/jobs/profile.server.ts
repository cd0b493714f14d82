/**
 * A person's job-seeking profile (occupation, skills, where they want to work, experience) and
 * their certificates with local recognition. Read and written as them (RLS: the owner only). The
 * basic profile (name, languages, years abroad) stays in profiles and the skills in the member
 * skills registry (member_skills); this adds what matching and applications need.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { withRls, type JwtClaims, type Tx } from "~/db/client.server";
import { jobseekerCertificates, jobseekerProfiles, memberSkills, places, profileHometowns, profiles } from "~/db/schema";
import { FormProblem } from "~/modules/organisations/errors.server";
import { pgArray } from "./pg-array";
import type { CertificateInput, JobProfileInput } from "./schema";

export async function readJobProfile(tx: Tx, userId: string) {
  const [profile] = await tx.select().from(profiles).where(eq(profiles.id, userId));
  const [jobProfile] = await tx.select().from(jobseekerProfiles).where(eq(jobseekerProfiles.profileId, userId));
  const certificates = await tx
    .select()
    .from(jobseekerCertificates)
    .where(eq(jobseekerCertificates.profileId, userId))
    .orderBy(asc(jobseekerCertificates.createdAt));
  const skills = await tx.select({ code: memberSkills.skillCode }).from(memberSkills).where(eq(memberSkills.profileId, userId));
  const hometowns = await tx
    .select({ id: places.id, name: places.name })
    .from(profileHometowns)
    .innerJoin(places, eq(places.id, profileHometowns.placeId))
    .where(eq(profileHometowns.profileId, userId));
  return { profile: profile ?? null, jobProfile: jobProfile ?? null, skills: skills.map((s) => s.code), certificates, hometowns };
}

export async function getJobProfile(claims: JwtClaims) {
  return withRls(claims, (tx) => readJobProfile(tx, claims.sub));
}

export async function saveJobProfile(claims: JwtClaims, input: JobProfileInput) {
  await withRls(claims, async (tx) => {
    if (input.preferredPlaceIds.length) {
      const found = await tx.execute<{ n: number }>(sql`select count(*)::int as n from public.places where id = any(${pgArray(input.preferredPlaceIds)}::uuid[]) and kind <> 'country'`);
      if (found[0]!.n !== input.preferredPlaceIds.length) throw new FormProblem("preferredPlaceIds", "jobs:validation.choice");
    }
    const values = {
      occupationCode: input.occupationCode,
      preferredPlaceIds: input.preferredPlaceIds,
      openToRemote: input.openToRemote,
      experience: input.experience,
    };
    await tx
      .insert(jobseekerProfiles)
      .values({ profileId: claims.sub, ...values })
      .onConflictDoUpdate({ target: jobseekerProfiles.profileId, set: values });
    // Skills live in the member skills registry: the ones unticked go; new ones are recorded at
    // the registry's middle level, 'intermediate', since this form asks none (a level or years
    // given in the registry are kept).
    await tx.execute(sql`delete from public.member_skills where profile_id = ${claims.sub} and not (skill_code = any(${pgArray(input.skills)}::text[]))`);
    if (input.skills.length) {
      await tx.insert(memberSkills).values(input.skills.map((skillCode) => ({ profileId: claims.sub, skillCode, level: "intermediate" as const }))).onConflictDoNothing();
    }
  });
}

export async function addCertificate(claims: JwtClaims, input: CertificateInput) {
  await withRls(claims, async (tx) => {
    const [{ n }] = (await tx.execute<{ n: number }>(sql`select count(*)::int as n from public.jobseeker_certificates where profile_id = ${claims.sub}`)) as unknown as [{ n: number }];
    if (n >= 30) throw new FormProblem("", "jobs:validation.tooMany");
    await tx.insert(jobseekerCertificates).values({ profileId: claims.sub, ...input });
  });
}

export async function removeCertificate(claims: JwtClaims, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return;
  await withRls(claims, (tx) =>
    tx.delete(jobseekerCertificates).where(and(eq(jobseekerCertificates.id, id), eq(jobseekerCertificates.profileId, claims.sub))),
  );
}
