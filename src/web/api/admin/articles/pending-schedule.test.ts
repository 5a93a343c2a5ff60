import { expect, it } from 'vitest';
import { listAudit } from '../../../../db/audit-repo.js';
import { listJobs, waitingJobs } from '../../../../db/jobs-repo.js';
import { PUBLISH_PENDING, publishPendingHandler } from '../../../../services/pending-schedule.js';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';

const BASE = '/api/admin/v1/articles';
type Json = ApiJson;

describeApi('Admin API scheduled updates: %s', ({ site: s, newsroom: n, keys, call, engine }) => {
  const fields = (over: Json = {}) => ({
    headline: 'Bridge repairs begin',
    deck: 'Two lanes close.',
    body: doc('Work starts on Monday.'),
    sectionId: n.politics,
    tagIds: [n.tagEn],
    bylines: [{ contributorId: n.alice, role: 'author' }],
    ...over,
  });
  let count = 0;
  const published = async () => {
    const headline = `Scheduled update ${engine} ${++count}`;
    const a = await expectJson(await call(keys.editor, 'POST', BASE, { locale: 'en', ...fields({ headline }) }), 201);
    return (await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/status`, { status: 'published' })))['article'] as Json;
  };
  const pending = (id: number, baseRevision: number, over: Json) => call(keys.editor, 'PUT', `${BASE}/${id}/pending`, { ...fields(over), baseRevision });
  const inHours = (h: number) => new Date(s.deps.clock().getTime() + h * 3_600_000).toISOString();
  const schedule = (id: number, publishAt: string, key = keys.editor) => call(key, 'POST', `${BASE}/${id}/pending/schedule`, { publishAt });
  const get = async (id: number) => expectJson(await call(keys.editor, 'GET', `${BASE}/${id}`));
  /** Runs the article's scheduled-update job as the job runner would once its time came. */
  const runJob = async (id: number) => {
    const [job] = await waitingJobs(s.db.kysely, { articleId: id, kind: PUBLISH_PENDING });
    expect(job).toBeDefined();
    await publishPendingHandler(s.deps)(job!);
    return job!;
  };

  it('the pending changes go live at the scheduled time through the jobs table; the job is safe to run twice', async () => {
    const a = await published();
    const path = new URL(a['url']).pathname;
    await expectJson(await pending(a['id'], a['revision'], { headline: `${a['headline']} (revised)` }));
    const at = inHours(2);
    const res = await expectJson(await schedule(a['id'], at.replace('Z', '+00:00')));
    expect(res).toMatchObject({ scheduledAt: at, pendingRevision: a['revision'] + 1, article: { pendingChanges: { scheduledAt: at } } });
    expect(await listJobs(s.db.kysely, { articleId: a['id'], kind: PUBLISH_PENDING })).toMatchObject([{ state: 'pending', runAt: at }]);
    expect(await (await s.app.request(path)).text()).not.toContain('(revised)');

    const job = await runJob(a['id']);
    const after = await get(a['id']);
    expect(after).toMatchObject({ headline: `${a['headline']} (revised)`, pendingChanges: null, revision: a['revision'] + 2 });
    expect(await (await s.app.request(path)).text()).toContain(`${a['headline']} (revised)`);
    // A second run (a runner that died before marking it done) finds nothing pending and writes nothing.
    await publishPendingHandler(s.deps)(job);
    expect((await get(a['id']))['revision']).toBe(a['revision'] + 2);
    const audit = await listAudit(s.db.kysely, { subjectType: 'article', subjectId: a['id'] });
    expect(audit.filter((x) => x.action === 'article.pending-published')).toMatchObject([
      { actorUserId: null, details: { pendingRevision: a['revision'] + 1, jobId: job.id, scheduledBy: null, apiKeyId: expect.any(Number) } },
    ]);
    expect(audit.some((x) => x.action === 'article.pending-scheduled')).toBe(true);
  });

  it('a newer pending save cancels the schedule: what was scheduled is what someone looked at', async () => {
    const a = await published();
    await expectJson(await pending(a['id'], a['revision'], { headline: `${a['headline']} v1` }));
    await expectJson(await schedule(a['id'], inHours(1)));
    const saved = await expectJson(await pending(a['id'], a['revision'] + 1, { headline: `${a['headline']} v2` }));
    expect(saved['pendingChanges']).toMatchObject({ revision: a['revision'] + 2, scheduledAt: null });
    expect(await waitingJobs(s.db.kysely, { articleId: a['id'], kind: PUBLISH_PENDING })).toEqual([]);
    expect(await listJobs(s.db.kysely, { articleId: a['id'], kind: PUBLISH_PENDING })).toMatchObject([{ state: 'cancelled' }]);
    // Scheduling again takes the newer revision.
    await expectJson(await schedule(a['id'], inHours(1)));
    await runJob(a['id']);
    expect(await get(a['id'])).toMatchObject({ headline: `${a['headline']} v2`, pendingChanges: null });
  });

  it('cancel, discard and "Update" now all cancel the schedule; bad times, no pending changes and authors are refused', async () => {
    const a = await published();
    await expectProblem(await schedule(a['id'], inHours(1)), 404, 'NOT_FOUND');
    await expectJson(await pending(a['id'], a['revision'], { headline: `${a['headline']} x` }));
    await expectProblem(await schedule(a['id'], inHours(-1)), 422, 'VALIDATION_FAILED');
    await expectProblem(await schedule(a['id'], '2026-13-01'), 422, 'VALIDATION_FAILED');
    await expectProblem(await schedule(a['id'], inHours(1), keys.author), 403, 'FORBIDDEN');

    await expectJson(await schedule(a['id'], inHours(1)));
    const cancelled = await expectJson(await call(keys.editor, 'DELETE', `${BASE}/${a['id']}/pending/schedule`));
    expect(cancelled['article']['pendingChanges']).toMatchObject({ revision: a['revision'] + 1, scheduledAt: null });
    await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/${a['id']}/pending/schedule`), 404, 'NOT_FOUND');

    await expectJson(await schedule(a['id'], inHours(1)));
    await expectJson(await call(keys.editor, 'DELETE', `${BASE}/${a['id']}/pending`));
    expect(await waitingJobs(s.db.kysely, { articleId: a['id'], kind: PUBLISH_PENDING })).toEqual([]);

    // Taken off the site: no live version to update, so the schedule goes (and the job would do nothing anyway).
    const u = await published();
    await expectJson(await pending(u['id'], u['revision'], { headline: `${u['headline']} z` }));
    await expectJson(await schedule(u['id'], inHours(1)));
    await expectJson(await call(keys.editor, 'POST', `${BASE}/${u['id']}/status`, { status: 'unpublished' }));
    expect(await waitingJobs(s.db.kysely, { articleId: u['id'], kind: PUBLISH_PENDING })).toEqual([]);

    const b = await published();
    await expectJson(await pending(b['id'], b['revision'], { headline: `${b['headline']} y` }));
    await expectJson(await schedule(b['id'], inHours(3)));
    await expectJson(await call(keys.editor, 'POST', `${BASE}/${b['id']}/pending/publish`, {}));
    expect(await waitingJobs(s.db.kysely, { articleId: b['id'], kind: PUBLISH_PENDING })).toEqual([]);
  });
});
