/**
 * Project photos and spending evidence: what sharp makes of an upload (upright WebP variants, no
 * metadata, never enlarged), what it refuses (not an image, too large, too many pixels, corrupt),
 * who may add and see them (RLS through the services and the routes), that refused uploads leave
 * no bytes behind, update photos, and evidence documents behind short-lived links.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { setAdapters } from "../../app/adapters/index.server";
import { createLocalStorage, verifyFileLink } from "../../app/adapters/storage/local.server";
import { getEnv } from "../../app/config/env.server";
import { setDbClient } from "../../app/db/client.server";
import { postUpdate } from "../../app/modules/projects/follow.server";
import { evidenceLink, reportSpending } from "../../app/modules/projects/ledger.server";
import {
  addProjectPhoto,
  describePhoto,
  listProjectPhotos,
  listUpdatePhotos,
  makeCover,
  MAX_PHOTO_BYTES,
  preparePhoto,
  readPhoto,
  removePhoto,
} from "../../app/modules/projects/photos.server";
import { AppError } from "../../app/utils/errors";
import { setupTestDatabase } from "../support/db";
import { addLguRole, createLgu, createUser } from "../support/factories";
import { samplePdf, tempUploadsDir } from "../support/org-factories";
import { createProject } from "../support/project-factories";
import { answer, context, postMultipart, routeCalls, url } from "../support/route-calls";

const db = setupTestDatabase();
const uploads = tempUploadsDir();
const storage = createLocalStorage({ root: uploads, secret: getEnv().SESSION_SECRET });
const { signedIn } = routeCalls(db);

type User = Awaited<ReturnType<typeof createUser>>;
let editor: User;
let treasurer: User;
let otherEditor: User;
let lgu: { id: string; slug: string };
let otherLgu: { id: string; slug: string };

beforeAll(async () => {
  setDbClient(db().client);
  setAdapters({ storage });
  const admin = await createUser(db().url);
  editor = await createUser(db().url);
  treasurer = await createUser(db().url);
  otherEditor = await createUser(db().url);
  lgu = await createLgu(db().url, { createdBy: admin.id, verificationStatus: "verified" });
  await addLguRole(db().url, lgu.id, editor.id, "editor");
  await addLguRole(db().url, lgu.id, treasurer.id, "treasurer");
  otherLgu = await createLgu(db().url, { createdBy: otherEditor.id, verificationStatus: "verified" });
  await addLguRole(db().url, otherLgu.id, otherEditor.id, "editor");
});

async function refusal(promise: Promise<unknown>): Promise<AppError & { field?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal, but it succeeded");
}

/** A camera-like JPEG (1600×1200 unless told) stored sideways (EXIF orientation 6), with GPS and camera tags. */
async function cameraJpeg(width = 1600, height = 1200) {
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
      .jpeg()
      .withExif({ IFD0: { Make: "PhoneMaker", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "13/1 37/1 0/1" } })
      .withMetadata({ orientation: 6 })
      .toBuffer(),
  );
}
const smallPng = async () => new Uint8Array(await sharp({ create: { width: 300, height: 200, channels: 4, background: "#c33" } }).png().toBuffer());

/** Files under the uploads folder for one project's photos or spending. */
const storedUnder = (projectId: string, kind: "photos" | "spending") => {
  try {
    return readdirSync(path.join(uploads, "projects", projectId, kind), { recursive: true }).filter((f) => /\.(webp|pdf|png|jpg)$/.test(String(f)));
  } catch {
    return [];
  }
};

