import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type sharpFn from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import { z } from 'zod';
import {
  ACCEPTED_LABEL,
  isAcceptedMime,
  parseRenditions,
  RENDITION_FORMATS,
  renditionWidths,
  type AcceptedMime,
  type MediaRendition,
  type RenditionFormat,
} from '../content/media.js';
import { slugFromHeadline } from '../content/slug.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  articlesEverUsingMedia,
  articlesUsingMedia,
  findMediaBySha,
  getMedia,
  insertMedia,
  listMedia,
  updateMedia,
  type MediaPatch,
  type MediaRow,
} from '../db/media-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { AppError, notFound, parseFields, validationFailed } from '../errors.js';
import { assertCan } from './authorize.js';
import { nowIso, type Deps } from './deps.js';
import { auditActor, type Principal } from './principal.js';
import { createWorkQueue, type WorkQueue } from './work-queue.js';

/**
 * The media library: uploads are checked (size, type from the bytes, pixel count and decoded size from the header),
 * cut into AVIF, WebP and JPEG renditions at several widths with sharp, one upload at a time (see the queue below),
 * stored under DATA_DIR/media/lib/ (served to readers) and recorded in the database. The original is kept under
 * DATA_DIR/originals/, which is never served: it may carry EXIF data (a photographer's GPS position) that the
 * renditions drop.
 */
export type MediaOptions = {
  /** DATA_DIR: renditions go to DATA_DIR/media/lib, originals to DATA_DIR/originals. */
  dataDir: string;
  /** MEDIA_MAX_MB in bytes. */
  maxBytes: number;
  /**
   * MEDIA_MAX_MEGAPIXELS in pixels. The decoded image may take at most this many pixels at 4 bytes each: an 8-bit
   * image of this size, or a 16-bit one of half.
   */
  maxPixels?: number;
  /** Where decoding waits its turn: the process's own queue unless a test brings its own. */
  queue?: WorkQueue;
};

// 50 megapixels holds the 45-megapixel cameras of press photographers; decoded whole (as a photo turned by its EXIF
// orientation, or an AVIF, is) that is up to 200 MB, which the queue lets only one upload at a time take.
export const DEFAULT_MAX_PIXELS = 50_000_000;
export const DEFAULT_MEDIA_MAX_BYTES = 20 * 1024 * 1024;
/** Bytes a decoded pixel may take on average: RGBA at 8 bits per channel. */
const DECODED_BYTES_PER_PIXEL = 4;
/** One image decodes at a time per process; a burst waits in a short line, and beyond it is told to come back. */
const IMAGE_JOBS = 1;
const IMAGE_JOBS_WAITING = 8;
// About how long the line takes to move by a few ordinary photos.
const BUSY_RETRY_SECONDS = 10;

export const mediaBusy = () =>
  new AppError('MEDIA_BUSY', 'The server is turning other uploads into renditions and cannot take this one now.', {
    hint: `Nothing was stored. Send the image again in ${BUSY_RETRY_SECONDS} seconds or so.`,
    details: { retryAfterSeconds: BUSY_RETRY_SECONDS },
  });

let processQueue: WorkQueue | undefined;
const imageQueue = (opts: Pick<MediaOptions, 'queue'>) =>
  opts.queue ?? (processQueue ??= createWorkQueue({ concurrency: IMAGE_JOBS, maxWaiting: IMAGE_JOBS_WAITING, busy: mediaBusy }));

// Loaded at the first upload, not at start: sharp (libvips) and file-type add about 30 MB to a server that may serve
// readers for days without taking an upload, and the benchmark holds the server to 150 MB.
let imageLibs: Promise<{ sharp: typeof sharpFn; fileTypeFromBuffer: typeof import('file-type').fileTypeFromBuffer }> | undefined;
const loadImageLibs = () =>
  (imageLibs ??= Promise.all([import('sharp'), import('file-type')]).then(([s, f]) => {
    const sharp = s.default;
    // Every upload is new bytes, so libvips' operation cache only holds memory. Threads per image: sharp picks one
    // under glibc's allocator (more threads fragment memory that glibc then keeps), else one per core, which on a large
    // machine multiplies the buffers of one decode; two at most.
    sharp.cache(false);
    sharp.concurrency(Math.min(sharp.concurrency(), 2));
    return { sharp, fileTypeFromBuffer: f.fileTypeFromBuffer };
  }));

