import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { setDbClient } from "../../app/db/client.server";
import { getLguBySlug } from "../../app/modules/lgus/queries.server";
import { listAuditEntries } from "../../app/modules/audit/queries.server";
import { FormProblem } from "../../app/modules/organisations/errors.server";
import {
  describeInvitation,
  hashInvitationToken,
  INVITATION_TOKEN,
  inviteByEmail,
  listMyInvitations,
  listPendingInvitations,
  respondToInvitation,
  respondToMyInvitation,
  revokeInvitation,
} from "../../app/modules/organisations/invitations.server";
import { registerLgu } from "../../app/modules/organisations/lgus.server";
import {
  changeOrganisationRole,
  leaveLgu,
  leaveOrganisation,
  listLguStaff,
  listOrganisationMembers,
  removeLguRole,
} from "../../app/modules/organisations/memberships.server";
import { createOrganisation, getOrganisation, listMine } from "../../app/modules/organisations/organisations.server";
import { lguStaffActionSchema, organisationSchema } from "../../app/modules/organisations/schema";
import { AppError } from "../../app/utils/errors";
import { setupTestDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { capturingEmail, expireInvitation, query, testPlace } from "../support/org-factories";

const db = setupTestDatabase();
const mail = capturingEmail();
const options = { locale: "en", baseUrl: "https://tulay.test" };

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal, but it succeeded");
}

const tokenFrom = (text: string) => text.match(/\/invitations\/([A-Za-z0-9_-]{43})/)?.[1] ?? "";

let placeId: string;
beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port });
  placeId = await testPlace(db().url);
});
beforeEach(() => {
  mail.sent.length = 0;
});

async function newAssociation(name = `Samahang Taga-${crypto.randomBytes(2).toString("hex")} ng Toronto`) {
  const officer = await createUser(db().url, { displayName: "Officer Cruz" });
  const input = organisationSchema.parse({
    kind: "association",
    associationLevel: "local",
    name,
    homePlaceId: placeId,
    countryAbroad: "ca",
  });
  const organisation = await createOrganisation(officer.claims, input, "en");
  return { officer, organisation };
}

describe("creating an organisation", () => {
  it("makes the creator its officer, gives it a unique slug, and keeps it private until verified", async () => {
    const { officer, organisation } = await newAssociation("Samahang Nagueño ng Toronto");
    expect(organisation.slug).toBe("samahang-nagueno-ng-toronto");
    const mine = await listMine(officer.claims);
    expect(mine.organisations).toEqual([
      expect.objectContaining({ slug: organisation.slug, role: "officer", verificationStatus: "unverified" }),
    ]);

    const second = await newAssociation("Samahang Nagueño ng Toronto");
    expect(second.organisation.slug).toBe("samahang-nagueno-ng-toronto-2");

    // The public (and other members) cannot see it; its officer sees it with their role.
    expect(await getOrganisation(null, organisation.slug)).toBeNull();
    expect(await getOrganisation(second.officer.claims, organisation.slug)).toBeNull();
    expect((await getOrganisation(officer.claims, organisation.slug))?.role).toBe("officer");
  });

  it("refuses an association without level or home town, with translation keys", () => {
    const result = organisationSchema.safeParse({ kind: "association", name: "Kababayan" });
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(messages).toEqual([
      "associationLevel:organisations:validation.levelRequired",
      "homePlaceId:organisations:validation.homePlaceRequired",
    ]);
    // Employers need neither.
    expect(organisationSchema.safeParse({ kind: "employer", name: "Naga Agri Corp" }).success).toBe(true);
  });

  it("refuses a home place that does not exist, and writes nothing", async () => {
    const user = await createUser(db().url);
    const input = organisationSchema.parse({ kind: "ngo", name: "Ghost NGO", homePlaceId: crypto.randomUUID() });
    const error = await refusal(createOrganisation(user.claims, input, "en"));
    expect(error).toBeInstanceOf(FormProblem);
    expect(error.messageKey).toBe("organisations:validation.placeRequired");
    expect((await listMine(user.claims)).organisations).toEqual([]);
  });
});

