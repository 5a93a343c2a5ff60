import { afterEach, expect, it } from 'vitest';
import { listAudit } from '../../../../db/audit-repo.js';
import { userPrincipal } from '../../../../content/principal.js';
import { dashboard } from '../../../../services/desk-dashboard.js';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';

const BASE = '/api/admin/v1/articles';
type Json = ApiJson;

describeApi('Admin API pending changes: %s', ({ site: s, newsroom: n, keys, call, engine }) => {
  let announced: string[] = [];
  let stop = () => {};
  afterEach(() => stop());
  /** Every surrogate key announced from now on. */
  const listen = () => {
    announced = [];
    stop = s.deps.changes.subscribe((keys) => void announced.push(...keys));
  };

  const fields = (over: Json = {}) => ({
    headline: 'Grain corridor reopens',
    deck: 'Ships sail again.',
    body: doc('The first ship left at dawn.'),
    sectionId: n.politics,
    tagIds: [n.tagEn],
    bylines: [{ contributorId: n.alice, role: 'author' }],
    ...over,
  });
  let count = 0;
  /** A published story with a headline of its own (so pages and feeds are told apart by engine and test). */
  const published = async (over: Json = {}) => {
    const headline = `Live story ${engine} ${++count}`;
    const a = await expectJson(await call(keys.editor, 'POST', BASE, { locale: 'en', ...fields({ headline, ...over }) }), 201);
    const moved = await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/status`, { status: 'published' }));
    return moved['article'] as Json;
  };
  const pending = (id: number, baseRevision: number, over: Json, key = keys.editor) =>
    call(key, 'PUT', `${BASE}/${id}/pending`, { ...fields(over), baseRevision });
  const get = async (id: number) => expectJson(await call(keys.editor, 'GET', `${BASE}/${id}`));
  const text = async (path: string) => {
    const res = await s.app.request(path);
    expect(res.status).toBe(200);
    return res.text();
  };
  const session = async (role: 'author' | 'editor') => {
    const agent = s.agent();
    await agent.login(s.users[role].email);
    const token = await agent.csrfFrom('/admin');
    const send = (method: string) => (path: string, body?: unknown) =>
      agent.request(path, {
        method,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        headers: { 'content-type': 'application/json', 'X-CSRF-Token': token },
      });
    return { post: send('POST'), put: send('PUT'), del: send('DELETE') };
  };

  it('pending changes leave the page, the feed, the sitemap and the API live content as they were, and announce nothing', async () => {
    const a = await published();
    const path = new URL(a['url']).pathname;
    const [page, feed] = await Promise.all([text(path), text('/feed.xml')]);
    expect(page).toContain(a['headline']);
    listen();

    const saved = await expectJson(
      await pending(a['id'], a['revision'], { headline: `${a['headline']} (half-typed`, body: doc('The first ship left at daw') }),
    );
    expect(announced).toEqual([]);
    expect(saved).toMatchObject({
      id: a['id'],
      revision: a['revision'] + 1,
      headline: a['headline'],
      body: a['body'],
      updatedAt: a['updatedAt'],
      pendingChanges: {
        revision: a['revision'] + 1,
        liveRevision: a['revision'],
        state: 'draft',
        user: null,
        savedAt: s.deps.clock().toISOString(),
        textChanged: true,
        content: {
          headline: `${a['headline']} (half-typed`,
          body: doc('The first ship left at daw'),
          tagIds: [n.tagEn],
          tags: [{ id: n.tagEn, name: 'Trade' }],
        },
      },
    });
    expect(await get(a['id'])).toMatchObject({ headline: a['headline'], pendingChanges: { revision: a['revision'] + 1 } });
    expect(await text(path)).toBe(page);
    expect(await text('/feed.xml')).toBe(feed);
    expect(await text('/sitemaps/news.xml')).not.toContain('half-typed');

    // A second save goes on top of the first; the history keeps both, marked pending, and diffs live against pending.
    const again = await expectJson(
      await pending(a['id'], a['revision'] + 1, { headline: `${a['headline']} (typed)`, body: doc('The first ship left at dawn today.') }),
    );
    expect(again['pendingChanges']).toMatchObject({ revision: a['revision'] + 2, liveRevision: a['revision'] });
    const { items } = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a['id']}/revisions`));
    expect(items.slice(-3).map((r: Json) => [r.number, r.pending])).toEqual([
      [a['revision'], false],
      [a['revision'] + 1, true],
      [a['revision'] + 2, true],
    ]);
    const diff = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a['id']}/diff?from=${a['revision']}&to=${a['revision'] + 2}`));
    expect(diff['fields'].body).toContainEqual({ type: 'added', text: expect.stringContaining('today') });
    expect(announced).toEqual([]);
  });

  it('a stale baseRevision on pending changes is a 409 CONFLICT carrying the stored version and what was sent', async () => {
    const a = await published();
    await expectJson(await pending(a['id'], a['revision'], { headline: 'Mine first' }));
    const problem = await expectProblem(await pending(a['id'], a['revision'], { headline: 'Theirs, on the old base' }), 409, 'CONFLICT');
    expect(problem['current']).toMatchObject({ revision: a['revision'] + 1, pendingChanges: { content: { headline: 'Mine first' } } });
    expect(problem['sent']).toMatchObject({ headline: 'Theirs, on the old base', baseRevision: a['revision'] });
    // Nothing stored: the pending changes are still the first save's.
    expect((await get(a['id']))['pendingChanges']).toMatchObject({ revision: a['revision'] + 1, content: { headline: 'Mine first' } });
  });

  it('Update makes them live (announced, with an optional correction); the author cannot, the editor can', async () => {
    const a = await published();
    const path = new URL(a['url']).pathname;
    await expectJson(await pending(a['id'], a['revision'], { headline: `${a['headline']} updated`, body: doc('Two ships left at dawn.') }));
    await expectProblem(await call(keys.author, 'POST', `${BASE}/${a['id']}/pending/publish`, {}), 403, 'FORBIDDEN');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a['id']}/pending/publish`, { baseRevision: a['revision'] }), 409, 'CONFLICT');
    listen();
    const res = await expectJson(
      await call(keys.editor, 'POST', `${BASE}/${a['id']}/pending/publish`, {
        baseRevision: a['revision'] + 1,
        correction: 'An earlier version gave one ship.',
      }),
    );
    expect(res).toMatchObject({
      revision: a['revision'] + 2,
      correction: { text: 'An earlier version gave one ship.' },
      article: { headline: `${a['headline']} updated`, pendingChanges: null, state: 'published', publishedAt: a['publishedAt'] },
    });
    expect(announced).toContain(`a${a['id']}`);
    const page = await text(path);
    expect(page).toContain(`${a['headline']} updated`);
    expect(page).toContain('An earlier version gave one ship.');
    expect(await text('/feed.xml')).toContain(`${a['headline']} updated`);
    const history = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a['id']}/revisions`));
    expect(history['items'].at(-1)).toMatchObject({ number: a['revision'] + 2, pending: false, headline: `${a['headline']} updated` });
    expect((await listAudit(s.db.kysely, { subjectType: 'article', subjectId: a['id'] }))[0]).toMatchObject({
      action: 'article.pending-published',
      details: { pendingRevision: a['revision'] + 1, revision: a['revision'] + 2, textChanged: true },
    });
    // Nothing waits any more.
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a['id']}/pending/publish`, {}), 404, 'NOT_FOUND');
  });

  it('Discard drops them, keeps them in the history and makes an editor still typing on them conflict', async () => {
    const a = await published();
    const path = new URL(a['url']).pathname;
    const page = await text(path);
    await expectJson(await pending(a['id'], a['revision'], { headline: 'To be thrown away' }));
    await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/${a['id']}/pending?baseRevision=${a['revision']}`), 409, 'CONFLICT');
    listen();
    const res = await expectJson(await call(keys.editor, 'DELETE', `${BASE}/${a['id']}/pending?baseRevision=${a['revision'] + 1}`));
    expect(announced).toEqual([]);
    expect(res).toMatchObject({ revision: a['revision'] + 2, article: { headline: a['headline'], pendingChanges: null } });
    expect(await text(path)).toBe(page);
    const kept = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a['id']}/revisions/${a['revision'] + 1}`));
    expect(kept).toMatchObject({ pending: true, snapshot: { headline: 'To be thrown away' } });
    const last = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a['id']}/revisions/${a['revision'] + 2}`));
    expect(last).toMatchObject({ pending: false, headline: a['headline'] });
    await expectProblem(await pending(a['id'], a['revision'] + 1, { headline: 'Still typing' }), 409, 'CONFLICT');
    await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/${a['id']}/pending`), 404, 'NOT_FOUND');
  });

  it('a writer prepares pending changes on their own live story and sends them for review; only the desk publishes them', async () => {
    const author = await session('author');
    const created = await expectJson(await author.post(BASE, { locale: 'en', ...fields({ headline: `Author story ${engine}` }) }), 201);
    const moved = await expectJson(await call(keys.editor, 'POST', `${BASE}/${created['id']}/status`, { status: 'published' }));
    const a = moved['article'] as Json;
    // A plain save of a live story is the desk's (an immediate update); the writer's goes to pending changes.
    await expectProblem(await author.put(`${BASE}/${a['id']}`, { ...fields(), baseRevision: a['revision'] }), 403, 'FORBIDDEN');
    const saved = await expectJson(
      await author.put(`${BASE}/${a['id']}/pending`, { ...fields({ headline: 'A better headline' }), baseRevision: a['revision'] }),
    );
    expect(saved['pendingChanges']).toMatchObject({ state: 'draft', user: { id: s.users.author.id, name: 'Author Person' } });
    const submitted = await expectJson(await author.post(`${BASE}/${a['id']}/pending/submit`));
    expect(submitted['pendingChanges']).toMatchObject({ state: 'in_review' });
    // The desk finds them in review on its dashboard.
    const desk = await dashboard(s.deps, userPrincipal({ id: s.users.editor.id, role: 'editor', active: true }));
    expect(desk.inReview).toContainEqual(expect.objectContaining({ id: a['id'], state: 'published', pendingChanges: true }));
    await expectProblem(await author.post(`${BASE}/${a['id']}/pending/publish`, {}), 403, 'FORBIDDEN');
    // Someone else's story: no pending changes for a writer.
    const other = await published();
    await expectProblem(await author.put(`${BASE}/${other['id']}/pending`, { ...fields(), baseRevision: other['revision'] }), 403, 'FORBIDDEN');
    const res = await expectJson(await call(keys.editor, 'POST', `${BASE}/${a['id']}/pending/publish`));
    expect(res['article']).toMatchObject({ headline: 'A better headline', pendingChanges: null });
  });

  it('pending changes on a scheduled story stay out until Update; a correction is refused before readers saw it', async () => {
    const a = await expectJson(await call(keys.editor, 'POST', BASE, { locale: 'en', ...fields({ headline: `Scheduled ${engine}` }) }), 201);
    const at = new Date(s.deps.clock().getTime() + 86_400_000).toISOString();
    const moved = await expectJson(await call(keys.editor, 'POST', `${BASE}/${a['id']}/schedule`, { publishAt: at }));
    const sch = moved['article'] as Json;
    expect(sch['state']).toBe('scheduled');
    await expectJson(await pending(sch['id'], sch['revision'], { headline: `Scheduled ${engine}, reworded` }));
    await expectProblem(
      await call(keys.editor, 'POST', `${BASE}/${sch['id']}/pending/publish`, { correction: 'Nothing to correct yet.' }),
      422,
      'VALIDATION_FAILED',
    );
    const res = await expectJson(await call(keys.editor, 'POST', `${BASE}/${sch['id']}/pending/publish`, {}));
    expect(res['article']).toMatchObject({ headline: `Scheduled ${engine}, reworded`, state: 'scheduled', publishedAt: at, pendingChanges: null });
  });

  it('a plain PUT on a live story is still an immediate update, and pending changes are refused on a draft', async () => {
    const a = await published();
    const path = new URL(a['url']).pathname;
    await expectJson(await pending(a['id'], a['revision'], { headline: 'Waiting' }));
    const res = await expectJson(
      await call(keys.editor, 'PUT', `${BASE}/${a['id']}`, { ...fields({ headline: `${a['headline']} now` }), baseRevision: a['revision'] + 1 }),
    );
    expect(res).toMatchObject({ headline: `${a['headline']} now`, pendingChanges: { content: { headline: 'Waiting' } } });
    expect(await text(path)).toContain(`${a['headline']} now`);

    const draft = await expectJson(await call(keys.editor, 'POST', BASE, { locale: 'en', ...fields() }), 201);
    await expectProblem(await pending(draft['id'], 1, { headline: 'Not live' }), 422, 'NOT_LIVE');
  });

  it('a status move after pending saves records the live content, not the pending one (unpublish, then edit as usual)', async () => {
    const a = await published();
    await expectJson(await pending(a['id'], a['revision'], { headline: 'Pending headline' }));
    const moved = await expectJson(await call(keys.editor, 'POST', `${BASE}/${a['id']}/status`, { status: 'unpublished' }));
    const r = moved['article']['revision'] as number;
    const rev = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a['id']}/revisions/${r}`));
    expect(rev).toMatchObject({ pending: false, status: 'unpublished', headline: a['headline'] });
    // Off the site, a plain save holds what the editor loaded (the pending text) and supersedes the pending changes.
    const saved = await expectJson(await call(keys.editor, 'PUT', `${BASE}/${a['id']}`, { ...fields({ headline: 'Pending headline' }), baseRevision: r }));
    expect(saved).toMatchObject({ headline: 'Pending headline', pendingChanges: null });
  });
});