/** How each format is encoded. Changing these changes the bytes behind existing names: give renditions new names then. */
const ENCODE: Record<RenditionFormat, (s: Sharp) => Sharp> = {
  avif: (s) => s.avif({ quality: 50, effort: 3 }),
  webp: (s) => s.webp({ quality: 78, effort: 4 }),
  jpeg: (s) => s.jpeg({ quality: 80, mozjpeg: true }),
};
const EXTENSION: Record<RenditionFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

// Control characters are never typed on purpose, and they make the pages that show the text invalid HTML.
const fieldText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '').trim());
export const MediaFields = z.object({
  alt: fieldText(500).optional(),
  caption: fieldText(1000).nullish(),
  credit: fieldText(300).nullish(),
});
export const MediaEdit = MediaFields.extend({
  focalX: z.number().min(0).max(1).optional(),
  focalY: z.number().min(0).max(1).optional(),
});
export type MediaEditInput = z.input<typeof MediaEdit>;

export type Upload = {
  bytes: Uint8Array;
  /** The name the file had on the uploader's machine: kept for people, never trusted for the type. */
  fileName?: string | null;
  alt?: string | null;
  caption?: string | null;
  credit?: string | null;
};


const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

export const tooLarge = (maxBytes: number, size?: number) =>
  new AppError('MEDIA_TOO_LARGE', `${size === undefined ? 'The file' : `The file (${megabytes(size)})`} is larger than the ${megabytes(maxBytes)} an upload may be.`, {
    hint: 'Export the image smaller (a 3000-pixel-wide JPEG is plenty for the web), or ask the operator to raise MEDIA_MAX_MB.',
    details: { maxBytes },
  });

/** What the bytes are, whatever the file is called: one of the accepted types, or UNSUPPORTED_MEDIA. */
export async function detectImageType(bytes: Uint8Array, fileName?: string | null): Promise<AcceptedMime> {
  const { fileTypeFromBuffer } = await loadImageLibs();
  const found = await fileTypeFromBuffer(bytes);
  if (isAcceptedMime(found?.mime)) return found.mime;
  const what = found ? `a ${found.ext.toUpperCase()} file (${found.mime})` : 'not an image we can read (text, SVG or an unknown format)';
  throw new AppError('UNSUPPORTED_MEDIA', `${fileName ? `"${fileName}"` : 'The file'} is ${what}.`, {
    hint: `Upload a ${ACCEPTED_LABEL} image. The type is read from the file's contents, not its name; SVG, HEIC and TIFF are not accepted (export them as JPEG or PNG).`,
    details: { detected: found?.mime ?? null, accepted: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] },
  });
}

export type Rendered = { format: RenditionFormat; width: number; height: number; data: Buffer };
export type Processed = { mime: AcceptedMime; width: number; height: number; renditions: Rendered[] };

const BYTES_PER_SAMPLE: Record<string, number> = { uchar: 1, char: 1, ushort: 2, short: 2, uint: 4, int: 4, float: 4, complex: 8, double: 8, dpcomplex: 16 };
const megapixels = (n: number) => {
  const m = Math.round(n / 1e5) / 10;
  return `${m} megapixel${m === 1 ? '' : 's'}`;
};
const decimal = (n: number) => n.toLocaleString('en');
// Decimal, like megapixels: 50 megapixels at 4 bytes is 200 MB.
const decodedMb = (n: number) => `${Math.round(n / 1e6)} MB`;

/** The limits an image is held to before a pixel of it is decoded. */
function imageLimits(opts: Pick<MediaOptions, 'maxPixels'>) {
  const maxPixels = opts.maxPixels ?? DEFAULT_MAX_PIXELS;
  return { maxPixels, maxDecodedBytes: maxPixels * DECODED_BYTES_PER_PIXEL };
}

/**
 * MEDIA_TOO_LARGE for an image whose header promises more pixels, or more decoded bytes (pixels × channels × bytes
 * per channel), than an upload may have: a few hundred KB of PNG can hold a solid colour of 100 megapixels.
 */