describe("registering an LGU", () => {
  it("registers it unverified and hidden from the public, with its registrant as admin", async () => {
    const registrant = await createUser(db().url);
    const lgu = await registerLgu(registrant.claims, {
      name: "Municipality of Testbayan",
      placeId,
      contactEmail: "mayor@testbayan.example",
    });
    expect(lgu.slug).toBe("municipality-of-testbayan");
    expect(await db().client.withRls(null, (tx) => getLguBySlug(tx, lgu.slug))).toBeNull();
    const staff = await listLguStaff(registrant.claims, lgu.id);
    expect(staff).toEqual([
      expect.objectContaining({ userId: registrant.id, isMe: true, roles: [expect.objectContaining({ role: "admin" })] }),
    ]);
  });
});

describe("invitations", () => {
  it("emails a link whose token is random and stored only as its SHA-256; the invited address accepts", async () => {
    const { officer, organisation } = await newAssociation();
    const invitee = await createUser(db().url, { displayName: "Invitee Santos" });
    const invited = await inviteByEmail(officer.claims, { organisationId: organisation.id, role: "member" }, invitee.email, options);

    expect(invited.token).toMatch(INVITATION_TOKEN);
    expect(mail.sent).toHaveLength(1);
    expect(mail.sent[0]).toMatchObject({ to: invitee.email, template: "invitation" });
    expect(mail.sent[0]!.text).toContain("Officer Cruz");
    expect(tokenFrom(mail.sent[0]!.text)).toBe(invited.token);
    const [stored] = await query<{ token_hash: string; days: number }>(
      db().url,
      (sql) =>
        sql`select token_hash, round(extract(epoch from expires_at - now()) / 86400)::int as days from invitations where id = ${invited.id}`
    );
    expect(stored?.token_hash).toBe(crypto.createHash("sha256").update(invited.token).digest("hex"));
    expect(stored?.token_hash).not.toContain(invited.token);
    expect(stored?.days).toBe(14);

    // The invitee sees it listed, and what it is for (the organisation is not public yet).
    expect(await listMyInvitations(invitee.claims)).toEqual([
      expect.objectContaining({ id: invited.id, kind: "organisation", targetName: expect.stringContaining("Samahang"), role: "member" }),
    ]);
    expect(await describeInvitation(invited.token, invitee.claims)).toMatchObject({ forYou: true, status: "pending", expired: false });

    const target = await respondToInvitation(invitee.claims, invited.token, true);
    expect(target.organisationSlug).toBe(organisation.slug);
    const members = await listOrganisationMembers(officer.claims, organisation.id);
    expect(members.map((m) => [m.displayName, m.role])).toEqual([
      ["Officer Cruz", "officer"],
      ["Invitee Santos", "member"],
    ]);
    // Used once: a second answer is refused.
    expect((await refusal(respondToInvitation(invitee.claims, invited.token, true))).messageKey).toBe(
      "organisations:invitations.errors.invalid"
    );
  });

  it("refuses someone signed in with another email, and changes nothing", async () => {
    const { officer, organisation } = await newAssociation();
    const invited = await inviteByEmail(
      officer.claims,
      { organisationId: organisation.id, role: "member" },
      "someone.else@example.test",
      options
    );
    const stranger = await createUser(db().url);
    expect(await describeInvitation(invited.token, stranger.claims)).toMatchObject({ forYou: false });
    const error = await refusal(respondToInvitation(stranger.claims, invited.token, true));
    expect(error.messageKey).toBe("organisations:invitations.errors.wrongEmail");
    expect(error.status).toBe(403);
    expect((await listOrganisationMembers(officer.claims, organisation.id)).map((m) => m.userId)).toEqual([officer.id]);
    expect(await listPendingInvitations(officer.claims, { organisationId: organisation.id })).toHaveLength(1);
  });

  it("refuses an expired invitation with its own message", async () => {
    const { officer, organisation } = await newAssociation();
    const invitee = await createUser(db().url);
    const invited = await inviteByEmail(officer.claims, { organisationId: organisation.id, role: "member" }, invitee.email, options);
    await expireInvitation(db().url, invited.id);
    expect(await describeInvitation(invited.token, invitee.claims)).toMatchObject({ expired: true });
    const error = await refusal(respondToInvitation(invitee.claims, invited.token, true));
    expect(error.messageKey).toBe("organisations:invitations.errors.expired");
    expect(await listMyInvitations(invitee.claims)).toEqual([]);
    expect(await listOrganisationMembers(officer.claims, organisation.id)).toHaveLength(1);
  });

  it("refuses a revoked invitation", async () => {
    const { officer, organisation } = await newAssociation();
    const invitee = await createUser(db().url);
    const invited = await inviteByEmail(officer.claims, { organisationId: organisation.id, role: "officer" }, invitee.email, options);
    await revokeInvitation(officer.claims, { organisationId: organisation.id }, invited.id);
    const error = await refusal(respondToInvitation(invitee.claims, invited.token, true));
    expect(error.messageKey).toBe("organisations:invitations.errors.revoked");
    expect(await listOrganisationMembers(officer.claims, organisation.id)).toHaveLength(1);
    // Revoking twice finds nothing left to revoke.
    expect((await refusal(revokeInvitation(officer.claims, { organisationId: organisation.id }, invited.id))).status).toBe(404);
  });

  it("refuses a malformed or unknown token", async () => {
    const user = await createUser(db().url);
    expect(await describeInvitation("not-a-token", user.claims)).toBeNull();
    const unknown = crypto.randomBytes(32).toString("base64url");
    expect(await describeInvitation(unknown, user.claims)).toBeNull();
    expect((await refusal(respondToInvitation(user.claims, unknown, true))).messageKey).toBe("organisations:invitations.errors.invalid");
  });

  it("lets only admins and officers invite, once per address", async () => {
    const { officer, organisation } = await newAssociation();
    const member = await createUser(db().url);
    const invitedMember = await inviteByEmail(officer.claims, { organisationId: organisation.id, role: "member" }, member.email, options);
    await respondToMyInvitation(member.claims, invitedMember.id, true);

    const error = await refusal(
      inviteByEmail(member.claims, { organisationId: organisation.id, role: "officer" }, "friend@example.test", options)
    );
    expect(error.status).toBe(403);
    const again = await refusal(
      inviteByEmail(officer.claims, { organisationId: organisation.id, role: "member" }, "twice@example.test", options).then(() =>
        inviteByEmail(officer.claims, { organisationId: organisation.id, role: "member" }, "twice@example.test", options)
      )
    );
    expect(again.messageKey).toBe("organisations:invitations.errors.alreadyInvited");
    const emails = (await listPendingInvitations(officer.claims, { organisationId: organisation.id })).map((i) => i.email);
    expect(emails).toEqual(["twice@example.test"]);
  });

  it("writes the invitation email in the inviter's language", async () => {
    const organisationName = "Asociación Intipuqueña de Washington";
    const { officer, organisation } = await newAssociation(organisationName);
    await inviteByEmail(officer.claims, { organisationId: organisation.id, role: "member" }, "amigo@example.test", {
      ...options,
      locale: "es",
    });
    const es = JSON.parse(readFileSync(path.resolve("public/locales/es/organisations.json"), "utf8"));
    expect(mail.sent[0]!.subject).toBe(es.invitations.email.subject.replace("{{target}}", organisationName));
    expect(mail.sent[0]!.text).toContain(es.roles.member);
  });
});

