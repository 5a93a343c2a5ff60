import { createHash } from 'node:crypto';
import { surrogateKey } from '../content/surrogate-keys.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  articlesEverUsingMedia,
  articlesUsingMedia,
  deleteMediaRow,
  findMediaBySha,
  getMedia,
  insertMedia,
  listMedia,
  updateMedia,
  type MediaPatch,
  type MediaRow,
  nonArticleUsesOfMedia,
} from '../db/media-repo.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { AppError, notFound, parseFields } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { processImage, tooLarge, type ImageOptions } from './image-processing.js';
import { cleanName, removeFiles, storeFiles } from './media-files.js';
import { MediaEdit, MediaFields, type MediaEditInput, type Upload } from './media-input.js';
import { auditActor, type Principal } from '../content/principal.js';
import { mediaSearchTerms, plainTextMatch } from '../search/plain-text-search.js';

/**
 * The media library: uploads are checked (size, type from the bytes, pixel count and decoded size from the header),
 * cut into AVIF, WebP and JPEG renditions at several widths with sharp, one upload at a time (image-processing.ts),
 * stored under DATA_DIR/media/lib/ (served to readers) and recorded in the database. The original is kept under
 * DATA_DIR/originals/, which is never served: it may carry EXIF data (a photographer's GPS position) that the
 * renditions drop.
 */
/** A media item as stored, which the admin page and the API present. */
export type { MediaRow };

export type MediaOptions = ImageOptions & {
  /** DATA_DIR: renditions go to DATA_DIR/media/lib, originals to DATA_DIR/originals. */
  dataDir: string;
};

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
        searchText: mediaSearchTerms({ alt, caption, credit: fields.credit || null }),
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

/**
 * Newest first; `q` finds words in the alt text, caption or credit by the full-text index (stemmed, by prefix:
 * search/plain-text-search.ts). `nextBefore` is the cursor of the next page, or null.
 */
export async function listMediaItems(deps: Deps, f: { q?: string | undefined; before?: number | undefined; limit: number }) {
  const k = deps.db.kysely;
  const matching = f.q?.trim() ? plainTextMatch(k, 'media', 'media.id', f.q) : undefined;
  const rows = await listMedia(k, { matching, before: f.before, limit: f.limit + 1 });
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
    patch.search_text = mediaSearchTerms({ ...row, ...patch });
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
    // The logo, a contributor's photo or a partner's logo: every cached page would point at files removed here.
    const others = await nonArticleUsesOfMedia(trx, id);
    const shownBy = [
      ...(others.logo ? ['the site logo (Settings)'] : []),
      ...others.contributors.map((c) => `contributor ${c}'s photo`),
      ...others.partners.map((p) => `partner ${p}'s logo`),
    ];
    if (shownBy.length) {
      throw new AppError('MEDIA_IN_USE', `Media item ${id} is shown as ${shownBy.join(', ')}, so it stays.`, {
        hint: 'Choose another image there first (Settings, the contributor, the partner), then delete this one.',
        details: { logo: others.logo, contributors: others.contributors, partners: others.partners },
      });
    }
    await deleteMediaRow(trx, id);
    const { actorUserId, via } = auditActor(who);
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'media.delete',
      subjectType: 'media',
      subjectId: id,
      details: { sha256: row.sha256, path: row.path, ...via },
    });
    return row;
  });
  await removeFiles(media.dataDir, row);
}
