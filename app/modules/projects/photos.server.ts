/**
 * Project photos: an upload is decoded with sharp (so a file that is not really an image is refused
 * whatever its name or declared type), turned upright, and stored as WebP variants of fixed widths
 * with every piece of metadata dropped (GPS position, camera, owner). The row is written as the
 * editor, so RLS decides who may add photos; if it refuses, the stored bytes are removed again.
 */
import crypto from "node:crypto";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import sharp from "sharp";
import { getStoragePort } from "~/adapters/index.server";
import type { StoragePort } from "~/adapters/storage/port";
import { withRls, type JwtClaims } from "~/db/client.server";
import { projectPhotos, projects, type LocalizedText } from "~/db/schema";
import { FormProblem } from "~/modules/organisations/errors.server";

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** Larger images are refused before decoding (a small file can still hold a huge image). */
export const MAX_PHOTO_PIXELS = 40_000_000;
export const PHOTO_WIDTHS = [480, 1280] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];
export const MAX_PROJECT_PHOTOS = 12;
export const MAX_UPDATE_PHOTOS = 3;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);

export interface PhotoVariant {
  width: number;
  height: number;
  bytes: Uint8Array;
}

/**
 * The WebP variants of an uploaded image, or a FormProblem for `field` when the bytes are not a
 * JPEG, PNG or WebP image, or are too large. Never enlarges a small photo.
 */
export async function preparePhoto(bytes: Uint8Array, field = "photo"): Promise<Map<PhotoWidth, PhotoVariant>> {
  if (bytes.byteLength > MAX_PHOTO_BYTES) throw new FormProblem(field, "projects:photos.errors.tooLarge");
  let format: string | undefined;
  let pixels = 0;
  try {
    const metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
    format = metadata.format;
    pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
  } catch {
    throw new FormProblem(field, "projects:photos.errors.notAnImage");
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new FormProblem(field, "projects:photos.errors.notAnImage");
  if (pixels > MAX_PHOTO_PIXELS) throw new FormProblem(field, "projects:photos.errors.tooManyPixels");
  const variants = new Map<PhotoWidth, PhotoVariant>();
  try {
    for (const width of PHOTO_WIDTHS) {
      // rotate() with no angle applies the EXIF orientation; no withMetadata(), so none is kept.
      const { data, info } = await sharp(bytes, { limitInputPixels: MAX_PHOTO_PIXELS, failOn: "error" })
        .rotate()
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer({ resolveWithObject: true });
      variants.set(width, { width: info.width, height: info.height, bytes: new Uint8Array(data) });
    }
  } catch {
    // A header that decodes but a body that does not: a truncated or corrupt file.
    throw new FormProblem(field, "projects:photos.errors.notAnImage");
  }
  return variants;
}

export const photoStorageKey = (projectId: string, photoId: string) => `projects/${projectId}/photos/${photoId}`;
export const variantKey = (storageKey: string, width: PhotoWidth) => `${storageKey}/${width}.webp`;

export function isPhotoWidth(value: string | undefined): value is `${PhotoWidth}` {
  return PHOTO_WIDTHS.some((w) => String(w) === value);
}

/** The public address of a photo variant (served by /projects/:slug/photos/:id/:width). */
export const photoUrl = (projectSlug: string, photoId: string, width: PhotoWidth) => `/projects/${projectSlug}/photos/${photoId}/${width}`;

export interface NewPhoto {
  alt: LocalizedText;
  variants: Map<PhotoWidth, PhotoVariant>;
}

type PhotoInsert = typeof projectPhotos.$inferInsert;

/** Puts one photo's variants in storage; removes what it wrote if one fails. */
async function storeVariants(storage: StoragePort, storageKey: string, variants: Map<PhotoWidth, PhotoVariant>) {
  const written: string[] = [];
  try {
    for (const [width, variant] of variants) {
      const key = variantKey(storageKey, width);
      await storage.put(key, variant.bytes, "image/webp");
      written.push(key);
    }
  } catch (error) {
    await Promise.allSettled(written.map((key) => storage.remove(key)));
    throw error;
  }
}

const refusedByDatabase = (error: unknown): never => {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code === "42501") throw new FormProblem("", "projects:errors.notAllowed", 403);
  throw error;
};

/**
 * Stores photos of a project, then lets `write` insert their rows (in whatever transaction it
 * runs, as the caller). Storage comes first, since a row must never name bytes that are not there;
 * if `write` fails (RLS, a closed project…), the bytes are removed again and the error goes on.
 */
export async function withStoredPhotos<T>(
  projectId: string,
  photos: NewPhoto[],
  write: (rows: PhotoInsert[]) => Promise<T>,
  storage = getStoragePort(),
): Promise<T> {
  const rows = photos.map((photo): PhotoInsert => {
    const id = crypto.randomUUID();
    const largest = [...photo.variants.values()].at(-1)!;
    return { id, projectId, storageKey: photoStorageKey(projectId, id), width: largest.width, height: largest.height, alt: photo.alt };
  });
  const removeAll = () => Promise.allSettled(rows.flatMap((row) => PHOTO_WIDTHS.map((w) => storage.remove(variantKey(row.storageKey, w)))));
  try {
    for (const [i, row] of rows.entries()) await storeVariants(storage, row.storageKey, photos[i]!.variants);
    return await write(rows);
  } catch (error) {
    await removeAll();
    throw error;
  }
}

export interface PhotoRow {
  id: string;
  updateId: string | null;
  width: number;
  height: number;
  alt: LocalizedText;
  position: number;
}