describe("preparing a photo", () => {
  it("starts from a photo that does carry orientation and GPS tags (so the next test means something)", async () => {
    const meta = await sharp(await cameraJpeg()).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.toString("latin1")).toContain("PhoneMaker");
  });

  it("makes upright WebP variants of 480 and 1280 pixels with no metadata left", async () => {
    const variants = await preparePhoto(await cameraJpeg(2400, 1800));
    expect([...variants.keys()]).toEqual([480, 1280]);
    for (const [width, variant] of variants) {
      const meta = await sharp(variant.bytes).metadata();
      expect(meta.format).toBe("webp");
      // Orientation 6 means the camera held it sideways: upright it is 1800×2400, so portrait.
      expect([meta.width, meta.height]).toEqual([width, Math.round((width * 2400) / 1800)]);
      expect([variant.width, variant.height]).toEqual([meta.width, meta.height]);
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
    }
  });

  it("never enlarges a small photo", async () => {
    const variants = await preparePhoto(await smallPng());
    expect([...variants.values()].map((v) => [v.width, v.height])).toEqual([
      [300, 200],
      [300, 200],
    ]);
  });

  it("refuses what is not a JPEG, PNG or WebP image, whatever its name, and what is too big", async () => {
    const html = new TextEncoder().encode("<script>alert(1)</script>");
    expect(await refusal(preparePhoto(html))).toMatchObject({ messageKey: "projects:photos.errors.notAnImage", field: "photo" });
    expect(await refusal(preparePhoto(new Uint8Array(samplePdf())))).toMatchObject({ messageKey: "projects:photos.errors.notAnImage" });
    const gif = new Uint8Array(await sharp({ create: { width: 10, height: 10, channels: 3, background: "#000" } }).gif().toBuffer());
    expect(await refusal(preparePhoto(gif))).toMatchObject({ messageKey: "projects:photos.errors.notAnImage" });
    const jpeg = await cameraJpeg();
    expect(await refusal(preparePhoto(jpeg.slice(0, Math.floor(jpeg.length / 3))))).toMatchObject({ messageKey: "projects:photos.errors.notAnImage" });
    expect(await refusal(preparePhoto(new Uint8Array(MAX_PHOTO_BYTES + 1)))).toMatchObject({ messageKey: "projects:photos.errors.tooLarge" });
    // 8000×6000 compresses to a few kilobytes but would take 192 MB to decode.
    const huge = new Uint8Array(await sharp({ create: { width: 8000, height: 6000, channels: 3, background: "#fff" } }).png().toBuffer());
    expect(huge.byteLength).toBeLessThan(MAX_PHOTO_BYTES);
    expect(await refusal(preparePhoto(huge, "photo2"))).toMatchObject({ messageKey: "projects:photos.errors.tooManyPixels", field: "photo2" });
  });
});

