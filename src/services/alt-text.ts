import type { Kysely } from 'kysely';
import { bodyMediaIds, imagesMissingAlt } from '../content/media.js';
import { mediaAlts } from '../db/media-repo.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';

/**
 * Readers who cannot see an image hear its alt text, so a story goes before readers (published or scheduled) only when
 * every image has one: the hero and each body image, with the library item's alt text counting where the story sets
 * none. Refused with ALT_TEXT_REQUIRED (422) naming each image.
 */
export async function assertImagesDescribed(
  db: Kysely<Database>,
  row: { id: number; body: string; hero_media_id: number | null; hero_alt: string | null },
): Promise<void> {
  let body: unknown = null;
  try {
    body = JSON.parse(row.body);
  } catch {
    // A body that is not JSON renders as nothing, so it shows no image either.
  }
  const ids = bodyMediaIds(body);
  if (row.hero_media_id !== null) ids.push(row.hero_media_id);
  const alts = await mediaAlts(db, ids);
  const missing = imagesMissingAlt({
    hero: row.hero_media_id === null ? null : { alt: row.hero_alt, libraryAlt: alts.get(row.hero_media_id) ?? null },
    body,
    libraryAlt: (id) => alts.get(id),
  });
  if (missing.length === 0) return;
  const names = missing.map((m) => m.label);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0]!;
  throw new AppError('ALT_TEXT_REQUIRED', `Article ${row.id} cannot go before readers: ${list} ${missing.length > 1 ? 'have' : 'has'} no alt text.`, {
    hint: `Describe ${list} for readers who cannot see ${missing.length > 1 ? 'them' : 'it'} (in the article, or on the library item), then try again.`,
    details: { fields: Object.fromEntries(missing.map((m) => [m.field, 'alt text is required to publish'])) },
  });
}