describe("the last admin and the last officer", () => {
  it("refuses removing an LGU's only admin with a translated message, then allows it once there is another", async () => {
    const admin = await createUser(db().url, { displayName: "Mayor Dela Cruz" });
    const lgu = await registerLgu(admin.claims, { name: "Municipality of Lastadmin", placeId, contactEmail: "hall@lastadmin.example" });
    const [own] = (await listLguStaff(admin.claims, lgu.id))[0]!.roles;

    const error = await refusal(removeLguRole(admin.claims, lgu.id, own!.membershipId));
    expect(error).toBeInstanceOf(FormProblem);
    expect(error.messageKey).toBe("organisations:staff.errors.lastAdmin");
    expect(error.status).toBe(409);
    expect((await refusal(leaveLgu(admin.claims, lgu.id))).messageKey).toBe("organisations:staff.errors.lastAdmin");
    expect(await listLguStaff(admin.claims, lgu.id)).toHaveLength(1);

    // A second admin joins through an invitation; now the first may step down.
    const colleague = await createUser(db().url, { displayName: "Vice Mayor Reyes" });
    const invited = await inviteByEmail(admin.claims, { lguId: lgu.id, role: "admin" }, colleague.email, options);
    expect((await respondToInvitation(colleague.claims, invited.token, true)).lguSlug).toBe(lgu.slug);
    await removeLguRole(admin.claims, lgu.id, own!.membershipId);
    const staff = await listLguStaff(colleague.claims, lgu.id);
    expect(staff.map((s) => [s.displayName, s.roles.map((r) => r.role)])).toEqual([["Vice Mayor Reyes", ["admin"]]]);
  });

  it("refuses the only officer leaving or being demoted", async () => {
    const { officer, organisation } = await newAssociation();
    expect((await refusal(leaveOrganisation(officer.claims, organisation.id))).messageKey).toBe("organisations:members.errors.lastOfficer");
    const [own] = await listOrganisationMembers(officer.claims, organisation.id);
    expect((await refusal(changeOrganisationRole(officer.claims, organisation.id, own!.membershipId, "member"))).messageKey).toBe(
      "organisations:members.errors.lastOfficer"
    );
    expect((await listOrganisationMembers(officer.claims, organisation.id))[0]?.role).toBe("officer");
  });

  it("keeps the staff form's refusal of bad input to translation keys", () => {
    const result = lguStaffActionSchema.safeParse({ intent: "invite", email: "not-an-email", role: "mayor" });
    expect(result.success ? [] : result.error.issues.map((i) => i.message)).toEqual([
      "organisations:validation.emailInvalid",
      "organisations:validation.roleRequired",
    ]);
  });
});

