import crypto from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { createLocalStorage, verifyFileLink } from "../../app/adapters/storage/local.server";
import { getEnv } from "../../app/config/env.server";
import { setDbClient } from "../../app/db/client.server";
import { listAuditEntries } from "../../app/modules/audit/queries.server";
import { getLguBySlug } from "../../app/modules/lgus/queries.server";
import { FormProblem } from "../../app/modules/organisations/errors.server";
import { inviteByEmail, respondToInvitation } from "../../app/modules/organisations/invitations.server";
import { registerLgu } from "../../app/modules/organisations/lgus.server";
import { createOrganisation, getOrganisation } from "../../app/modules/organisations/organisations.server";
import { verificationDecisionSchema } from "../../app/modules/organisations/schema";
import {
  decideVerification,
  getRequestForReview,
  grantPlatformAdmin,
  listPendingRequests,
} from "../../app/modules/verification/admin.server";
import {
  MAX_EVIDENCE_BYTES,
  readEvidenceUpload,
  safeEvidenceFilename,
  sniffEvidenceType,
} from "../../app/modules/files/documents.server";
import { applyForVerification, applyFromForm, verificationHistory } from "../../app/modules/verification/requests.server";
import { loader as filesLoader } from "../../app/routes/files.$";
import { AppError } from "../../app/utils/errors";
import { setupTestDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { capturingEmail, grantPlatformAdminSql, pngBytes, samplePdf, tempUploadsDir, testPlace } from "../support/org-factories";

const db = setupTestDatabase();
const mail = capturingEmail();
const uploads = tempUploadsDir();
const storage = createLocalStorage({ root: uploads, secret: getEnv().SESSION_SECRET });
const site = { baseUrl: "https://tulay.test" };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal, but it succeeded");
}

const storedFiles = () => {
  try {
    return readdirSync(path.join(uploads, "verification"), { recursive: true }).filter(
      (f) => !String(f).endsWith(".type") && String(f).includes(".")
    );
  } catch {
    return [];
  }
};

let placeId: string;
let admin: Awaited<ReturnType<typeof createUser>>;
beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ email: mail.port, storage });
  placeId = await testPlace(db().url);
  admin = await createUser(db().url, { displayName: "Agency Reviewer" });
  await grantPlatformAdminSql(db().url, admin.id);
});
beforeEach(() => {
  mail.sent.length = 0;
});

async function newLgu() {
  const mayor = await createUser(db().url, { displayName: "Mayor Bautista" });
  const lgu = await registerLgu(mayor.claims, {
    name: `Municipality of ${crypto.randomBytes(3).toString("hex")}`,
    placeId,
    contactEmail: "hall@lgu.example",
  });
  return { mayor, lgu };
}

const pdf = () => ({ name: "Sangguniang Resolution 2026-14.pdf", bytes: new Uint8Array(samplePdf()) });

describe("evidence files", () => {
  it("recognises PDF, PNG and JPEG by their bytes, not their names", () => {
    expect(sniffEvidenceType(samplePdf())?.contentType).toBe("application/pdf");
    expect(sniffEvidenceType(pngBytes())?.contentType).toBe("image/png");
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.contentType).toBe("image/jpeg");
    expect(sniffEvidenceType(Buffer.from("%PDF is what this text pretends to be"))).toBeNull();
    expect(sniffEvidenceType(Buffer.from("<html><script>alert(1)</script>"))).toBeNull();
  });

  it("makes storage-safe names with the extension of the real type", () => {
    const type = sniffEvidenceType(samplePdf())!;
    expect(safeEvidenceFilename("../../etc/Résolution n°14.PDF", type)).toBe("Resolution-n-14.pdf");
    expect(safeEvidenceFilename("قرار.exe", type)).toBe("evidence.pdf");
  });

  it("turns an upload over 5 MB into a 'too large' answer, not an error", async () => {
    const form = new FormData();
    form.set("note", "big");
    form.set("evidence", new File([new Uint8Array(MAX_EVIDENCE_BYTES + 1)], "huge.pdf", { type: "application/pdf" }));
    const request = new Request("https://tulay.test/manage/x/verification", { method: "POST", body: form });
    expect(await readEvidenceUpload(request)).toEqual({ ok: false, problem: "tooLarge", field: "evidence" });
  });
});