describe("a project's photos", () => {
  it("an editor adds, describes, reorders and removes photos; the first is the cover", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", createdBy: editor.id });
    await addProjectPhoto(editor.claims, lgu.id, project.slug, { bytes: await cameraJpeg(), alt: "The river bank before work", language: "en" });
    await addProjectPhoto(editor.claims, lgu.id, project.slug, { bytes: await smallPng(), alt: "The new footbridge", language: "en" });
    let photos = await listProjectPhotos(null, project.id);
    expect(photos.map((p) => p.alt)).toEqual([{ en: "The river bank before work" }, { en: "The new footbridge" }]);
    expect(storedUnder(project.id, "photos")).toHaveLength(4);

    await describePhoto(editor.claims, lgu.id, project.slug, { photoId: photos[1]!.id, alt: "Ang bagong tulay", language: "fil" });
    await makeCover(editor.claims, lgu.id, project.slug, photos[1]!.id);
    photos = await listProjectPhotos(null, project.id);
    expect(photos.map((p) => p.alt)).toEqual([{ en: "The new footbridge", fil: "Ang bagong tulay" }, { en: "The river bank before work" }]);

    // Anyone may read a public project's photo; the bytes are the stored WebP.
    const bytes = await readPhoto(null, project.slug, photos[0]!.id, 480);
    expect(bytes?.contentType).toBe("image/webp");
    expect((await sharp(bytes!.body).metadata()).width).toBe(300);

    await removePhoto(editor.claims, lgu.id, project.slug, photos[1]!.id);
    expect(await listProjectPhotos(null, project.id)).toHaveLength(1);
    expect(storedUnder(project.id, "photos")).toHaveLength(2);
    expect(await readPhoto(null, project.slug, photos[1]!.id, 480)).toBeNull();
  });

  it("refuses an editor of another LGU and a treasurer, and leaves no bytes behind", async () => {
    const project = await createProject(db().url, lgu.id, { status: "fundraising", createdBy: editor.id });
    const upload = { bytes: await smallPng(), alt: "Not theirs to add", language: "en" };
    expect(await refusal(addProjectPhoto(otherEditor.claims, lgu.id, project.slug, upload))).toMatchObject({ status: 403 });
    expect(await refusal(addProjectPhoto(treasurer.claims, lgu.id, project.slug, upload))).toMatchObject({ status: 403 });
    expect(await listProjectPhotos(editor.claims, project.id)).toHaveLength(0);
    expect(storedUnder(project.id, "photos")).toHaveLength(0);
  });

  it("keeps a draft's photos to its LGU's staff", async () => {
    const draft = await createProject(db().url, lgu.id, { status: "draft", createdBy: editor.id });
    await addProjectPhoto(editor.claims, lgu.id, draft.slug, { bytes: await smallPng(), alt: "Site survey", language: "en" });
    const [photo] = await listProjectPhotos(editor.claims, draft.id);
    expect(await readPhoto(editor.claims, draft.slug, photo!.id, 1280)).not.toBeNull();
    expect(await readPhoto(null, draft.slug, photo!.id, 1280)).toBeNull();
    expect(await readPhoto(otherEditor.claims, draft.slug, photo!.id, 1280)).toBeNull();
    // The same id under another project's address finds nothing.
    const other = await createProject(db().url, lgu.id, { status: "fundraising", createdBy: editor.id });
    expect(await readPhoto(editor.claims, other.slug, photo!.id, 1280)).toBeNull();
  });

  it("an update carries its photos, each with its description", async () => {
    const project = await createProject(db().url, lgu.id, { status: "in_progress", createdBy: editor.id });
    const photos = [
      { alt: { en: "Pipes delivered" }, variants: await preparePhoto(await smallPng()) },
      { alt: { en: "Trench dug" }, variants: await preparePhoto(await cameraJpeg(800, 600)) },
    ];
    await postUpdate(editor.claims, lgu.id, project.slug, { language: "en", body: "The pipes arrived this week.", photos }, "https://tulay.test");
    const [update] = await db().client.sql<{ id: string }[]>`select id from project_updates where project_id = ${project.id}`;
    expect((await listUpdatePhotos(null, [update!.id])).map((p) => p.alt)).toEqual([{ en: "Pipes delivered" }, { en: "Trench dug" }]);
    // Update photos are not the project's gallery.
    expect(await listProjectPhotos(null, project.id)).toHaveLength(0);

    // Refused (another LGU's editor): neither the update nor any bytes remain.
    const before = storedUnder(project.id, "photos").length;
    expect(await refusal(postUpdate(otherEditor.claims, lgu.id, project.slug, { language: "en", body: "Not theirs to post.", photos }, "https://tulay.test"))).toMatchObject({
      status: 403,
    });
    expect(storedUnder(project.id, "photos")).toHaveLength(before);
    expect(await db().client.sql`select 1 from project_updates where project_id = ${project.id}`).toHaveLength(1);
  });
});

describe("the routes", () => {
  it("the photos page stores a good upload, and answers a bad file or a missing description beside its field, saving nothing", async () => {
    const photosPage = await import("../../app/routes/manage.$lgu.projects.$project_.photos");
    const pageEditor = await signedIn("photos.editor@example.org");
    await addLguRole(db().url, lgu.id, pageEditor.id, "editor");
    const project = await createProject(db().url, lgu.id, { status: "fundraising", createdBy: editor.id });
    const params = { lgu: lgu.slug, project: project.slug };
    const path = `/manage/${lgu.slug}/projects/${project.slug}/photos`;
    const send = (fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type: string }) =>
      answer(() => photosPage.action({ request: postMultipart(path, pageEditor.cookie, fields, file ? { photo: file } : {}), params, context }));

    const fake = await send({ language: "en", alt: "A picture" }, { name: "holiday.jpg", bytes: new TextEncoder().encode("MZ not a picture"), type: "image/jpeg" });
    expect(fake.status).toBe(400);
    expect(await fake.json()).toMatchObject({ reply: { form: "photo-new", error: { photo: ["projects:photos.errors.notAnImage"] } } });

    const tooBig = await send({ language: "en", alt: "A picture" }, { name: "big.jpg", bytes: new Uint8Array(MAX_PHOTO_BYTES + 10), type: "image/jpeg" });
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ reply: { form: "photo-new", error: { photo: ["projects:photos.errors.tooLarge"] } } });

    const noAlt = await send({ language: "en", alt: "" }, { name: "bridge.png", bytes: await smallPng(), type: "image/png" });
    expect(noAlt.status).toBe(400);
    expect(await noAlt.json()).toMatchObject({ reply: { error: { alt: ["projects:photos.validation.altRequired"] } } });

    const noFile = await send({ language: "en", alt: "The bridge" });
    expect(await noFile.json()).toMatchObject({ reply: { error: { photo: ["projects:photos.validation.fileRequired"] } } });
    expect(await listProjectPhotos(null, project.id)).toHaveLength(0);
    expect(storedUnder(project.id, "photos")).toHaveLength(0);

    const saved = await send({ language: "en", alt: "The bridge" }, { name: "bridge.png", bytes: await smallPng(), type: "image/png" });
    expect(saved.status).toBe(302);
    const [photo] = await listProjectPhotos(null, project.id);
    expect(photo?.alt).toEqual({ en: "The bridge" });

    // The public address serves it, cacheable, to anyone; a wrong width or id is a 404.
    const photoRoute = await import("../../app/routes/projects.$slug_.photos.$photo.$width");
    const served = await answer(() =>
      photoRoute.loader({ request: new Request(url(`/projects/${project.slug}/photos/${photo!.id}/480`)), params: { slug: project.slug, photo: photo!.id, width: "480" }, context }),
    );
    expect(served.status).toBe(200);
    expect(served.headers.get("Content-Type")).toBe("image/webp");
    expect(served.headers.get("Cache-Control")).toBe("public, max-age=86400");
    const wrongWidth = await answer(() =>
      photoRoute.loader({ request: new Request(url("/")), params: { slug: project.slug, photo: photo!.id, width: "4000" }, context }),
    );
    expect(wrongWidth.status).toBe(404);
  });
});

