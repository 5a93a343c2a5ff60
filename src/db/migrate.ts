import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { AppError } from '../errors.js';
import type { Db } from './connect.js';
import * as m0001 from './migrations/0001-initial.js';
import * as m0002 from './migrations/0002-listing-indexes.js';
import * as m0003 from './migrations/0003-accounts.js';
import * as m0004 from './migrations/0004-api-keys.js';
import * as m0005 from './migrations/0005-one-version-per-language.js';
import * as m0006 from './migrations/0006-jobs.js';
import * as m0007 from './migrations/0007-media-library.js';
import * as m0008 from './migrations/0008-desk.js';

type Step = { up: (db: Parameters<Migration['up']>[0], dialect: Db['dialect']) => Promise<void> };

/** Forward-only: a migration, once released, is never edited; a change is a new numbered file listed here. */
const steps: Record<string, Step> = {
  '0001-initial': m0001,
  '0002-listing-indexes': m0002,
  '0003-accounts': m0003,
  '0004-api-keys': m0004,
  '0005-one-version-per-language': m0005,
  '0006-jobs': m0006,
  '0007-media-library': m0007,
  '0008-desk': m0008,
};

export async function migrate(db: Db): Promise<{ applied: string[] }> {
  const provider: MigrationProvider = {
    getMigrations: async () =>
      Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, { up: (k) => step.up(k, db.dialect) }])),
  };
  // Kysely looks for its bookkeeping tables in every schema it can see; pin them to ours, or another schema's
  // tables in the same database are mistaken for this one's.
  const migrator = new Migrator({ db: db.kysely, provider, ...(db.schema ? { migrationTableSchema: db.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('MIGRATION_FAILED', 500, `Migration ${failed} failed: ${(error as Error).message ?? String(error)}`, {
      hint: 'Nothing after the failed step was applied. Check the database permissions and logs, then run `masthead migrate` again.',
      cause: error,
    });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