describe("applying for verification", () => {
  it("stores a real PDF and makes the LGU pending", async () => {
    const { mayor, lgu } = await newLgu();
    const request = await applyForVerification(mayor.claims, { lguId: lgu.id }, { note: "Signed by the mayor", file: pdf() });
    expect(request).toMatchObject({
      status: "pending",
      evidenceContentType: "application/pdf",
      evidenceFilename: "Sangguniang Resolution 2026-14.pdf",
    });
    expect(request.evidencePath).toMatch(/^verification\/[0-9a-f-]{36}\/Sangguniang-Resolution-2026-14\.pdf$/);
    const stored = await storage.get(request.evidencePath);
    expect(Buffer.from(stored!.body).equals(samplePdf())).toBe(true);
    expect(stored!.contentType).toBe("application/pdf");

    const history = await verificationHistory(mayor.claims, { lguId: lgu.id });
    expect(history.map((h) => h.status)).toEqual(["pending"]);
    const [row] = await db().client.sql<{ status: string }[]>`select verification_status as status from lgus where id = ${lgu.id}`;
    expect(row?.status).toBe("pending");
    // Still not public while pending.
    expect(await db().client.withRls(null, (tx) => getLguBySlug(tx, lgu.slug))).toBeNull();
    // One open request at a time.
    expect((await refusal(applyForVerification(mayor.claims, { lguId: lgu.id }, { file: pdf() }))).messageKey).toBe(
      "organisations:verification.errors.alreadyPending"
    );
  });

  it("refuses a .pdf that is really text, and stores nothing", async () => {
    const { mayor, lgu } = await newLgu();
    const before = storedFiles().length;
    const error = await refusal(
      applyForVerification(
        mayor.claims,
        { lguId: lgu.id },
        { file: { name: "resolution.pdf", bytes: new TextEncoder().encode("just some text, honestly") } }
      )
    );
    expect(error).toBeInstanceOf(FormProblem);
    expect((error as FormProblem).field).toBe("evidence");
    expect(error.messageKey).toBe("organisations:verification.errors.fileType");
    expect(storedFiles().length).toBe(before);
    expect(await verificationHistory(mayor.claims, { lguId: lgu.id })).toEqual([]);
  });

  it("answers the form with a 400 beside the file field for a missing or too-large file", async () => {
    const { mayor, lgu } = await newLgu();
    const empty = new FormData();
    empty.set("note", "no file");
    empty.set("evidence", new File([], "", { type: "application/octet-stream" }));
    const missing = await applyFromForm(new Request("https://tulay.test/x", { method: "POST", body: empty }), mayor.claims, {
      lguId: lgu.id,
    });
    expect(missing).toMatchObject({ status: 400, reply: { error: { evidence: ["organisations:verification.errors.evidenceRequired"] } } });

    const big = new FormData();
    big.set("evidence", new File([new Uint8Array(MAX_EVIDENCE_BYTES + 10)], "big.pdf"));
    const tooLarge = await applyFromForm(new Request("https://tulay.test/x", { method: "POST", body: big }), mayor.claims, {
      lguId: lgu.id,
    });
    expect(tooLarge).toMatchObject({ status: 400, reply: { error: { evidence: ["organisations:verification.errors.tooLarge"] } } });

    const good = new FormData();
    good.set("note", "Resolution attached");
    good.set("evidence", new File([new Uint8Array(samplePdf())], "resolution.pdf", { type: "application/pdf" }));
    expect(
      await applyFromForm(new Request("https://tulay.test/x", { method: "POST", body: good }), mayor.claims, { lguId: lgu.id })
    ).toBeNull();
    expect((await verificationHistory(mayor.claims, { lguId: lgu.id }))[0]).toMatchObject({
      status: "pending",
      note: "Resolution attached",
    });
  });

  it("lets only an LGU's admins apply", async () => {
    const { mayor, lgu } = await newLgu();
    const editor = await createUser(db().url);
    const invited = await inviteByEmail(mayor.claims, { lguId: lgu.id, role: "editor" }, editor.email, { locale: "en", ...site });
    await respondToInvitation(editor.claims, invited.token, true);
    expect((await refusal(applyForVerification(editor.claims, { lguId: lgu.id }, { file: pdf() }))).status).toBe(403);
    const stranger = await createUser(db().url);
    expect((await refusal(applyForVerification(stranger.claims, { lguId: lgu.id }, { file: pdf() }))).status).toBe(403);
    expect(await verificationHistory(mayor.claims, { lguId: lgu.id })).toEqual([]);
  });
});

