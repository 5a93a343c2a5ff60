import { expect, it } from 'vitest';
import { listRevisions } from '../../../../db/revisions-repo.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';

const BASE = '/api/admin/v1/articles';
type Json = ApiJson;

describeApi('Admin API revisions: %s', ({ site: s, newsroom: n, keys, call, engine }) => {
  const fields = (over: Json = {}) => ({
    headline: 'Grain corridor reopens',
    deck: 'Ships sail again.',
    body: doc('The first ship left at dawn.', 'Insurers are cautious.'),
    sectionId: n.politics,
    tagIds: [n.tagEn],
    bylines: [{ contributorId: n.alice, role: 'author' }],
    ...over,
  });
  const create = async (over: Json = {}, key = keys.editor) => expectJson(await call(key, 'POST', BASE, { locale: 'en', ...fields(over) }), 201);
  const put = async (id: number, baseRevision: number, over: Json, key = keys.editor) =>
    expectJson(await call(key, 'PUT', `${BASE}/${id}`, { ...fields(over), baseRevision }));
  /** The editable content of a revision's snapshot (what a restore copies). */
  const content = (snap: Json) => {
    const { headline, deck, slug, body, dateline, sectionId, tagIds, bylines, hero, source, seoTitle, seoDescription, canonicalUrl } = snap;
    return { headline, deck, slug, body, dateline, sectionId, tagIds, bylines, hero, source, seoTitle, seoDescription, canonicalUrl };
  };
  const session = async (role: 'author' | 'editor') => {
    const agent = s.agent();
    await agent.login(s.users[role].email);
    const token = await agent.csrfFrom('/admin');
    return {
      get: (path: string) => agent.request(path),
      post: (path: string, body: unknown) =>
        agent.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'X-CSRF-Token': token } }),
      put: (path: string, body: unknown) =>
        agent.request(path, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'X-CSRF-Token': token } }),
    };
  };

  it('history grows with every save and restore; restoring 1 after 3 edits gives 5 equal to 1, with 2–4 kept', async () => {
    const a = await create({ headline: 'First headline', tagIds: [n.tagEn] });
    await put(a.id, 1, { headline: 'Second headline', deck: 'Deck two', tagIds: [n.tagEn2] });
    await put(a.id, 2, { headline: 'Third headline', body: doc('Everything changed.'), slug: 'third-headline' });
    await put(a.id, 3, { headline: 'Fourth headline', sectionId: n.economy, bylines: [{ contributorId: n.boris, role: 'author' }] });

    const res = await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/revisions/1/restore`, { baseRevision: 4 }));
    expect(res).toMatchObject({
      restored: 1,
      revision: 5,
      article: { id: a.id, revision: 5, headline: 'First headline', slug: a.slug, sectionId: n.politics, tagIds: [n.tagEn], status: 'draft' },
    });
    expect(res['article'].body).toEqual(a.body);

    const list = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/revisions`));
    expect(list['items'].map((r: Json) => [r.number, r.headline])).toEqual([
      [1, 'First headline'],
      [2, 'Second headline'],
      [3, 'Third headline'],
      [4, 'Fourth headline'],
      [5, 'First headline'],
    ]);
    expect(list['items'][0]).toEqual({
      number: 1,
      createdAt: s.deps.clock().toISOString(),
      user: null,
      headline: 'First headline',
      wordCount: 9,
      status: 'draft',
      pending: false,
    });
    expect(list['items'][2].wordCount).toBe(2);

    const [one, five] = await Promise.all([
      expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/revisions/1`)),
      expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/revisions/5`)),
    ]);
    expect(content(five['snapshot'])).toEqual(content(one['snapshot']));
    for (const k of [2, 3, 4]) {
      const r = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/revisions/${k}`));
      expect(r).toMatchObject({ number: k, snapshot: { headline: ['Second headline', 'Third headline', 'Fourth headline'][k - 2] } });
    }
    expect((await listRevisions(s.db.kysely, a.id)).map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    // A restore is an edit like any other: it can be undone by restoring again, and the history grows on.
    expect(await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/revisions/3/restore`, { baseRevision: 5 }))).toMatchObject({
      revision: 6,
      article: { headline: 'Third headline', slug: 'third-headline' },
    });
    expect((await listAudit(s.db.kysely, { subjectType: 'article', subjectId: a.id }))[0]).toMatchObject({
      action: 'article.restored',
      details: { from: 3, revision: 6 },
    });
  });

  it('names the user who saved a revision (a session), none for an API key', async () => {
    const editor = await session('editor');
    const a = await expectJson(await editor.post(BASE, { locale: 'en', ...fields() }), 201);
    await expectJson(await editor.put(`${BASE}/${a.id}`, { ...fields({ headline: 'By the editor' }), baseRevision: 1 }));
    await put(a.id, 2, { headline: 'By a key' });
    const { items } = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/revisions`));
    expect(items.map((r: Json) => r.user)).toEqual([{ id: s.users.editor.id, name: 'Editor Person' }, { id: s.users.editor.id, name: 'Editor Person' }, null]);
  });

  it('a restore keeps the status and dates: only the content goes back', async () => {
    const a = await create({ headline: `Published then restored ${engine}` });
    await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/status`, { status: 'published' }));
    const edited = await put(a.id, 2, { headline: `Edited after publishing ${engine}` });
    const res = await expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/revisions/1/restore`, { baseRevision: 3 }));
    expect(res['article']).toMatchObject({
      revision: 4,
      status: 'published',
      state: 'published',
      publishedAt: edited['publishedAt'],
      headline: `Published then restored ${engine}`,
    });
    expect((await s.app.request(new URL(res['article'].url).pathname)).status).toBe(200);
  });

  it('diffs two revisions word by word: headline, deck and body text, either direction', async () => {
    const a = await create({ headline: 'Grain corridor reopens', deck: null, body: doc('The first ship left at dawn.', 'Insurers are cautious.') });
    await put(a.id, 1, {
      headline: 'Grain corridor reopens fully',
      deck: 'Ships sail again.',
      body: doc('The last ship left at dawn.', 'Insurers are cautious.'),
    });
    const d = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=1&to=2`));
    expect(d).toMatchObject({ articleId: a.id, from: 1, to: 2 });
    expect(d['fields'].headline).toEqual([
      { type: 'same', text: 'Grain corridor reopens ' },
      { type: 'added', text: 'fully' },
    ]);
    expect(d['fields'].deck).toEqual([{ type: 'added', text: 'Ships sail again.' }]);
    const body = d['fields'].body as Json[];
    expect(body.filter((p) => p.type === 'removed').map((p) => p.text)).toEqual(['first']);
    expect(body.filter((p) => p.type === 'added').map((p) => p.text)).toEqual(['last']);
    expect(
      body
        .filter((p) => p.type !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe('The last ship left at dawn.\n\nInsurers are cautious.');
    const back = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=2&to=1`));
    expect(back['fields'].headline).toEqual([
      { type: 'same', text: 'Grain corridor reopens' },
      { type: 'removed', text: ' fully' },
    ]);
    const same = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=2&to=2`));
    expect(same['fields'].body.every((p: Json) => p.type === 'same')).toBe(true);
  });

  it('diffs Cyrillic by whole words', async () => {
    const a = await create({
      locale: 'ru',
      tagIds: [n.tagRu],
      headline: 'Жанаозен: новая смена',
      deck: 'Рабочие вышли утром.',
      body: doc('Первая смена началась в шесть часов.'),
    });
    await put(a.id, 1, {
      tagIds: [n.tagRu],
      headline: 'Жанаозен: старая смена',
      deck: 'Рабочие вышли утром.',
      body: doc('Вторая смена началась в семь часов.'),
    });
    const d = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=1&to=2`));
    const words = (parts: Json[], type: string) => parts.filter((p) => p.type === type).map((p) => p.text.trim());
    expect(words(d['fields'].headline, 'removed')).toEqual(['новая']);
    expect(words(d['fields'].headline, 'added')).toEqual(['старая']);
    expect(d['fields'].deck).toEqual([{ type: 'same', text: 'Рабочие вышли утром.' }]);
    expect(words(d['fields'].body, 'removed')).toEqual(['Первая', 'шесть']);
    expect(words(d['fields'].body, 'added')).toEqual(['Вторая', 'семь']);
  });

  it('a stale restore gets 409 with the stored version; nothing is stored', async () => {
    const a = await create({ headline: 'Before the race' });
    await put(a.id, 1, { headline: 'Someone saved meanwhile' });
    const p = await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/revisions/1/restore`, { baseRevision: 1 }), 409, 'CONFLICT');
    expect(p).toMatchObject({ currentRevision: 2, baseRevision: 1, current: { revision: 2, headline: 'Someone saved meanwhile' }, sent: { baseRevision: 1 } });
    expect((await listRevisions(s.db.kysely, a.id)).length).toBe(2);
  });

  it('permissions: history needs read-draft rights, restore needs edit rights', async () => {
    const desk = await create({ headline: `Desk story ${engine}` });
    await put(desk.id, 1, { headline: `Desk story edited ${engine}` });
    await expectJson(await call(keys.editor, 'POST', `${BASE}/${desk.id}/status`, { status: 'published' }));
    const author = await session('author');
    // Someone else's story, published or not: an author neither reads its history nor restores it.
    await expectProblem(await author.get(`${BASE}/${desk.id}/revisions`), 403, 'FORBIDDEN');
    await expectProblem(await author.get(`${BASE}/${desk.id}/revisions/1`), 403, 'FORBIDDEN');
    await expectProblem(await author.get(`${BASE}/${desk.id}/diff?from=1&to=2`), 403, 'FORBIDDEN');
    await expectProblem(await author.post(`${BASE}/${desk.id}/revisions/1/restore`, { baseRevision: 3 }), 403, 'FORBIDDEN');
    await expectProblem(await author.post(`${BASE}/${desk.id}/revisions/99/restore`, { baseRevision: 3 }), 403, 'FORBIDDEN');
    // A translator reads any history but edits only its own drafts; a contributor key owns nothing.
    expect((await call(keys.translator, 'GET', `${BASE}/${desk.id}/revisions`)).status).toBe(200);
    await expectProblem(await call(keys.translator, 'POST', `${BASE}/${desk.id}/revisions/1/restore`, { baseRevision: 3 }), 403, 'FORBIDDEN');
    await expectProblem(await call(keys.contributor, 'GET', `${BASE}/${desk.id}/revisions`), 403, 'FORBIDDEN');
    expect((await listRevisions(s.db.kysely, desk.id)).length).toBe(3);

    // Their own draft: they read its history and restore it; once published, only the desk may.
    const own = await expectJson(await author.post(BASE, { locale: 'en', ...fields({ headline: 'Author draft' }) }), 201);
    await expectJson(await author.put(`${BASE}/${own.id}`, { ...fields({ headline: 'Author draft, rewritten' }), baseRevision: 1 }));
    expect((await expectJson(await author.get(`${BASE}/${own.id}/revisions`)))['items']).toHaveLength(2);
    expect(await expectJson(await author.post(`${BASE}/${own.id}/revisions/1/restore`, { baseRevision: 2 }))).toMatchObject({
      revision: 3,
      article: { headline: 'Author draft' },
    });
    await expectJson(await call(keys.editor, 'POST', `${BASE}/${own.id}/status`, { status: 'published' }));
    await expectProblem(await author.post(`${BASE}/${own.id}/revisions/2/restore`, { baseRevision: 4 }), 403, 'FORBIDDEN');
    expect((await expectJson(await author.get(`${BASE}/${own.id}/revisions`)))['items'].map((r: Json) => r.status)).toEqual([
      'draft',
      'draft',
      'draft',
      'published',
    ]);
    // An API key owns nothing, so an author key cannot even read the history of a draft it created.
    const keyed = await create({}, keys.author);
    await expectProblem(await call(keys.author, 'GET', `${BASE}/${keyed.id}/revisions`), 403, 'FORBIDDEN');
  });

  it('bad numbers and bodies: 404 or 422/400 problems naming the field, never a 500', async () => {
    const a = await create();
    await put(a.id, 1, { headline: 'Two' });
    for (const path of [
      `${BASE}/${a.id}/revisions/abc`,
      `${BASE}/${a.id}/revisions/0`,
      `${BASE}/${a.id}/revisions/-1`,
      `${BASE}/${a.id}/revisions/1.5`,
      `${BASE}/${a.id}/revisions/3`,
      `${BASE}/${a.id}/revisions/99999999999`,
      `${BASE}/${a.id}/revisions/2147483648`,
      `${BASE}/999999/revisions`,
      `${BASE}/999999/revisions/1`,
      `${BASE}/abc/revisions`,
      `${BASE}/${a.id}/diff?from=1&to=3`,
      `${BASE}/${a.id}/diff?from=2147483647&to=1`,
      `${BASE}/999999/diff?from=1&to=2`,
    ]) {
      await expectProblem(await call(keys.editor, 'GET', path), 404, 'NOT_FOUND');
    }
    const missing = await expectProblem(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=1`), 422, 'VALIDATION_FAILED');
    expect(missing['errors'].map((e: Json) => e.field)).toEqual(['to']);
    const bad = await expectProblem(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=abc&to=0&x=1`), 422, 'VALIDATION_FAILED');
    expect(bad['errors'].map((e: Json) => e.field).sort()).toEqual(['from', 'to', 'x']);
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=1.5&to=99999999999`), 422, 'VALIDATION_FAILED');

    const restore = (n: string | number, body?: unknown, id: number | string = a.id) => call(keys.editor, 'POST', `${BASE}/${id}/revisions/${n}/restore`, body);
    await expectProblem(await restore(1), 400, 'BAD_REQUEST');
    await expectProblem(await restore(1, '{"baseRevision":'), 400, 'BAD_REQUEST');
    const noBase = await expectProblem(await restore(1, {}), 422, 'VALIDATION_FAILED');
    expect(noBase['errors'].map((e: Json) => e.field)).toEqual(['baseRevision']);
    const types = await expectProblem(await restore(1, { baseRevision: '2', headline: 'x' }), 422, 'VALIDATION_FAILED');
    expect(types['errors'].map((e: Json) => e.field).sort()).toEqual(['baseRevision', 'headline']);
    await expectProblem(await restore(3, { baseRevision: 2 }), 404, 'NOT_FOUND');
    await expectProblem(await restore('x', { baseRevision: 2 }), 404, 'NOT_FOUND');
    await expectProblem(await restore(1, { baseRevision: 2 }, 999999), 404, 'NOT_FOUND');
    await expectProblem(await restore(1, { baseRevision: 99999999999 }), 409, 'CONFLICT');
    expect((await listRevisions(s.db.kysely, a.id)).length).toBe(2);
  });

  it('a revision whose stored content no longer validates is refused with 422, nothing stored', async () => {
    const a = await create();
    await s.db.kysely.updateTable('revisions').set({ snapshot: '{"headline": 42}' }).where('article_id', '=', a.id).where('number', '=', 1).execute();
    await put(a.id, 1, { headline: 'Two' });
    const p = await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/revisions/1/restore`, { baseRevision: 2 }), 422, 'VALIDATION_FAILED');
    expect(p['snapshotFields']).toHaveProperty('headline');
    // The history still reads (an unreadable snapshot shows as empty rather than failing the list or a diff).
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/revisions`)))['items'][0]).toMatchObject({
      number: 1,
      headline: '',
      wordCount: 0,
    });
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/diff?from=1&to=2`)))['fields'].headline).toEqual([{ type: 'added', text: 'Two' }]);
    expect((await listRevisions(s.db.kysely, a.id)).length).toBe(2);
  });
});
