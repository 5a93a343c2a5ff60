import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

/** The one-time steps of a first start (services/first-start.ts). */
export type SetupStep = 'demo' | 'first-admin';

/**
 * Claims a step for this caller: true for the one caller whose insert made the row, false for every other. A
 * concurrent claimer on PostgreSQL waits for the first one's transaction, and wins if that one rolls back.
 */
export async function claimSetupStep(db: K, name: SetupStep, now: string): Promise<boolean> {
  const row = await db
    .insertInto('setup_steps')
    .values({ name, claimed_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  return row !== undefined;
}
