import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getArticleRow } from '../db/articles-repo.js';
import { listRevisions } from '../db/revisions-repo.js';
import { listAudit } from '../db/audit-repo.js';
import { connect, type Db } from '../db/connect.js';
import { claimDueJob, getJob, listJobs, type Job } from '../db/jobs-repo.js';
import { createApp } from '../web/app.js';
import { logoSvg } from '../seed/demo-images.js';
import { openDb, PG_URL, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { seededSite, TEST_SITE, type SeededSite } from '#test/site.js';
import { waitFor } from '#test/wait-for.js';
import { createArticle } from './article-store.js';
import { watchEmbargoes } from './embargo-watch.js';
import { startJobRunner, type JobRunner } from './jobs.js';
import { userPrincipal, type Principal } from '../content/principal.js';
import { announceFailedPublication, PUBLISH_SCHEDULED, publishScheduledHandler } from './scheduled-publish.js';
import { createUser } from './create-user.js';
import { changeStatus, scheduleArticle } from './workflow.js';

const NOW = '2026-11-20T12:00:00.000Z';
const AT = '2026-11-20T15:00:00.000Z';
const AT2 = '2026-11-20T18:00:00.000Z';
const minutesAfter = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

/** A second connection to the same database: what another process, or the same server after a restart, would open. */
function reconnect(db: Db): Db {
  return db.dialect === 'postgres' ? connect(PG_URL, { schema: db.schema!, poolSize: 4 }) : connect(db.describe.replace(/^sqlite:/, ''));
}

/** A runner as startServer makes it, on `deps`; `announced` collects every batch of keys published on its bus. */
function runnerOn(deps: ReturnType<typeof testDeps>, opts: { id?: string } = {}) {
  const announced: string[][] = [];
  deps.changes.subscribe((keys) => announced.push(keys));
  const runner = startJobRunner(deps, { [PUBLISH_SCHEDULED]: publishScheduledHandler(deps) }, { id: opts.id ?? 'test-runner' });
  return { runner, announced };
}

const wentLive = async (db: Db, id: number) =>
  (await listAudit(db.kysely, { subjectType: 'article', subjectId: id })).filter((a) => a.action === 'article.went-live');

forEachEngine('scheduled publishing: %s', (engine) => {
  describe('across a restart', () => {
    let s: SeededSite;
    const extra: Db[] = [];
    const runners: JobRunner[] = [];
    beforeAll(async () => {
      s = await seededSite(engine, NOW);
    }, 60_000);
    afterAll(async () => {
      for (const r of runners) await r.stop();
      for (const db of extra) await db.close();
      await s?.cleanup();
    });

    it('a story whose time passed while the server was down goes live at the next start, exactly once', async () => {
      const editor = await createUser(s.deps, { email: 'editor@example.org', name: 'Eda Editor', role: 'editor', password: 'correct horse battery staple' });
      const who = userPrincipal({ id: editor.id, role: 'editor', active: true });
      const section = await s.db.kysely.selectFrom('sections').select('id').orderBy('id').executeTakeFirstOrThrow();
      const headline = 'Night ferry timetable agreed by both ports';
      const id = await createArticle(s.deps, { locale: 'en', headline, body: doc('Text.'), sectionId: section.id, status: 'draft' }, editor.id);

      // First life of the server: the story is scheduled, the runner has nothing due.
      const first = runnerOn(s.deps, { id: 'first' });
      runners.push(first.runner);
      await scheduleArticle(s.deps, who, id, AT);
      await first.runner.idle();
      expect(await listJobs(s.db.kysely, { articleId: id })).toMatchObject([{ kind: PUBLISH_SCHEDULED, state: 'pending', runAt: AT, attempts: 0 }]);
      expect(await (await s.app.request('/en/')).text()).not.toContain(headline);
      // The server goes down before the time comes.
      await first.runner.stop();
      const revisionsBefore = (await listRevisions(s.db.kysely, id)).length;

      // Three hours and ten minutes later it starts again: a new connection, a new clock reading, a new runner.
      const later = minutesAfter(AT, 10);
      const dbB = reconnect(s.db);
      extra.push(dbB);
      const depsB = testDeps(dbB, later);
      const second = runnerOn(depsB, { id: 'second' });
      runners.push(second.runner);
      await second.runner.idle();

      expect(await getJob(dbB.kysely, (await listJobs(dbB.kysely, { articleId: id }))[0]!.id)).toMatchObject({ state: 'done', attempts: 1, lastError: null });
      expect(await listRevisions(dbB.kysely, id)).toHaveLength(revisionsBefore + 1);
      const audit = await wentLive(dbB, id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actorUserId: null, at: later, details: { publishedAt: AT, scheduledBy: editor.id } });
      const row = (await getArticleRow(dbB.kysely, id))!;
      expect(row).toMatchObject({ status: 'published', published_at: AT, scheduled_at: null });
      expect(second.announced).toEqual([[`a${id}`, `s${row.story_id}`, `sec${row.section_id}-en`, 'l-en']]);
      const app = createApp({ deps: depsB, site: TEST_SITE, dataDir: s.dataDir, logo: logoSvg(TEST_SITE.siteName) });
      expect(await (await app.request('/en/')).text()).toContain(headline);

      // And once more: nothing is left to do, and nothing is done again.
      await second.runner.stop();
      const dbC = reconnect(s.db);
      extra.push(dbC);
      const third = runnerOn(testDeps(dbC, minutesAfter(later, 60)), { id: 'third' });
      runners.push(third.runner);
      await third.runner.idle();
      expect(third.announced).toEqual([]);
      expect(await listRevisions(dbC.kysely, id)).toHaveLength(revisionsBefore + 1);
      expect(await wentLive(dbC, id)).toHaveLength(1);
      expect(await listJobs(dbC.kysely, { articleId: id })).toMatchObject([{ state: 'done', attempts: 1 }]);
    });
  });

  describe('one job, several runners, and moves', () => {
    let opened: OpenedDb;
    let n: Newsroom;
    let deps: ReturnType<typeof testDeps>;
    let who: Principal;
    const extra: Db[] = [];
    beforeAll(async () => {
      opened = await openDb(engine);
      n = await newsroom(opened.db);
      deps = testDeps(opened.db, NOW);
      const u = await createUser(deps, { email: 'desk@example.org', name: 'Desk', role: 'editor', password: 'correct horse battery staple' });
      who = userPrincipal({ id: u.id, role: 'editor', active: true });
    });
    afterAll(async () => {
      for (const db of extra) await db.close();
      await opened?.cleanup();
    });

    const draft = (headline: string) => createArticle(deps, { locale: 'en', headline, body: doc('Text.'), sectionId: n.politics, status: 'draft' });
    const jobsOf = (id: number) => listJobs(opened.db.kysely, { articleId: id });
    /** The handler as a runner would call it, at `now`, counting what it announces. */
    async function runHandler(job: Job, now: string): Promise<string[][]> {
      const d = testDeps(opened.db, now);
      const announced: string[][] = [];
      d.changes.subscribe((keys) => announced.push(keys));
      await publishScheduledHandler(d)(job);
      return announced;
    }

    it('a crash after the commit but before "done": the job runs again when its lease expires and changes nothing', async () => {
      const id = await draft('Crash after commit');
      await scheduleArticle(deps, who, id, AT);
      const [job] = await jobsOf(id);
      const at = minutesAfter(AT, 1);
      // The dying runner: claims the job and commits its work, then never records it.
      const claimed = (await claimDueJob(opened.db.kysely, opened.db.dialect, { kinds: [PUBLISH_SCHEDULED], by: 'dying', now: at, leaseMs: 60_000 }))!;
      expect(claimed).toMatchObject({ id: job!.id, state: 'running', lockedBy: 'dying', attempts: 1 });
      expect(await runHandler(claimed, at)).toHaveLength(1);
      const revisions = (await listRevisions(opened.db.kysely, id)).length;
      // Its replacement, after the lease ran out.
      const d = testDeps(opened.db, minutesAfter(at, 2));
      const { runner, announced } = runnerOn(d, { id: 'replacement' });
      await runner.idle();
      await runner.stop();
      expect(await getJob(opened.db.kysely, job!.id)).toMatchObject({ state: 'done', attempts: 2 });
      expect(announced).toEqual([]);
      expect(await listRevisions(opened.db.kysely, id)).toHaveLength(revisions);
      expect(await wentLive(opened.db, id)).toHaveLength(1);
    });

    // Regression: a publication job that failed for good left the story visible on time (visibility is by date) but
    // told nobody, so cached home pages and feeds went on without it until some unrelated change.
    it('regression: a publication job that fails for good still announces the story, which readers see on time', async () => {
      const id = await draft('Job fails, story shows');
      await scheduleArticle(deps, who, id, AT);
      const [job] = await jobsOf(id);
      const d = testDeps(opened.db, minutesAfter(AT, 1));
      const announced: string[][] = [];
      d.changes.subscribe((keys) => announced.push(keys));
      const failing = async () => {
        throw new Error('the disk is full');
      };
      const runner = startJobRunner(d, { [PUBLISH_SCHEDULED]: failing }, { id: 'failing', maxAttempts: 1, onGaveUp: announceFailedPublication(d) });
      await runner.idle();
      await runner.stop();
      expect(await getJob(opened.db.kysely, job!.id)).toMatchObject({ state: 'failed', attempts: 1 });
      const row = (await getArticleRow(opened.db.kysely, id))!;
      expect(announced).toEqual([expect.arrayContaining([`a${id}`, `s${row.story_id}`, 'l-en'])]);
    });

    it('two runners on two connections racing for the same due jobs: each job runs exactly once', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 6; i++) {
        const id = await draft(`Race ${i}`);
        await scheduleArticle(deps, who, id, AT);
        ids.push(id);
      }
      const later = minutesAfter(AT, 5);
      const calls: number[] = [];
      // Two pools on PostgreSQL (two instances). On SQLite two connections in one thread would stall each other
      // (better-sqlite3 waits for a lock synchronously, blocking the holder's commit), so there the two runners
      // share one connection: their claims still interleave, and two processes are covered by the start-up test.
      const dbs = opened.db.dialect === 'postgres' ? [reconnect(opened.db), reconnect(opened.db)] : [opened.db, opened.db];
      if (opened.db.dialect === 'postgres') extra.push(...dbs);
      const runners = dbs.map((db, i) => {
        const d = testDeps(db, later);
        const handler = publishScheduledHandler(d);
        return startJobRunner(
          d,
          {
            [PUBLISH_SCHEDULED]: async (job) => {
              calls.push(job.id);
              await handler(job);
            },
          },
          { id: `racer-${i}` },
        );
      });
      await Promise.all(runners.map((r) => r.idle()));
      await Promise.all(runners.map((r) => r.stop()));
      const jobIds = (await Promise.all(ids.map(jobsOf))).map((j) => j[0]!.id);
      expect(calls.sort((a, b) => a - b)).toEqual(jobIds.sort((a, b) => a - b));
      for (const id of ids) {
        expect(await jobsOf(id)).toMatchObject([{ state: 'done', attempts: 1 }]);
        expect(await wentLive(opened.db, id)).toHaveLength(1);
      }
    });

    it('a claim is won by one runner only, however many ask at once', async () => {
      const id = await draft('One claim');
      await scheduleArticle(deps, who, id, AT);
      const dbs = [opened.db, reconnect(opened.db), reconnect(opened.db)];
      extra.push(...dbs.slice(1));
      const now = minutesAfter(AT, 1);
      const got = await Promise.all(
        dbs.flatMap((db, i) => [0, 1].map((j) => claimDueJob(db.kysely, db.dialect, { kinds: [PUBLISH_SCHEDULED], by: `c${i}-${j}`, now, leaseMs: 60_000 }))),
      );
      const winners = got.filter((j) => j !== null && j.articleId === id);
      expect(winners).toHaveLength(1);
      // Release what the other tests' leftovers may have handed out, so they do not leak into later tests.
      for (const j of got) if (j) await opened.db.kysely.updateTable('jobs').set({ state: 'done' }).where('id', '=', j.id).execute();
    });

    it('a reschedule makes the old job do nothing; the new one publishes at the new time', async () => {
      const id = await draft('Rescheduled');
      await scheduleArticle(deps, who, id, AT);
      const [old] = await jobsOf(id);
      await scheduleArticle(deps, who, id, AT2);
      expect((await jobsOf(id)).map((j) => [j.runAt, j.state])).toEqual([
        [AT2, 'pending'],
        [AT, 'cancelled'],
      ]);
      // A runner past the old time finds nothing to do; the old job, were it already in a runner's hands, neither.
      const between = minutesAfter(AT, 1);
      const d = testDeps(opened.db, between);
      const { runner, announced } = runnerOn(d, { id: 'between' });
      await runner.idle();
      await runner.stop();
      expect(await runHandler(old!, between)).toEqual([]);
      expect(announced).toEqual([]);
      expect(await wentLive(opened.db, id)).toEqual([]);
      expect((await getArticleRow(opened.db.kysely, id))!).toMatchObject({ published_at: AT2, scheduled_at: AT2 });

      const after = testDeps(opened.db, minutesAfter(AT2, 1));
      const second = runnerOn(after, { id: 'after' });
      await second.runner.idle();
      await second.runner.stop();
      expect((await wentLive(opened.db, id)).map((a) => a.details.publishedAt)).toEqual([AT2]);
    });

    it('rescheduling back to an earlier time reuses its job instead of queueing a second one', async () => {
      const id = await draft('Back and forth');
      await scheduleArticle(deps, who, id, AT);
      await scheduleArticle(deps, who, id, AT2);
      await scheduleArticle(deps, who, id, AT);
      await scheduleArticle(deps, who, id, AT);
      expect((await jobsOf(id)).map((j) => [j.runAt, j.state])).toEqual([
        [AT2, 'cancelled'],
        [AT, 'pending'],
      ]);
    });

    it('cancelling the schedule, or publishing at once, makes the job do nothing', async () => {
      const cancelled = await draft('Cancelled');
      await scheduleArticle(deps, who, cancelled, AT);
      await changeStatus(deps, who, cancelled, 'draft');
      const now = await draft('Published now');
      await scheduleArticle(deps, who, now, AT);
      await changeStatus(deps, who, now, 'published');
      for (const id of [cancelled, now]) {
        const [job] = await jobsOf(id);
        expect(job).toMatchObject({ state: 'cancelled' });
        const revisions = (await listRevisions(opened.db.kysely, id)).length;
        expect(await runHandler(job!, minutesAfter(AT, 1))).toEqual([]);
        expect(await listRevisions(opened.db.kysely, id)).toHaveLength(revisions);
        expect(await wentLive(opened.db, id)).toEqual([]);
      }
      expect(await getArticleRow(opened.db.kysely, cancelled)).toMatchObject({ status: 'draft', published_at: null, scheduled_at: null });
      expect(await getArticleRow(opened.db.kysely, now)).toMatchObject({ status: 'published', published_at: NOW, scheduled_at: null });
    });

    it('with the embargo watcher running too, a scheduled story is announced once, by its job, on time', async () => {
      const real = { ...testDeps(opened.db), clock: () => new Date() };
      const id = await draft('Announced once');
      const announced: string[][] = [];
      real.changes.subscribe((keys) => announced.push(keys));
      const watch = watchEmbargoes(real, ['en']);
      // The job takes its time, so the watcher's moment surely comes first (a change notice re-arms the watcher, so
      // were the job first, the watcher would not look at this story at all and the test could not fail).
      const handler = publishScheduledHandler(real);
      const slow = async (job: Job) => {
        await new Promise((r) => setTimeout(r, 300));
        await handler(job);
      };
      const runner = startJobRunner(real, { [PUBLISH_SCHEDULED]: slow }, { id: 'real-time' });
      try {
        const at = new Date(Date.now() + 400).toISOString();
        await scheduleArticle(real, who, id, at);
        await waitFor(async () => (await wentLive(opened.db, id)).length > 0, { what: 'the job to publish the story' });
        await runner.idle();
      } finally {
        watch.stop();
        await runner.stop();
      }
      expect(announced.filter((keys) => keys.includes(`a${id}`))).toHaveLength(1);
      expect(await wentLive(opened.db, id)).toHaveLength(1);
    });

    it('a failed move queues nothing: the job is written in the move’s transaction', async () => {
      const id = await draft('Refused');
      const author = await createUser(deps, { email: 'writer@example.org', name: 'Writer', role: 'author', password: 'correct horse battery staple' });
      await expect(scheduleArticle(deps, userPrincipal({ id: author.id, role: 'author', active: true }), id, AT)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await jobsOf(id)).toEqual([]);
    });
  });
});