const photoColumns = {
  id: projectPhotos.id,
  updateId: projectPhotos.updateId,
  width: projectPhotos.width,
  height: projectPhotos.height,
  alt: projectPhotos.alt,
  position: projectPhotos.position,
};

/** A project's own photos (not its updates'), cover first, as the caller may see them. */
export function listProjectPhotos(claims: JwtClaims | null, projectId: string): Promise<PhotoRow[]> {
  return withRls(claims, (tx) =>
    tx
      .select(photoColumns)
      .from(projectPhotos)
      .where(and(eq(projectPhotos.projectId, projectId), isNull(projectPhotos.updateId)))
      .orderBy(asc(projectPhotos.position), asc(projectPhotos.createdAt)),
  );
}

/** The photos of some updates, in upload order. */
export function listUpdatePhotos(claims: JwtClaims | null, updateIds: string[]): Promise<PhotoRow[]> {
  if (updateIds.length === 0) return Promise.resolve([]);
  return withRls(claims, (tx) =>
    tx.select(photoColumns).from(projectPhotos).where(inArray(projectPhotos.updateId, updateIds)).orderBy(asc(projectPhotos.position), asc(projectPhotos.createdAt)),
  );
}

async function managedProject(claims: JwtClaims, lguId: string, slug: string) {
  const [row] = await withRls(claims, (tx) =>
    tx.select({ id: projects.id, status: projects.status }).from(projects).where(and(eq(projects.lguId, lguId), eq(projects.slug, slug))),
  );
  if (!row) throw new FormProblem("", "projects:errors.notFound", 404);
  return row;
}

/** Adds one photo to a project's gallery, at the end. */
export async function addProjectPhoto(claims: JwtClaims, lguId: string, slug: string, input: { bytes: Uint8Array; alt: string; language: string }) {
  const project = await managedProject(claims, lguId, slug);
  const existing = await listProjectPhotos(claims, project.id);
  if (existing.length >= MAX_PROJECT_PHOTOS) throw new FormProblem("photo", "projects:photos.errors.tooMany");
  const variants = await preparePhoto(input.bytes);
  const position = existing.reduce((max, p) => Math.max(max, p.position + 1), 0);
  await withStoredPhotos(project.id, [{ alt: { [input.language]: input.alt }, variants }], (rows) =>
    withRls(claims, (tx) => tx.insert(projectPhotos).values(rows.map((row) => ({ ...row, position, uploadedBy: claims.sub })))),
  ).catch(refusedByDatabase);
}

/** Sets one language of a photo's alt text, keeping the others (jsonb ||, in the update itself). */
export async function describePhoto(claims: JwtClaims, lguId: string, slug: string, input: { photoId: string; alt: string; language: string }) {
  const project = await managedProject(claims, lguId, slug);
  const changed = await withRls(claims, (tx) =>
    tx
      .update(projectPhotos)
      .set({ alt: sql`${projectPhotos.alt} || ${JSON.stringify({ [input.language]: input.alt })}::jsonb` })
      .where(and(eq(projectPhotos.id, input.photoId), eq(projectPhotos.projectId, project.id)))
      .returning({ id: projectPhotos.id }),
  ).catch(refusedByDatabase);
  if (changed.length === 0) throw new FormProblem("", "projects:photos.errors.gone", 404);
}

/** Makes a photo the cover: it moves before every other photo of the project. */
export async function makeCover(claims: JwtClaims, lguId: string, slug: string, photoId: string) {
  const project = await managedProject(claims, lguId, slug);
  const photos = await listProjectPhotos(claims, project.id);
  if (!photos.some((p) => p.id === photoId)) throw new FormProblem("", "projects:photos.errors.gone", 404);
  const first = Math.min(...photos.map((p) => p.position));
  await withRls(claims, (tx) =>
    tx
      .update(projectPhotos)
      .set({ position: first - 1 })
      .where(and(eq(projectPhotos.id, photoId), eq(projectPhotos.projectId, project.id))),
  ).catch(refusedByDatabase);
}

/** Removes a photo: the row as the editor (RLS decides), then its bytes. */
export async function removePhoto(claims: JwtClaims, lguId: string, slug: string, photoId: string, storage = getStoragePort()) {
  const project = await managedProject(claims, lguId, slug);
  const removed = await withRls(claims, (tx) =>
    tx
      .delete(projectPhotos)
      .where(and(eq(projectPhotos.id, photoId), eq(projectPhotos.projectId, project.id)))
      .returning({ storageKey: projectPhotos.storageKey }),
  ).catch(refusedByDatabase);
  if (removed.length === 0) throw new FormProblem("", "projects:photos.errors.gone", 404);
  await Promise.allSettled(PHOTO_WIDTHS.map((w) => storage.remove(variantKey(removed[0]!.storageKey, w))));
}

/**
 * The bytes of one variant, if the caller may see the photo (RLS on the row and its project), with
 * whether the public may see it too (so the response may be cached publicly).
 */
export async function readPhoto(claims: JwtClaims | null, projectSlug: string, photoId: string, width: PhotoWidth, storage = getStoragePort()) {
  if (!/^[0-9a-f-]{36}$/.test(photoId)) return null;
  const [row] = await withRls(claims, (tx) =>
    tx
      .select({ storageKey: projectPhotos.storageKey })
      .from(projectPhotos)
      .innerJoin(projects, eq(projects.id, projectPhotos.projectId))
      .where(and(eq(projectPhotos.id, photoId), eq(projects.slug, projectSlug))),
  );
  if (!row) return null;
  return storage.get(variantKey(row.storageKey, width));
}