describe("deciding", () => {
  it("refuses a non-admin with 403 and leaves the request pending", async () => {
    const { mayor, lgu } = await newLgu();
    const request = await applyForVerification(mayor.claims, { lguId: lgu.id }, { file: pdf() });
    for (const who of [mayor, await createUser(db().url)]) {
      expect((await refusal(decideVerification(who.claims, request.id, { decision: "approve" }, site))).status).toBe(403);
      expect((await refusal(listPendingRequests(who.claims))).status).toBe(403);
      expect((await refusal(getRequestForReview(who.claims, request.id))).status).toBe(403);
    }
    expect((await verificationHistory(mayor.claims, { lguId: lgu.id }))[0]?.status).toBe("pending");
    expect(mail.sent).toEqual([]);
  });

  it("refuses a rejection without a reason; a rejection with one is emailed and shown to the applicant", async () => {
    const { mayor, lgu } = await newLgu();
    const request = await applyForVerification(mayor.claims, { lguId: lgu.id }, { file: pdf() });

    const parsed = verificationDecisionSchema.safeParse({ decision: "reject", reason: " " });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => i.message)).toEqual(["admin:validation.reasonRequired"]);
    const error = await refusal(decideVerification(admin.claims, request.id, { decision: "reject", reason: "no" }, site));
    expect(error.messageKey).toBe("admin:validation.reasonRequired");
    expect((await verificationHistory(mayor.claims, { lguId: lgu.id }))[0]?.status).toBe("pending");

    await decideVerification(admin.claims, request.id, { decision: "reject", reason: "The resolution is not signed." }, site);
    const [latest] = await verificationHistory(mayor.claims, { lguId: lgu.id });
    expect(latest).toMatchObject({ status: "rejected", decisionReason: "The resolution is not signed." });
    expect(mail.sent).toEqual([expect.objectContaining({ to: mayor.email, template: "verification-rejected" })]);
    expect(mail.sent[0]!.text).toContain("The resolution is not signed.");
    expect(mail.sent[0]!.text).toContain(`https://tulay.test/manage/${lgu.slug}/verification`);
    // Decided once: deciding again is refused; applying again is allowed.
    expect((await refusal(decideVerification(admin.claims, request.id, { decision: "approve" }, site))).messageKey).toBe(
      "admin:errors.alreadyDecided"
    );
    await applyForVerification(mayor.claims, { lguId: lgu.id }, { file: pdf() });
  });

  it("approves: the LGU becomes verified and public, the applicant is emailed, and the audit log says who", async () => {
    const { mayor, lgu } = await newLgu();
    const request = await applyForVerification(mayor.claims, { lguId: lgu.id }, { note: "Please", file: pdf() });
    const queue = await listPendingRequests(admin.claims);
    expect(queue.map((r) => r.id)).toContain(request.id);

    const review = await getRequestForReview(admin.claims, request.id);
    const link = new URL(review!.evidenceUrl, "https://tulay.test");
    expect(link.pathname).toBe(`/files/${request.evidencePath}`);
    expect(
      verifyFileLink(getEnv().SESSION_SECRET, request.evidencePath, link.searchParams.get("expires"), link.searchParams.get("signature"))
    ).toBe(true);
    expect(Number(link.searchParams.get("expires")) - Date.now() / 1000).toBeLessThanOrEqual(300);

    await decideVerification(admin.claims, request.id, { decision: "approve" }, site);
    const publicLgu = await db().client.withRls(null, (tx) => getLguBySlug(tx, lgu.slug));
    expect(publicLgu?.verificationStatus).toBe("verified");
    expect(publicLgu?.verifiedAt).toBeTruthy();
    expect(mail.sent).toEqual([expect.objectContaining({ to: mayor.email, template: "verification-approved" })]);
    expect((await listPendingRequests(admin.claims)).map((r) => r.id)).not.toContain(request.id);

    const log = await listAuditEntries(mayor.claims, { lguId: lgu.id }, { page: 1 });
    const byAction = (action: string) => log.entries.filter((e) => e.action === action).map((e) => e.actorId);
    expect(byAction("lgu_memberships.insert")).toEqual([mayor.id]);
    expect(byAction("verification_requests.insert")).toEqual([mayor.id]);
    expect(byAction("verification_requests.update")).toEqual([admin.id]);
    expect(byAction("lgus.update")).toEqual([admin.id, mayor.id]);
    const decided = log.entries.find((e) => e.action === "lgus.update" && e.actorId === admin.id)!;
    expect(decided.changes).toContainEqual(expect.objectContaining({ field: "verification_status", before: "pending", after: "verified" }));
    // The platform-wide log shows the same entries to the admin.
    const everything = await listAuditEntries(admin.claims, "everything", { page: 1, action: "verification_requests.update" });
    expect(everything.entries.some((e) => e.actorId === admin.id && e.actorName === "Agency Reviewer")).toBe(true);
  });

  it("verifies an association, which then appears to the public", async () => {
    const officer = await createUser(db().url);
    const organisation = await createOrganisation(
      officer.claims,
      { kind: "association", associationLevel: "federation", name: "Federation of Bicolano Associations", homePlaceId: placeId },
      "en"
    );
    expect(await getOrganisation(null, organisation.slug)).toBeNull();
    const request = await applyForVerification(
      officer.claims,
      { organisationId: organisation.id },
      { file: { name: "sec.png", bytes: new Uint8Array(pngBytes()) } }
    );
    await decideVerification(admin.claims, request.id, { decision: "approve" }, site);
    expect((await getOrganisation(null, organisation.slug))?.organisation.verificationStatus).toBe("verified");
    expect(mail.sent[0]!.text).toContain(`/me/organisations/${organisation.slug}/verification`);
  });
});

