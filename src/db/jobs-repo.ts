import type { Kysely, Selectable } from 'kysely';
import type { Dialect } from './connect.js';
import type { Database, JobsTable } from './schema.js';

type K = Kysely<Database>;

export const JOB_STATES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export type Job = {
  id: number;
  kind: string;
  articleId: number | null;
  dedupeKey: string | null;
  payload: Record<string, unknown>;
  runAt: string;
  state: JobState;
  attempts: number;
  lastError: string | null;
  lockedBy: string | null;
  lockedUntil: string | null;
  createdAt: string;
  finishedAt: string | null;
};

const toJob = (r: Selectable<JobsTable>): Job => ({
  id: r.id,
  kind: r.kind,
  articleId: r.article_id,
  dedupeKey: r.dedupe_key,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  runAt: r.run_at,
  state: r.state as JobState,
  attempts: r.attempts,
  lastError: r.last_error,
  lockedBy: r.locked_by,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export type NewJob = { kind: string; articleId?: number | null; runAt: string; dedupeKey?: string | null; payload?: Record<string, unknown>; now: string };

/**
 * Queues a job and returns its id. Idempotent by `dedupeKey`: the same key queued again is the same job (nothing
 * changes while it is pending, running, done or failed); a cancelled one comes back as pending with the new time and
 * payload, so "schedule for 9:00, reschedule, schedule for 9:00 again" works. Call it inside the transaction that
 * makes the job necessary, so the job exists exactly when that change does.
 */
export async function enqueueJob(db: K, j: NewJob): Promise<number> {
  const payload = JSON.stringify(j.payload ?? {});
  const values = {
    kind: j.kind,
    article_id: j.articleId ?? null,
    dedupe_key: j.dedupeKey ?? null,
    payload,
    run_at: j.runAt,
    state: 'pending',
    created_at: j.now,
  };
  if (values.dedupe_key === null) {
    return (await db.insertInto('jobs').values(values).returning('id').executeTakeFirstOrThrow()).id;
  }
  await db
    .insertInto('jobs')
    .values(values)
    .onConflict((oc) =>
      oc
        .column('dedupe_key')
        .doUpdateSet({
          state: 'pending',
          run_at: j.runAt,
          payload,
          attempts: 0,
          last_error: null,
          locked_by: null,
          locked_until: null,
          finished_at: null,
          created_at: j.now,
        })
        .where('jobs.state', '=', 'cancelled'),
    )
    .execute();
  return (await db.selectFrom('jobs').select('id').where('dedupe_key', '=', values.dedupe_key).executeTakeFirstOrThrow()).id;
}

/** Cancels the pending jobs of an article (of one kind). A job already running is left to its handler's own checks. */
export async function cancelJobs(db: K, f: { articleId: number; kind: string; now: string }): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'cancelled', finished_at: f.now, locked_by: null, locked_until: null })
    .where('article_id', '=', f.articleId)
    .where('kind', '=', f.kind)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Takes the next due job of the given kinds for `by`, with a lease until `now + leaseMs`, or null when nothing is due.
 * Due: pending with `run_at` reached, or running with an expired lease (its runner died). One UPDATE whose WHERE
 * repeats the "due" test: on PostgreSQL a second runner skips the row the first has locked (SKIP LOCKED) and, were it
 * to wait on it instead, would find the test false once the first commits; on SQLite writes are serialized. Either way
 * exactly one runner gets the row back.
 */
