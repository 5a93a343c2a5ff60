import type { Kysely, RawBuilder, Selectable } from 'kysely';
import { parseRenditions, type LibraryImage } from '../content/media.js';
import type { Database, MediaTable } from './schema.js';

type K = Kysely<Database>;

export type MediaRow = Selectable<MediaTable>;

export type NewMedia = {
  path: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  sha256: string;
  bytes: number;
  originalName: string | null;
  originalMime: string;
  uploadedBy: number | null;
  renditions: string;
  searchText: string;
  now: string;
};

export async function insertMedia(db: K, m: NewMedia): Promise<number> {
  const { id } = await db
    .insertInto('media')
    .values({
      path: m.path,
      mime: m.mime,
      width: m.width,
      height: m.height,
      alt: m.alt,
      caption: m.caption,
      credit: m.credit,
      sha256: m.sha256,
      bytes: m.bytes,
      original_name: m.originalName,
      original_mime: m.originalMime,
      uploaded_by: m.uploadedBy,
      renditions: m.renditions,
      search_text: m.searchText,
      created_at: m.now,
      updated_at: m.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export const getMedia = (db: K, id: number): Promise<MediaRow | undefined> => db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();

export const findMediaBySha = (db: K, sha256: string): Promise<MediaRow | undefined> =>
  db.selectFrom('media').selectAll().where('sha256', '=', sha256).executeTakeFirst();

export type MediaPatch = Partial<{ alt: string; caption: string | null; credit: string | null; focal_x: number; focal_y: number; search_text: string }>;

export async function updateMedia(db: K, id: number, patch: MediaPatch, now: string): Promise<void> {
  await db
    .updateTable('media')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteMediaRow(db: K, id: number): Promise<void> {
  await db.deleteFrom('media').where('id', '=', id).execute();
}

/**
 * Newest first by id, keyset-paginated (`before`: the last id of the previous page). `matching`: a condition on
 * `media.id` the rows must meet (the library's full-text search: search/plain-text-search.ts).
 */
export async function listMedia(
  db: K,
  f: { matching?: RawBuilder<boolean> | undefined; before?: number | undefined; limit: number; uploadedBy?: number | undefined },
): Promise<MediaRow[]> {
  let q = db.selectFrom('media').selectAll();
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  if (f.uploadedBy !== undefined) q = q.where('uploaded_by', '=', f.uploadedBy);
  if (f.matching) q = q.where(f.matching);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/** The library images with these ids (pages: body images), by id. One query, or none for no ids. */
export async function libraryImagesById(db: K, ids: readonly number[]): Promise<Map<number, LibraryImage>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('media')
    .select(['id', 'width', 'height', 'alt', 'caption', 'credit', 'focal_x', 'focal_y', 'renditions'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, toLibraryImage(r)]));
}

/** A row (or the media columns of a joined row) as a page needs it; null when it has no renditions (a plain file). */
export function toLibraryImage(r: {
  id: number;
  width: number;
  height: number;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  focal_x: number | null;
  focal_y: number | null;
  renditions: string | null;
}): LibraryImage {
  return {
    id: r.id,
    width: r.width,
    height: r.height,
    // PostgreSQL's real comes back as a number from pg, but be safe with drivers that send text.
    focalX: Number(r.focal_x ?? 0.5),
    focalY: Number(r.focal_y ?? 0.5),
    alt: r.alt ?? '',
    caption: r.caption,
    credit: r.credit,
    renditions: parseRenditions(r.renditions),
  };
}

/** Alt texts of library items (publishing checks them). */
export async function mediaAlts(db: K, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('media').select(['id', 'alt']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.alt]));
}

/**
 * Articles any of whose revisions named a library item (hero or body: both are `"mediaId":<id>` in a snapshot). A
 * scan, for the rare delete: an image any version of a story showed is kept, so restoring that version loses nothing.
 */
export async function articlesEverUsingMedia(db: K, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('revisions')
    .select('article_id')
    .distinct()
    .where((eb) => eb.or([eb('snapshot', 'like', `%"mediaId":${id},%`), eb('snapshot', 'like', `%"mediaId":${id}}%`)]))
    .execute();
  return rows.map((r) => r.article_id);
}

/**
 * Articles that show a library item: as hero, or in the body (its JSON holds `"mediaId":<id>`). A scan, not an index
 * lookup: it runs when someone edits an item's text, never on a reader's request.
 */
export async function articlesUsingMedia(db: K, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('articles')
    .select('id')
    .where((eb) => eb.or([eb('hero_media_id', '=', id), eb('body', 'like', `%"mediaId":${id},%`), eb('body', 'like', `%"mediaId":${id}}%`)]))
    .execute();
  return rows.map((r) => r.id);
}

/** What shows an image besides stories: the site's logo (settings), contributors' photos, partners' logos. */
export async function nonArticleUsesOfMedia(db: K, id: number): Promise<{ logo: boolean; contributors: number[]; partners: number[] }> {
  const [logo, contributors, partners] = await Promise.all([
    db.selectFrom('site_settings').select('key').where('key', '=', 'logoMediaId').where('value', '=', JSON.stringify(id)).executeTakeFirst(),
    db.selectFrom('contributors').select('id').where('photo_media_id', '=', id).orderBy('id').execute(),
    db.selectFrom('partners').select('id').where('logo_media_id', '=', id).orderBy('id').execute(),
  ]);
  return { logo: logo !== undefined, contributors: contributors.map((r) => r.id), partners: partners.map((r) => r.id) };
}