function assertDecodable(dims: { width: number; height: number; channels: number; depth?: string | undefined }, opts: Pick<MediaOptions, 'maxPixels'>): void {
  const { maxPixels, maxDecodedBytes } = imageLimits(opts);
  const pixels = dims.width * dims.height;
  const bytesPerSample = BYTES_PER_SAMPLE[dims.depth ?? 'uchar'] ?? 4;
  const decodedBytes = pixels * dims.channels * bytesPerSample;
  if (pixels <= maxPixels && decodedBytes <= maxDecodedBytes) return;
  const size = `${decimal(dims.width)} × ${decimal(dims.height)} pixels (${megapixels(pixels)})`;
  throw pixelLimit(
    pixels > maxPixels
      ? `The image is ${size}, more than the ${megapixels(maxPixels)} an upload may have.`
      : `The image is ${size} with ${dims.channels} channels at ${bytesPerSample * 8} bits: decoded it would take ${decodedMb(decodedBytes)}, more than the ${decodedMb(maxDecodedBytes)} an upload may.`,
    opts,
    { width: dims.width, height: dims.height, channels: dims.channels, decodedBytes },
  );
}

const pixelLimit = (message: string, opts: Pick<MediaOptions, 'maxPixels'>, image: Record<string, number> = {}) => {
  const { maxPixels, maxDecodedBytes } = imageLimits(opts);
  return new AppError('MEDIA_TOO_LARGE', message, {
    hint: `An upload may have at most ${megapixels(maxPixels)} at 8 bits per channel (${decodedMb(maxDecodedBytes)} decoded; MEDIA_MAX_MEGAPIXELS). Export the image smaller (3000 pixels wide is plenty for the web) and upload again; nothing was stored.`,
    details: { maxPixels, maxDecodedBytes, ...image },
  });
};

/**
 * Checks and renders an image, without touching the disk or the database: auto-oriented (EXIF), metadata stripped,
 * sRGB, transparency flattened onto white for JPEG, the first frame of an animation. Refuses what is too large (in
 * bytes, or in pixels as its header says, before decoding), not an accepted type, or damaged. Decoding waits for its
 * turn in the image queue (MEDIA_BUSY when the line is full).
 */
export async function processImage(bytes: Uint8Array, opts: Pick<MediaOptions, 'maxBytes' | 'maxPixels' | 'queue'>, fileName?: string | null): Promise<Processed> {
  if (bytes.byteLength === 0) throw validationFailed('upload', { file: 'the file is empty' }, { hint: 'Choose an image file and send again.' });
  if (bytes.byteLength > opts.maxBytes) throw tooLarge(opts.maxBytes, bytes.byteLength);
  const mime = await detectImageType(bytes, fileName);
  const { sharp } = await loadImageLibs();
  const { maxPixels } = imageLimits(opts);
  const damaged = (cause: unknown) =>
    new AppError('VALIDATION_FAILED', `The file looks like ${mime} but cannot be read: it is damaged or cut short.`, {
      hint: 'Export or download the image again and upload the new file.',
      details: { fields: { file: 'damaged or incomplete image' } },
      cause,
    });

  let meta: Metadata;
  try {
    // The header only, no pixels: unlimited here so that a refusal can name the image's size.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw damaged(e);
  }
  if (!meta.width || !meta.height) throw damaged(new Error('no dimensions'));
  const dims = { width: meta.width, height: meta.height, channels: meta.channels ?? 4, depth: meta.depth };
  assertDecodable(dims, opts);
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;

  return imageQueue(opts).run(async () => {
    try {
      return { mime, width, height, renditions: await render(sharp, bytes, width, maxPixels) };
    } catch (e) {
      // libvips' own check (limitInputPixels), should a decoder see more pixels than the header said.
      if (/exceeds pixel limit/i.test(String((e as Error)?.message))) throw pixelLimit(`The image has more than the ${megapixels(maxPixels)} an upload may have.`, opts);
      throw damaged(e);
    }
  });
}

async function render(sharp: typeof sharpFn, bytes: Uint8Array, width: number, maxPixels: number): Promise<Rendered[]> {
  const widths = renditionWidths(width);
  // Decoded once at the largest width needed; each smaller width is cut from that.
  const master = await sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error', autoOrient: true })
    .resize({ width: widths.at(-1)!, withoutEnlargement: true })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const raw = { width: master.info.width, height: master.info.height, channels: master.info.channels };
  const renditions: Rendered[] = [];
  for (const w of widths) {
    const resized = w === raw.width ? master : await sharp(master.data, { raw }).resize({ width: w }).raw().toBuffer({ resolveWithObject: true });
    const info = { width: resized.info.width, height: resized.info.height, channels: resized.info.channels };
    for (const format of RENDITION_FORMATS) {
      let s = sharp(resized.data, { raw: info });
      if (format === 'jpeg' && info.channels === 4) s = s.flatten({ background: '#ffffff' });
      const data = await ENCODE[format](s).toBuffer();
      renditions.push({ format, width: info.width, height: info.height, data });
    }
  }
  return renditions;
}

