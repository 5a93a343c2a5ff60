import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/**
 * Durable jobs: work due at a given time (a scheduled publication first) that must survive restarts and run once
 * however many instances poll the table.
 *
 * - `dedupe_key` is unique over every state, so the same piece of work (e.g. "publish article 42 at 09:00") can never
 *   be queued twice; enqueueing it again is a no-op, or revives it if it had been cancelled.
 * - `payload` is JSON text: what the handler needs beyond the article (for a publication: the time it was scheduled
 *   for, which `run_at` stops being once a retry moves it, and who scheduled it).
 * - A claimed job is `running` with a lease (`locked_by`, `locked_until`); a runner that dies mid-job leaves a lease
 *   that expires, and another runner (or the restarted one) takes the job again.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('jobs')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('cascade'))
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`state in ('pending', 'running', 'done', 'failed', 'cancelled')`),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  // The runner asks "what is due next" by state then time; done jobs pile up without slowing that down.
  await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['state', 'run_at']).execute();
  await db.schema.createIndex('jobs_article_idx').on('jobs').columns(['article_id', 'kind', 'state']).execute();
}
