import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/** Every stored setting: key -> its JSON text (keys without a row take their default from the environment). */
export async function readSiteSettingRows(db: K): Promise<Map<string, { value: string; updatedAt: string; updatedBy: number | null }>> {
  const rows = await db.selectFrom('site_settings').select(['key', 'value', 'updated_at', 'updated_by']).execute();
  return new Map(rows.map((r) => [r.key, { value: r.value, updatedAt: r.updated_at, updatedBy: r.updated_by }]));
}

export async function writeSiteSetting(db: K, key: string, value: string, now: string, userId: number | null): Promise<void> {
  await db
    .insertInto('site_settings')
    .values({ key, value, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now, updated_by: userId }))
    .execute();
}

/** The raster files of a library image, for the logo; undefined when there is no such image. */
export async function logoCandidate(db: K, id: number) {
  return db.selectFrom('media').select(['id', 'mime', 'width', 'height', 'alt', 'renditions']).where('id', '=', id).executeTakeFirst();
}