export type UploadResult = { item: MediaRow; created: boolean };

/**
 * Adds an image to the library. The same bytes uploaded again return the item that exists (created: false), with its
 * alt text and caption as they are: edit those with `editMedia`.
 */
export async function uploadMedia(deps: Deps, media: MediaOptions, who: Principal, u: Upload): Promise<UploadResult> {
  assertCan(who.actor, 'media.upload');
  const fields = parseFields(MediaFields, { alt: u.alt ?? undefined, caption: u.caption, credit: u.credit }, 'upload');
  if (u.bytes.byteLength > media.maxBytes) throw tooLarge(media.maxBytes, u.bytes.byteLength);
  const k = deps.db.kysely;
  const sha256 = createHash('sha256').update(u.bytes).digest('hex');
  const existing = await findMediaBySha(k, sha256);
  if (existing) return { item: existing, created: false };

  const processed = await processImage(u.bytes, media, u.fileName);
  const stored = await storeFiles(media.dataDir, sha256, u.fileName ?? null, u.bytes, processed);
  const largest = stored.filter((r) => r.format === 'jpeg').at(-1)!;
  const alt = fields.alt ?? '';
  const caption = fields.caption || null;
  const now = nowIso(deps);
  let id: number;
  try {
    id = await k.transaction().execute(async (trx) => {
      const newId = await insertMedia(trx, {
        path: largest.path,
        mime: 'image/jpeg',
        width: largest.width,
        height: largest.height,
        alt,
        caption,
        credit: fields.credit || null,
        sha256,
        bytes: u.bytes.byteLength,
        originalName: cleanName(u.fileName),
        originalMime: processed.mime,
        uploadedBy: who.userId,
        renditions: JSON.stringify(stored),
        searchText: searchText(alt, caption),
        now,
      });
      const { actorUserId, via } = auditActor(who);
      await insertAudit(trx, {
        at: now,
        actorUserId,
        action: 'media.upload',
        subjectType: 'media',
        subjectId: newId,
        details: { sha256, bytes: u.bytes.byteLength, mime: processed.mime, name: cleanName(u.fileName), ...via },
      });
      return newId;
    });
  } catch (e) {
    // The same bytes uploaded twice at once: the other upload won; its files are these files.
    const winner = isUniqueViolation(e) ? await findMediaBySha(k, sha256) : undefined;
    if (winner) return { item: winner, created: false };
    throw e;
  }
  return { item: (await getMedia(k, id))!, created: true };
}

export async function readMedia(deps: Deps, id: number): Promise<MediaRow> {
  const row = await getMedia(deps.db.kysely, id);
  if (!row) throw notFound(`Media item ${id}`, 'Media ids are listed by GET /media.');
  return row;
}

/** Newest first; `q` finds words in the alt text or caption. `nextBefore` is the cursor of the next page, or null. */
export async function listMediaItems(deps: Deps, f: { q?: string | undefined; before?: number | undefined; limit: number }) {
  const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const rows = await listMedia(deps.db.kysely, { words, before: f.before, limit: f.limit + 1 });
  const items = rows.slice(0, f.limit);
  return { items, nextBefore: rows.length > f.limit ? items.at(-1)!.id : null };
}

/**
 * Changes what the library says about an image (alt, caption, credit, focal point). Pages that show it are
 * re-rendered: published articles using it as hero or in the body are announced.
 */
export async function editMedia(deps: Deps, who: Principal, id: number, input: MediaEditInput): Promise<MediaRow> {
  assertCan(who.actor, 'media.edit');
  const f = parseFields(MediaEdit, input, 'media item');
  const k = deps.db.kysely;
  const now = nowIso(deps);
  const keys = await k.transaction().execute(async (trx) => {
    const row = await getMedia(trx, id);
    if (!row) throw notFound(`Media item ${id}`, 'Media ids are listed by GET /media.');
    const patch: MediaPatch = {};
    if (f.alt !== undefined) patch.alt = f.alt;
    if (f.caption !== undefined) patch.caption = f.caption || null;
    if (f.credit !== undefined) patch.credit = f.credit || null;
    if (f.focalX !== undefined) patch.focal_x = f.focalX;
    if (f.focalY !== undefined) patch.focal_y = f.focalY;
    patch.search_text = searchText(patch.alt ?? row.alt, patch.caption !== undefined ? patch.caption : row.caption);
    await updateMedia(trx, id, patch, now);
    const { actorUserId, via } = auditActor(who);
    const changed = Object.keys(patch).filter((x) => x !== 'search_text');
    await insertAudit(trx, { at: now, actorUserId, action: 'media.edit', subjectType: 'media', subjectId: id, details: { changed, ...via } });
    return (await articlesUsingMedia(trx, id)).map(surrogateKey.article);
  });
  await deps.changes.publish(keys);
  return (await getMedia(k, id))!;
}