describe("the project page's forms", () => {
  it("an update takes photos each with its own description; a photo without one is refused beside it and nothing is posted", async () => {
    const projectPage = await import("../../app/routes/manage.$lgu.projects.$project");
    const pageEditor = await signedIn("update.editor@example.org");
    await addLguRole(db().url, lgu.id, pageEditor.id, "editor");
    const project = await createProject(db().url, lgu.id, { status: "in_progress", createdBy: editor.id });
    const params = { lgu: lgu.slug, project: project.slug };
    const path = `/manage/${lgu.slug}/projects/${project.slug}`;
    const photo = { name: "site.png", bytes: await smallPng(), type: "image/png" };
    const send = (fields: Record<string, string>, files: Record<string, typeof photo>) =>
      answer(() => projectPage.action({ request: postMultipart(path, pageEditor.cookie, { intent: "update", language: "en", ...fields }, files), params, context }));

    const noAlt = await send({ body: "Work on the intake has started.", alt1: "The intake", alt2: "" }, { photo1: photo, photo2: photo });
    expect(noAlt.status).toBe(400);
    expect(await noAlt.json()).toMatchObject({ reply: { form: "update", error: { alt2: ["projects:photos.validation.altRequired"] } } });
    const tooBig = await send({ body: "Work on the intake has started.", alt1: "The intake" }, { photo1: { ...photo, bytes: new Uint8Array(MAX_PHOTO_BYTES + 1) } });
    expect(await tooBig.json()).toMatchObject({ reply: { form: "update", error: { photo1: ["projects:photos.errors.tooLarge"] } } });
    expect(await db().client.sql`select 1 from project_updates where project_id = ${project.id}`).toHaveLength(0);
    expect(storedUnder(project.id, "photos")).toHaveLength(0);

    const posted = await send({ body: "Work on the intake has started.", alt1: "The intake", alt3: "The crew" }, { photo1: photo, photo3: photo });
    expect(posted.status).toBe(302);
    const [update] = await db().client.sql<{ id: string }[]>`select id from project_updates where project_id = ${project.id}`;
    expect((await listUpdatePhotos(null, [update!.id])).map((p) => p.alt)).toEqual([{ en: "The intake" }, { en: "The crew" }]);
  });

  it("a spending report's evidence over 5 MB is answered beside its field", async () => {
    const projectPage = await import("../../app/routes/manage.$lgu.projects.$project");
    const pageTreasurer = await signedIn("page.treasurer@example.org");
    await addLguRole(db().url, lgu.id, pageTreasurer.id, "treasurer");
    const project = await createProject(db().url, lgu.id, { status: "in_progress", createdBy: editor.id });
    const request = postMultipart(
      `/manage/${lgu.slug}/projects/${project.slug}`,
      pageTreasurer.cookie,
      { intent: "spending", amount: "100", spentOn: "2026-11-10", payee: "Supplier", category: "materials" },
      { evidence: { name: "big.pdf", bytes: new Uint8Array(5 * 1024 * 1024 + 1), type: "application/pdf" } },
    );
    const answered = await answer(() => projectPage.action({ request, params: { lgu: lgu.slug, project: project.slug }, context }));
    expect(answered.status).toBe(400);
    expect(await answered.json()).toMatchObject({ reply: { form: "spending", error: { evidence: ["projects:ledger.errors.evidenceTooLarge"] } } });
    expect(await db().client.sql`select 1 from spending_reports where project_id = ${project.id}`).toHaveLength(0);
  });
});