describe("serving evidence files", () => {
  it("serves a signed link as a download with safe headers, and 404s anything else", async () => {
    const { mayor, lgu } = await newLgu();
    const request = await applyForVerification(mayor.claims, { lguId: lgu.id }, { file: pdf() });
    const url = new URL(await storage.signedUrl(request.evidencePath, 300), "https://tulay.test");
    const call = (href: string) =>
      filesLoader({
        request: new Request(href),
        params: { "*": decodeURIComponent(new URL(href).pathname.replace(/^\/files\//, "")) },
        context: { cspNonce: "" },
      });

    const ok = await call(url.href);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("application/pdf");
    expect(ok.headers.get("Content-Disposition")).toBe('attachment; filename="Sangguniang-Resolution-2026-14.pdf"');
    expect(ok.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(ok.headers.get("Cache-Control")).toBe("private, no-store");
    expect(Buffer.from(await ok.arrayBuffer()).equals(samplePdf())).toBe(true);

    const tampered = new URL(url);
    tampered.searchParams.set("signature", "x".repeat(43));
    expect((await call(tampered.href)).status).toBe(404);
    const expired = new URL(url);
    expired.searchParams.set("expires", "1000");
    expect((await call(expired.href)).status).toBe(404);
    expect((await call(`https://tulay.test/files/${request.evidencePath}`)).status).toBe(404);
  });
});

describe("platform admins", () => {
  it("are granted by email through grantPlatformAdmin, once", async () => {
    const person = await createUser(db().url);
    expect(await grantPlatformAdmin("nobody@example.test")).toBeNull();
    expect(await grantPlatformAdmin(person.email.toUpperCase())).toEqual({ userId: person.id, granted: true });
    expect(await grantPlatformAdmin(person.email)).toEqual({ userId: person.id, granted: false });
    expect(await listPendingRequests(person.claims)).toEqual(expect.any(Array));
  });
});
