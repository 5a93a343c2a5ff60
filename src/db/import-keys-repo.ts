import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { prepared } from './prepared.js';

type K = Kysely<Database>;

export type ImportKey = { localId: number; localRevision: number | null; checksum: string };

// Prepared (built and compiled once per connection or batch): an import runs these for every record it reads.
const importKeyQuery = prepared((db, source: string, kind: string, sourceId: string) =>
  db
    .selectFrom('import_keys')
    .select(['local_id', 'local_revision', 'checksum'])
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('source_id', '=', sourceId),
);

export async function findImportKey(db: K, source: string, kind: string, sourceId: string): Promise<ImportKey | undefined> {
  const [r] = await importKeyQuery(db, source, kind, sourceId);
  return r && { localId: r.local_id, localRevision: r.local_revision, checksum: r.checksum };
}

const putImportKeyQuery = prepared(
  (db, source: string, kind: string, sourceId: string, localId: number, localRevision: number | null, checksum: string, now: string) =>
    db
      .insertInto('import_keys')
      .values({
        source,
        kind,
        source_id: sourceId,
        local_id: localId,
        local_revision: localRevision,
        checksum,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['source', 'kind', 'source_id']).doUpdateSet({ local_id: localId, local_revision: localRevision, checksum, updated_at: now }),
      ),
);

/** Records what `source`'s record became, or what it became again (a re-run that updated it). */
export async function putImportKey(
  db: K,
  k: { source: string; kind: string; sourceId: string; localId: number; localRevision: number | null; checksum: string },
  now: string,
): Promise<void> {
  await putImportKeyQuery(db, k.source, k.kind, k.sourceId, k.localId, k.localRevision, k.checksum, now);
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