describe("spending evidence", () => {
  it("a treasurer attaches a receipt; anyone may open it through a short-lived link while the project is public", async () => {
    const project = await createProject(db().url, lgu.id, { status: "in_progress", createdBy: editor.id });
    const spending = { amount: "1250.00", spentOn: "2026-11-10", payee: "Hardware store", category: "materials" };
    await reportSpending(treasurer.claims, lgu.id, project.slug, spending, { name: "Resibo #12 (Nov).pdf", bytes: new Uint8Array(samplePdf("OR 12")) });
    const [report] = await db().client.sql<{ id: string; evidence_path: string; evidence_filename: string; evidence_content_type: string; evidence_size: number }[]>`
      select id, evidence_path, evidence_filename, evidence_content_type, evidence_size from spending_reports where project_id = ${project.id}`;
    expect(report!.evidence_path).toMatch(new RegExp(`^projects/${project.id}/spending/[0-9a-f-]{36}/Resibo-12-Nov\\.pdf$`));
    expect([report!.evidence_filename, report!.evidence_content_type, report!.evidence_size]).toEqual(["Resibo-12-Nov.pdf", "application/pdf", samplePdf("OR 12").byteLength]);

    const link = new URL((await evidenceLink(null, project.slug, report!.id))!, "https://tulay.test");
    expect(link.pathname).toBe(`/files/${report!.evidence_path}`);
    const expires = Number(link.searchParams.get("expires"));
    expect(expires * 1000 - Date.now()).toBeLessThanOrEqual(120_000);
    expect(verifyFileLink(getEnv().SESSION_SECRET, report!.evidence_path, link.searchParams.get("expires"), link.searchParams.get("signature"))).toBe(true);
    expect(await evidenceLink(null, "some-other-project", report!.id)).toBeNull();
  });

  it("refuses a document that is not a PDF, PNG or JPEG, and a report by someone who may not file one, keeping nothing", async () => {
    const project = await createProject(db().url, lgu.id, { status: "in_progress", createdBy: editor.id });
    const spending = { amount: "99", spentOn: "2026-11-10", payee: "Someone", category: "other" };
    expect(
      await refusal(reportSpending(treasurer.claims, lgu.id, project.slug, spending, { name: "receipt.pdf", bytes: new TextEncoder().encode("<html>not a receipt</html>") })),
    ).toMatchObject({ field: "evidence", messageKey: "projects:ledger.errors.evidenceType" });
    expect(await refusal(reportSpending(editor.claims, lgu.id, project.slug, spending, { name: "receipt.pdf", bytes: new Uint8Array(samplePdf()) }))).toMatchObject({
      status: 403,
    });
    expect(await db().client.sql`select 1 from spending_reports where project_id = ${project.id}`).toHaveLength(0);
    expect(storedUnder(project.id, "spending")).toHaveLength(0);
  });

  it("keeps a draft's evidence from the public", async () => {
    const draft = await createProject(db().url, lgu.id, { status: "draft", createdBy: editor.id });
    await reportSpending(treasurer.claims, lgu.id, draft.slug, { amount: "10", spentOn: "2026-11-10", payee: "Surveyor", category: "services" }, {
      name: "survey.pdf",
      bytes: new Uint8Array(samplePdf()),
    });
    const [report] = await db().client.sql<{ id: string }[]>`select id from spending_reports where project_id = ${draft.id}`;
    expect(await evidenceLink(null, draft.slug, report!.id)).toBeNull();
    expect(await evidenceLink(treasurer.claims, draft.slug, report!.id)).not.toBeNull();
  });
});
