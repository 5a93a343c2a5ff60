import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { claimDueJob, failJob, finishJob, getJob, listJobs, nextJobAt, retryJob, type Job, type JobState } from '../db/jobs-repo.js';
import { AppError, notFound } from '../errors.js';
import { nowIso, type Deps } from './deps.js';

// The states a job can be in, for the command line's filter.
export { JOB_STATES, type JobState } from '../db/jobs-repo.js';

/** Does one job's work. Throwing fails the attempt (retried with backoff); returning marks the job done. */
export type JobHandler = (job: Job) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

export type JobRunnerOptions = {
  /** Names this runner in `locked_by` (default: host, pid and a random suffix). */
  id?: string;
  /** How long a claimed job is ours; a runner that dies leaves it to be taken again after this. */
  leaseMs?: number;
  /** Attempts before a job is left `failed` for good. */
  maxAttempts?: number;
  /** Wait before attempt `n + 1` after `n` failed attempts. */
  backoffMs?: (attempts: number) => number;
  /** Look at the table at least this often, for jobs queued by a process whose notices do not reach us. */
  maxWaitMs?: number;
  /** Told of a job left `failed` for good, after it is recorded (e.g. to announce what the job would have). */
  onGaveUp?: (job: Job) => Promise<void>;
};

export type JobRunner = {
  /** Look for due jobs now (also done on every change notice). */
  poke(): void;
  /** Resolves once the runner has nothing due left and is waiting (after a poke: once that pass is over). */
  idle(): Promise<void>;
  /** Stops polling and waits for the job in hand, if any, to finish. */
  stop(): Promise<void>;
};

/** How long a claimed job is its runner's by default: work a handler does must end well within it (see ingest.ts). */
export const JOB_LEASE_MS = 5 * 60_000;

const DEFAULTS = {
  leaseMs: JOB_LEASE_MS,
  maxAttempts: 5,
  // 30 s, 1 min, 2 min, 4 min…, at most an hour.
  backoffMs: (attempts: number) => Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000),
  maxWaitMs: 60_000,
};
// After the database itself failed (not a handler): wait this long rather than spin.
const TROUBLE_WAIT_MS = 5_000;

/**
 * Runs durable jobs (db/jobs-repo.ts) of the kinds it has handlers for. It sleeps until the next job is due, wakes
 * early on any change notice (a save may have queued or moved one), and on start runs at once whatever came due
 * while no runner was up. Several runners (instances) may share one database: each job is claimed by exactly one,
 * with a lease, and a job whose runner died is taken again when its lease runs out, so handlers must tolerate running
 * twice (an attempt that committed its work but died before recording `done`).
 */
export function startJobRunner(deps: Deps, handlers: JobHandlers, options: JobRunnerOptions = {}): JobRunner {
  const opts = { ...DEFAULTS, ...options };
  const gaveUp = async (job: Job, log: Deps['log']) => {
    try {
      await options.onGaveUp?.(job);
    } catch (err) {
      log.error({ err }, 'after a job failed for good, its follow-up failed too');
    }
  };
  const by = options.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const kinds = Object.keys(handlers);
  const k = deps.db.kysely;
  const now = () => deps.clock().toISOString();

  let stopped = false;
  let again = true;
  let wake: (() => void) | undefined;
  let idleWaiters: (() => void)[] = [];
  let busy = true;

  const poke = () => {
    again = true;
    busy = true;
    wake?.();
  };

  async function runOne(job: Job): Promise<void> {
    const log = deps.log.child({ job: job.id, kind: job.kind, articleId: job.articleId, attempt: job.attempts });
    // A job whose runner died mid-attempt too often is not tried again: it may be what kills the runner.
    if (job.attempts > opts.maxAttempts) {
      await failJob(k, job.id, by, { now: now(), error: `gave up after ${job.attempts - 1} attempts (the last ones did not finish)`, retryAt: null });
      log.error('job failed for good');
      await gaveUp(job, log);
      return;
    }
    try {
      await handlers[job.kind]!(job);
    } catch (err) {
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const last = job.attempts >= opts.maxAttempts;
      const retryAt = last ? null : new Date(deps.clock().getTime() + opts.backoffMs(job.attempts)).toISOString();
      await failJob(k, job.id, by, { now: now(), error, retryAt });
      if (last) {
        log.error({ err }, 'job failed for good');
        await gaveUp(job, log);
      } else {
        log.warn({ err, retryAt }, 'job failed; will retry');
      }
      return;
    }
    if (!(await finishJob(k, job.id, by, now()))) log.warn('job finished after its lease ran out; another runner may have taken it');
  }

  async function drain(): Promise<void> {
    while (!stopped) {
      const job = await claimDueJob(k, deps.db.dialect, { kinds, by, now: now(), leaseMs: opts.leaseMs });
      if (!job) return;
      await runOne(job);
    }
  }

  async function nextWait(): Promise<number> {
    const at = await nextJobAt(k, kinds);
    if (at === null) return opts.maxWaitMs;
    return Math.min(Math.max(Date.parse(at) - deps.clock().getTime(), 0), opts.maxWaitMs);
  }

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref();
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function loop(): Promise<void> {
    while (!stopped) {
      let wait: number;
      try {
        again = false;
        await drain();
        wait = again ? 0 : await nextWait();
      } catch (err) {
        deps.log.error({ err }, 'job runner: the database failed; trying again shortly');
        wait = TROUBLE_WAIT_MS;
      }
      if (stopped) break;
      if (again) continue;
      // Something is due that the drain did not get (another runner was claiming it): look again in a moment.
      if (wait === 0) {
        await sleep(25);
        continue;
      }
      busy = false;
      for (const w of idleWaiters.splice(0)) w();
      await sleep(wait);
      busy = true;
    }
    busy = false;
    for (const w of idleWaiters.splice(0)) w();
  }

  const unsubscribe = deps.changes.subscribe(poke);
  const running = loop();

  return {
    poke,
    idle: () => (busy ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    async stop() {
      stopped = true;
      unsubscribe();
      wake?.();
      await running;
    },
  };
}

/** Jobs newest first, for people looking into what ran and what failed (`masthead jobs list`). */
export const jobsList = (deps: Deps, f: { state?: JobState; limit?: number } = {}) => listJobs(deps.db.kysely, f);

/** Queues a failed (or cancelled) job again, due now, its attempts counted from zero (`masthead jobs retry`). */
export async function retryFailedJob(deps: Deps, id: number): Promise<Job> {
  const job = await getJob(deps.db.kysely, id);
  if (!job) throw notFound(`Job ${id}`, 'List the jobs with: masthead jobs list');
  if (!(await retryJob(deps.db.kysely, id, nowIso(deps)))) {
    throw new AppError('INVALID_TRANSITION', `Job ${id} is ${job.state}: only a failed or cancelled job can be retried.`, {
      hint: job.state === 'done' ? 'It already ran.' : 'It is queued or running already.',
      details: { state: job.state },
    });
  }
  // The running server polls at least once a minute; a handler tolerates a second run (see startJobRunner).
  return (await getJob(deps.db.kysely, id))!;
}
