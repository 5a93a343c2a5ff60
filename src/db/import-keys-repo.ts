import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

export type ImportKey = { localId: number; localRevision: number | null; checksum: string };

export async function findImportKey(db: K, source: string, kind: string, sourceId: string): Promise<ImportKey | undefined> {
  const r = await db
    .selectFrom('import_keys')
    .select(['local_id', 'local_revision', 'checksum'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return r && { localId: r.local_id, localRevision: r.local_revision, checksum: r.checksum };
}

/** Records what `source`'s record became, or what it became again (a re-run that updated it). */
export async function putImportKey(
  db: K,
  k: { source: string; kind: string; sourceId: string; localId: number; localRevision: number | null; checksum: string },
  now: string,
): Promise<void> {
  await db
    .insertInto('import_keys')
    .values({
      source: k.source,
      kind: k.kind,
      source_id: k.sourceId,
      local_id: k.localId,
      local_revision: k.localRevision,
      checksum: k.checksum,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['source', 'kind', 'source_id']).doUpdateSet({ local_id: k.localId, local_revision: k.localRevision, checksum: k.checksum, updated_at: now }),
    )
    .execute();
}

/** Forgets a record whose local copy was deleted since, so that a re-run makes it again. */
export async function dropImportKey(db: K, source: string, kind: string, sourceId: string): Promise<void> {
  await db.deleteFrom('import_keys').where('source', '=', source).where('kind', '=', kind).where('source_id', '=', sourceId).execute();
}

/**
 * SQLite: takes the database's write lock now, as BEGIN IMMEDIATE would, for a transaction that starts with reads. A
 * deferred transaction that has read cannot upgrade to a write once another connection has committed
 * (SQLITE_BUSY_SNAPSHOT, which busy_timeout does not wait out). A write that changes nothing is enough to take it.
 */
export async function takeWriteLock(trx: Kysely<Database>): Promise<void> {
  await trx
    .updateTable('import_keys')
    .set({ kind: sql`kind` })
    .where(sql<boolean>`0`)
    .execute();
}