describe("the audit log of these actions", () => {
  it("records who granted, invited, accepted and removed, readable by the officer", async () => {
    const { officer, organisation } = await newAssociation();
    const invitee = await createUser(db().url, { displayName: "Audit Invitee" });
    const invited = await inviteByEmail(officer.claims, { organisationId: organisation.id, role: "member" }, invitee.email, options);
    await respondToInvitation(invitee.claims, invited.token, true);
    const members = await listOrganisationMembers(officer.claims, organisation.id);
    const { removeOrganisationMember } = await import("../../app/modules/organisations/memberships.server");
    await removeOrganisationMember(officer.claims, organisation.id, members.find((m) => m.userId === invitee.id)!.membershipId);

    const log = await listAuditEntries(officer.claims, { organisationId: organisation.id }, { page: 1 });
    const summary = log.entries.map((e) => [e.action, e.actorId, e.subjectName]).reverse();
    expect(summary).toEqual([
      ["organisation_memberships.insert", officer.id, "Officer Cruz"],
      ["invitations.insert", officer.id, null],
      ["organisation_memberships.insert", invitee.id, "Audit Invitee"],
      ["invitations.update", invitee.id, null],
      ["organisation_memberships.delete", officer.id, "Audit Invitee"],
    ]);
    // People named in entries the officer may read keep their names there (the database's
    // visible_display_names decides), even once they have left; strangers get none (tested below).
    expect(log.entries.at(-1)!.actorName).toBe("Officer Cruz");
    const accepted = log.entries.find((e) => e.action === "invitations.update")!;
    expect(accepted.changes).toContainEqual({ field: "status", before: "pending", after: "accepted" });
    // Tokens never reach the audit log.
    const raw = await query<{ n: number }>(
      db().url,
      (sql) =>
        sql`select count(*)::int as n from audit_log where before::text like ${`%${hashInvitationToken(
          invited.token
        )}%`} or after::text like ${`%${hashInvitationToken(invited.token)}%`}`
    );
    expect(raw[0]?.n).toBe(0);

    // Someone else reads none of it.
    const stranger = await createUser(db().url);
    expect((await listAuditEntries(stranger.claims, { organisationId: organisation.id }, { page: 1 })).total).toBe(0);
  });
});