export async function claimDueJob(db: K, dialect: Dialect, c: { kinds: string[]; by: string; now: string; leaseMs: number }): Promise<Job | null> {
  if (c.kinds.length === 0) return null;
  const lockedUntil = new Date(Date.parse(c.now) + c.leaseMs).toISOString();
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({ state: 'running', locked_by: c.by, locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
    // `=` and not `in`: PostgreSQL runs a scalar subquery once, while under `in` it may run it again for each row
    // it checks, and with SKIP LOCKED every run hands out another job.
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', c.kinds)
        .where((w) =>
          w.or([w.and([w('state', '=', 'pending'), w('run_at', '<=', c.now)]), w.and([w('state', '=', 'running'), w('locked_until', '<=', c.now)])]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(1)
        .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked()),
    )
    .where((w) => w.or([w.and([w('state', '=', 'pending'), w('run_at', '<=', c.now)]), w.and([w('state', '=', 'running'), w('locked_until', '<=', c.now)])]))
    .returningAll()
    .executeTakeFirst();
  return row ? toJob(row) : null;
}

/** Marks a job done, if `by` still holds it (a runner whose lease ran out must not overwrite the next one's outcome). */
export async function finishJob(db: K, id: number, by: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'done', finished_at: now, locked_by: null, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('locked_by', '=', by)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records a failed attempt: back to pending at `retryAt`, or `failed` for good when `retryAt` is null. */
export async function failJob(db: K, id: number, by: string, f: { now: string; error: string; retryAt: string | null }): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      state: f.retryAt === null ? 'failed' : 'pending',
      ...(f.retryAt === null ? { finished_at: f.now } : { run_at: f.retryAt }),
      last_error: f.error.slice(0, 4000),
      locked_by: null,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('locked_by', '=', by)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** When the runner must look again: the earliest pending run time or running lease expiry of these kinds. */
export async function nextJobAt(db: K, kinds: string[]): Promise<string | null> {
  if (kinds.length === 0) return null;
  const [pending, running] = await Promise.all([
    db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_at').as('at'))
      .where('state', '=', 'pending')
      .where('kind', 'in', kinds)
      .executeTakeFirst(),
    db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('locked_until').as('at'))
      .where('state', '=', 'running')
      .where('kind', 'in', kinds)
      .executeTakeFirst(),
  ]);
  const times = [pending?.at, running?.at].filter((x): x is string => typeof x === 'string');
  return times.length ? times.sort()[0]! : null;
}

/** Which of these dedupe keys name a job that is pending, running or done (queued work that will run or has run). */
export async function liveJobKeys(db: K, kind: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('jobs')
    .select('dedupe_key')
    .where('kind', '=', kind)
    .where('dedupe_key', 'in', keys)
    .where('state', 'in', ['pending', 'running', 'done'])
    .execute();
  return new Set(rows.map((r) => r.dedupe_key).filter((k): k is string => k !== null));
}

export async function getJob(db: K, id: number): Promise<Job | null> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toJob(row) : null;
}

/** Newest first. */
export async function listJobs(db: K, f: { state?: JobState; articleId?: number; kind?: string; limit?: number } = {}): Promise<Job[]> {
  let q = db.selectFrom('jobs').selectAll();
  if (f.state) q = q.where('state', '=', f.state);
  if (f.articleId !== undefined) q = q.where('article_id', '=', f.articleId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit ?? 100)
    .execute();
  return rows.map(toJob);
}

/** Puts a failed (or cancelled) job back in the queue, due at `now`, with its attempts counted from zero. */
export async function retryJob(db: K, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'pending', run_at: now, attempts: 0, finished_at: null, locked_by: null, locked_until: null })
    .where('id', '=', id)
    .where('state', 'in', ['failed', 'cancelled'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The jobs of an article (of one kind) still to run: pending, or running now. */
export async function waitingJobs(db: K, f: { articleId: number; kind: string }): Promise<Job[]> {
  const rows = await db
    .selectFrom('jobs')
    .selectAll()
    .where('article_id', '=', f.articleId)
    .where('kind', '=', f.kind)
    .where('state', 'in', ['pending', 'running'])
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toJob);
}

/** Moves pending jobs (by id) that wait for a later time to `now`; returns how many moved. */
export async function runPendingJobsNow(db: K, f: { ids: number[]; now: string }): Promise<number> {
  if (!f.ids.length) return 0;
  const r = await db
    .updateTable('jobs')
    .set({ run_at: f.now })
    .where('id', 'in', f.ids)
    .where('state', '=', 'pending')
    .where('run_at', '>', f.now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
