import type { Kysely } from 'kysely';

/**
 * The one-time steps of a database's first start that this database has had: loading the demo, creating the first
 * admin. Whoever inserts a step's row does the step; the primary key makes that an insert only one process wins,
 * on either engine, however many servers start together on a new database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setup_steps')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .execute();
}
