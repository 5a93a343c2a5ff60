import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { enqueueJob, getJob, listJobs, retryJob } from '../db/jobs-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { testDeps } from '#test/fixtures.js';
import { startJobRunner, type JobHandlers } from './jobs.js';

const NOW = '2026-11-20T12:00:00.000Z';
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** Deps whose log lines are kept, to check what an operator would read. */
function loggedDeps(opened: OpenedDb, now: string) {
  const lines: { level: number; msg: string; job?: number }[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { deps: { ...testDeps(opened.db, now), log: pino({ level: 'info' }, sink) }, lines };
}

forEachEngine('job runner: %s', (engine) => {
  let opened: OpenedDb;
  beforeAll(async () => {
    opened = await openDb(engine);
  });
  afterAll(async () => opened?.cleanup());

  it('queueing is idempotent by key, and a cancelled job comes back rather than doubling', async () => {
    const k = opened.db.kysely;
    const a = await enqueueJob(k, { kind: 'idem', runAt: NOW, dedupeKey: 'idem:1', payload: { n: 1 }, now: NOW });
    const b = await enqueueJob(k, { kind: 'idem', runAt: later(NOW, 1000), dedupeKey: 'idem:1', payload: { n: 2 }, now: NOW });
    expect(b).toBe(a);
    expect(await getJob(k, a)).toMatchObject({ state: 'pending', runAt: NOW, payload: { n: 1 } });
    await k.updateTable('jobs').set({ state: 'cancelled' }).where('id', '=', a).execute();
    expect(await enqueueJob(k, { kind: 'idem', runAt: later(NOW, 5000), dedupeKey: 'idem:1', payload: { n: 3 }, now: NOW })).toBe(a);
    expect(await getJob(k, a)).toMatchObject({ state: 'pending', runAt: later(NOW, 5000), payload: { n: 3 }, attempts: 0 });
    expect(await listJobs(k, { kind: 'idem' })).toHaveLength(1);
  });

  it('a failing job is retried with backoff, ends failed after the limit, and does not hold up other jobs', async () => {
    const k = opened.db.kysely;
    const { deps, lines } = loggedDeps(opened, NOW);
    const ran: string[] = [];
    const handlers: JobHandlers = {
      broken: async () => {
        ran.push('broken');
        throw new Error('the partner feed answered 503');
      },
      fine: async (job) => {
        ran.push(`fine:${String(job.payload.n)}`);
      },
    };
    const broken = await enqueueJob(k, { kind: 'broken', runAt: NOW, now: NOW });
    await enqueueJob(k, { kind: 'fine', runAt: NOW, payload: { n: 1 }, now: NOW });
    const runner = startJobRunner(deps, handlers, { id: 'retrying', maxAttempts: 3, backoffMs: (n) => n * 60_000 });
    try {
      await runner.idle();
      expect(ran.sort()).toEqual(['broken', 'fine:1']);
      expect(await getJob(k, broken)).toMatchObject({
        state: 'pending',
        attempts: 1,
        runAt: later(NOW, 60_000),
        lastError: 'Error: the partner feed answered 503',
      });

      // Not before its time: a minute less a second later, nothing runs.
      deps.setNow(later(NOW, 59_000));
      runner.poke();
      await runner.idle();
      expect(ran).toHaveLength(2);

      deps.setNow(later(NOW, 60_000));
      runner.poke();
      await runner.idle();
      expect(await getJob(k, broken)).toMatchObject({ state: 'pending', attempts: 2, runAt: later(NOW, 60_000 + 120_000) });

      // A job queued meanwhile runs on the next look; the broken one is not due yet.
      await enqueueJob(k, { kind: 'fine', runAt: later(NOW, 60_000), payload: { n: 2 }, now: NOW });
      runner.poke();
      await runner.idle();
      expect(ran.filter((r) => r === 'broken')).toHaveLength(2);
      expect(ran).toContain('fine:2');

      deps.setNow(later(NOW, 180_000));
      runner.poke();
      await runner.idle();
      const failed = await getJob(k, broken);
      expect(failed).toMatchObject({ state: 'failed', attempts: 3, finishedAt: later(NOW, 180_000), lastError: 'Error: the partner feed answered 503' });
      expect(lines.filter((l) => l.msg === 'job failed for good')).toMatchObject([{ level: 50, job: broken }]);
      expect(lines.filter((l) => l.msg === 'job failed; will retry')).toHaveLength(2);

      // Failed for good: never picked up again, however late it gets, until someone retries it by hand.
      deps.setNow(later(NOW, 86_400_000));
      runner.poke();
      await runner.idle();
      expect(ran.filter((r) => r === 'broken')).toHaveLength(3);
      expect(await retryJob(k, broken, later(NOW, 86_400_000))).toBe(true);
      runner.poke();
      await runner.idle();
      expect(ran.filter((r) => r === 'broken')).toHaveLength(4);
      expect(await getJob(k, broken)).toMatchObject({ state: 'pending', attempts: 1 });
    } finally {
      await runner.stop();
    }
    await k.updateTable('jobs').set({ state: 'done' }).where('kind', '=', 'broken').execute();
  });

  it('wakes on a change notice, without waiting for its timer', async () => {
    const k = opened.db.kysely;
    const deps = testDeps(opened.db, NOW);
    const ran: number[] = [];
    const runner = startJobRunner(deps, { notice: async (job) => void ran.push(job.id) }, { id: 'noticing' });
    try {
      await runner.idle();
      const id = await enqueueJob(k, { kind: 'notice', runAt: NOW, now: NOW });
      await deps.changes.publish(['l-en']);
      await runner.idle();
      expect(ran).toEqual([id]);
    } finally {
      await runner.stop();
    }
  });

  it('stop() waits for the job in hand, which is recorded as done', async () => {
    const k = opened.db.kysely;
    const deps = testDeps(opened.db, NOW);
    await enqueueJob(k, { kind: 'slow', runAt: NOW, now: NOW });
    let release!: () => void;
    let started!: () => void;
    const inHand = new Promise<void>((r) => (started = r));
    const slow = () =>
      new Promise<void>((r) => {
        release = r;
        started();
      });
    const runner = startJobRunner(deps, { slow }, { id: 'slow' });
    await inHand;
    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await listJobs(k, { kind: 'slow' })).toMatchObject([{ state: 'done', attempts: 1 }]);
  });

  it('a job whose runner died mid-attempt too many times is given up without running it again', async () => {
    const k = opened.db.kysely;
    const id = await enqueueJob(k, { kind: 'crasher', runAt: NOW, now: NOW });
    // The fourth runner to take it, each before dying with the lease held.
    await k.updateTable('jobs').set({ state: 'running', attempts: 3, locked_by: 'dead', locked_until: NOW }).where('id', '=', id).execute();
    const ran: number[] = [];
    const runner = startJobRunner(testDeps(opened.db, later(NOW, 1000)), { crasher: async (job) => void ran.push(job.id) }, { id: 'after', maxAttempts: 3 });
    await runner.idle();
    await runner.stop();
    expect(ran).toEqual([]);
    expect(await getJob(k, id)).toMatchObject({ state: 'failed', attempts: 4 });
  });
});
