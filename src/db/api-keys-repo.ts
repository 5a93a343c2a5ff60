import type { Kysely, Selectable } from 'kysely';
import type { ApiKeysTable, Database } from './schema.js';

type K = Kysely<Database>;
export type ApiKeyRow = Selectable<ApiKeysTable>;

export async function insertApiKey(
  db: K,
  k: { name: string; role: string; keyHash: string; prefix: string; createdBy: number | null; now: string },
): Promise<number> {
  const row = await db
    .insertInto('api_keys')
    .values({
      name: k.name,
      role: k.role,
      key_hash: k.keyHash,
      prefix: k.prefix,
      created_by: k.createdBy,
      created_at: k.now,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findApiKeyByHash(db: K, keyHash: string): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
}

export async function findApiKeyById(db: K, id: number): Promise<ApiKeyRow | undefined> {
  return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Live keys first, then by id. */
export async function listApiKeys(db: K): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('id').execute();
}

export async function revokeApiKeyRow(db: K, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchApiKey(db: K, id: number, now: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
}