/**
 * Removes an image from the library with its files: one uploaded by mistake. Refused (MEDIA_IN_USE) when any article,
 * in any state and in any of its revisions, shows or showed it as its hero or in its body, so no version of a story
 * loses an image. The row goes first, in a transaction with its audit entry; the files after it, so a failure leaves
 * unlisted files behind, never a listed item without files.
 */
export async function deleteMedia(deps: Deps, media: Pick<MediaOptions, 'dataDir'>, who: Principal, id: number): Promise<void> {
  assertCan(who.actor, 'media.delete');
  const now = nowIso(deps);
  const row = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await getMedia(trx, id);
    if (!row) throw notFound(`Media item ${id}`, 'Media ids are listed by GET /media.');
    const users = [...new Set([...(await articlesUsingMedia(trx, id)), ...(await articlesEverUsingMedia(trx, id))])].sort((a, b) => a - b);
    if (users.length) {
      throw new AppError('MEDIA_IN_USE', `Media item ${id} is or was shown by ${users.length} article(s), so it stays.`, {
        hint: 'An image any version of a story showed is kept, so that restoring that version loses nothing; only an image no story ever used can go.',
        details: { articles: users.slice(0, 50) },
      });
    }
    await trx.deleteFrom('media').where('id', '=', id).execute();
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, { at: now, actorUserId, action: 'media.delete', subjectType: 'media', subjectId: id, details: { sha256: row.sha256, path: row.path, ...via } });
    return row;
  });
  const renditions = parseRenditions(row.renditions);
  for (const r of renditions) await fs.promises.rm(path.join(media.dataDir, r.path), { force: true });
  // The folder is this item's alone: it is named by the content's hash (see storeFiles).
  const folder = renditions[0]?.path.match(/^\/media\/lib\/[0-9a-f]{20}\//)?.[0];
  if (folder) await fs.promises.rm(path.join(media.dataDir, folder), { recursive: true, force: true });
  if (row.sha256 && row.original_mime) await fs.promises.rm(path.join(media.dataDir, 'originals', `${row.sha256}.${row.original_mime.split('/')[1]}`), { force: true });
}

const searchText = (alt: string, caption: string | null) => `${alt} ${caption ?? ''}`.toLowerCase().trim();

/** A file name as people typed it, without a path and control characters, and not absurdly long. */
const cleanName = (name: string | null | undefined) => {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base ? base.slice(0, 200) : null;
};

/**
 * Writes the renditions under DATA_DIR/media/lib/<first 20 hex of the SHA-256>/ and the original under
 * DATA_DIR/originals/. The folder is named by the content, so a name never points at other bytes and readers may cache
 * it for good. Each file is written beside its place and renamed, so a reader never gets half a file.
 */
async function storeFiles(dataDir: string, sha256: string, fileName: string | null, original: Uint8Array, p: Processed): Promise<MediaRendition[]> {
  const key = sha256.slice(0, 20);
  const dir = path.join(dataDir, 'media', 'lib', key);
  const originals = path.join(dataDir, 'originals');
  await fs.promises.mkdir(dir, { recursive: true });
  await fs.promises.mkdir(originals, { recursive: true });
  const base = baseName(fileName);
  const write = async (file: string, data: Uint8Array) => {
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, file);
  };
  const out: MediaRendition[] = [];
  for (const r of p.renditions) {
    const name = `${base}-${r.width}.${EXTENSION[r.format]}`;
    await write(path.join(dir, name), r.data);
    out.push({ format: r.format, width: r.width, height: r.height, path: `/media/lib/${key}/${name}`, bytes: r.data.byteLength });
  }
  await write(path.join(originals, `${sha256}.${p.mime.split('/')[1]}`), original);
  return out;
}

/** A readable, safe file name stem from the uploaded name ("Harbour at dawn.JPG" -> "harbour-at-dawn"). */
function baseName(fileName: string | null): string {
  const stem = (cleanName(fileName) ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const slug = stem ? slugFromHeadline(stem).slice(0, 60).replace(/-+$/, '') : '';
  return slug && slug !== 'story' ? slug : 'image';
}
