import { expect, it } from 'vitest';
import { listAudit } from '../../../../db/audit-repo.js';
import { PREVIEW_CSP } from '../../../../render/public-csp.js';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';

const BASE = '/api/admin/v1/articles';
type Json = ApiJson;

describeApi('previews and share links: %s', ({ site: s, newsroom: n, keys, call }) => {
  const fields = (over: Json = {}) => ({
    headline: 'Grain corridor reopens',
    deck: 'Ships sail again.',
    body: doc('The first ship left at dawn.'),
    sectionId: n.politics,
    tagIds: [n.tagEn],
    bylines: [{ contributorId: n.alice, role: 'author' }],
    ...over,
  });
  const create = async (over: Json = {}, key = keys.editor) => expectJson(await call(key, 'POST', BASE, { locale: 'en', ...fields(over) }), 201);
  const put = async (id: number, baseRevision: number, over: Json, key = keys.editor) =>
    expectJson(await call(key, 'PUT', `${BASE}/${id}`, { ...fields(over), baseRevision }));
  const share = async (id: number, body: Json | undefined = {}, key = keys.editor) =>
    expectJson(await call(key, 'POST', `${BASE}/${id}/preview-links`, body), 201);
  /** Opens a share link as a stranger: no key, no cookie. */
  const open = (url: string) => s.app.request(new URL(url).pathname, { headers: { accept: 'text/html' } });
  const session = async (role: 'author' | 'editor' | 'translator' | 'contributor') => {
    const agent = s.agent();
    await agent.login(s.users[role].email);
    return agent;
  };

  it('a share link shows the newest revision to someone without an account: noindex, no-store, no Surrogate-Key, no ETag', async () => {
    const a = await create({ headline: 'First draft headline' });
    await put(a.id, 1, { headline: 'Second draft headline' });
    const link = await share(a.id, undefined);
    expect(link).toMatchObject({ articleId: a.id, pinnedRevision: null, createdAt: s.deps.clock().toISOString() });
    expect(link['url']).toMatch(/^https:\/\/news\.example\.org\/preview\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link['expiresAt']) - s.deps.clock().getTime()).toBe(24 * 3600_000);

    const res = await open(link['url']);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Second draft headline');
    expect(page).not.toContain('First draft headline');
    expect(page).toContain('Preview — not published.');
    expect(page).toContain('<meta name="robots" content="noindex"/>');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toBe(PREVIEW_CSP);
    expect(res.headers.get('surrogate-key')).toBeNull();
    expect(res.headers.get('etag')).toBeNull();

    // Still a draft: in no public list, feed or sitemap.
    for (const path of ['/en/', '/en/section/politics', '/feed.xml', '/en/feed.json', '/sitemaps/news.xml']) {
      expect(await (await s.app.request(path)).text(), path).not.toContain('Second draft headline');
    }
  });

  it('a pinned link keeps its revision; an unpinned one follows the newest', async () => {
    const a = await create({ headline: 'Pinned version' });
    const pinned = await share(a.id, { pinRevision: true });
    const byNumber = await share(a.id, { pinRevision: 1 });
    const latest = await share(a.id, { pinRevision: false });
    expect([pinned['pinnedRevision'], byNumber['pinnedRevision'], latest['pinnedRevision']]).toEqual([1, 1, null]);
    await put(a.id, 1, { headline: 'Newer version' });
    expect(await (await open(pinned['url'])).text()).toContain('Pinned version');
    expect(await (await open(byNumber['url'])).text()).toContain('revision 1 of 2');
    expect(await (await open(latest['url'])).text()).toContain('Newer version');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/preview-links`, { pinRevision: 9 }), 422, 'VALIDATION_FAILED');
  });

  it('the preview bar and the 410 page speak the story’s language', async () => {
    const ru = await expectJson(await call(keys.editor, 'POST', BASE, { locale: 'ru', ...fields({ headline: 'Зерновой коридор', tagIds: [n.tagRu] }) }), 201);
    const link = await share(ru.id, { expiresInHours: 1 });
    const page = await (await open(link['url'])).text();
    expect(page).toContain(
      '<aside class="preview-bar" aria-label="Предпросмотр"><p><strong>Предпросмотр — не опубликовано.</strong> Это версия 1, последняя (статус материала: черновик).',
    );
    expect(page).toContain('Ссылка действует до');
    expect(page).not.toContain('Preview — not published.');
    const admin = await session('editor');
    expect(await (await admin.get(`/admin/articles/${ru.id}/preview`)).text()).toContain('Вернуться в редактор');
    const before = s.deps.clock().toISOString();
    try {
      s.deps.setNow(new Date(s.deps.clock().getTime() + 3600_000).toISOString());
      const gone = await open(link['url']);
      expect(gone.status).toBe(410);
      const html = await gone.text();
      expect(html).toContain('<h1>Предпросмотр недоступен</h1><p>Срок действия этой ссылки на предпросмотр истёк.</p>');
      expect(html).toContain('<html lang="ru"');
      expect(html).not.toContain('<div class="layout" lang="en">');
    } finally {
      s.deps.setNow(before);
    }
  });

  it('expired and revoked links are 410 with a readable page; unknown and malformed tokens 404', async () => {
    const a = await create();
    const short = await share(a.id, { expiresInHours: 1 });
    const revoked = await share(a.id);
    const before = s.deps.clock().toISOString();
    try {
      s.deps.setNow(new Date(s.deps.clock().getTime() + 3600_000).toISOString());
      const gone = await open(short['url']);
      expect(gone.status).toBe(410);
      expect(gone.headers.get('cache-control')).toBe('no-store');
      expect(await gone.text()).toContain('This preview link has expired.');
    } finally {
      s.deps.setNow(before);
    }
    expect((await open(short['url'])).status).toBe(200);

    const del = await call(keys.editor, 'DELETE', `${BASE}/${a.id}/preview-links/${revoked['id']}`);
    expect(del.status).toBe(204);
    expect((await call(keys.editor, 'DELETE', `${BASE}/${a.id}/preview-links/${revoked['id']}`)).status).toBe(204);
    const gone = await open(revoked['url']);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('withdrawn');

    expect((await open(`https://x/preview/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await open('https://x/preview/short')).status).toBe(404);
    await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/${a.id}/preview-links/999999`), 404, 'NOT_FOUND');
  });

  it('lists the active links without tokens, and audits creation and revocation once each', async () => {
    const a = await create();
    const one = await share(a.id);
    const two = await share(a.id, { expiresInHours: 720 });
    await call(keys.editor, 'DELETE', `${BASE}/${a.id}/preview-links/${one['id']}`);
    await call(keys.editor, 'DELETE', `${BASE}/${a.id}/preview-links/${one['id']}`);
    const list = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}/preview-links`));
    expect(list['items'].map((l: Json) => l.id)).toEqual([two['id']]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(new URL(two['url']).pathname.split('/').pop());
    expect(text).not.toContain('url');
    const audit = (await listAudit(s.db.kysely, { subjectType: 'article', subjectId: a.id })).map((r) => [r.action, (r.details as Json)['linkId']]);
    expect(audit.filter(([action]) => String(action).startsWith('article.preview-link'))).toEqual([
      ['article.preview-link-revoked', one['id']],
      ['article.preview-link-created', two['id']],
      ['article.preview-link-created', one['id']],
    ]);
    const rows = await s.db.kysely.selectFrom('preview_links').select('token_hash').where('article_id', '=', a.id).execute();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('caps a link at 30 days with PREVIEW_EXPIRY_TOO_LONG; refuses unknown fields', async () => {
    const a = await create();
    const p = await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/preview-links`, { expiresInHours: 721 }), 422, 'PREVIEW_EXPIRY_TOO_LONG');
    expect(p['hint']).toContain('720');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/preview-links`, { expiresInHours: 0 }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${a.id}/preview-links`, { token: 'mine' }), 422, 'VALIDATION_FAILED');
    expect((await call(keys.editor, 'GET', `${BASE}/${a.id}/preview-links`)).status).toBe(200);
  });

  it('who may share: the desk any story, writers their own, contributors and strangers none', async () => {
    const a = await create();
    await expectProblem(await call(keys.author, 'POST', `${BASE}/${a.id}/preview-links`, {}), 403, 'FORBIDDEN');
    await expectProblem(await call(keys.contributor, 'GET', `${BASE}/${a.id}/preview-links`), 403, 'FORBIDDEN');
    await expectProblem(await call(null, 'POST', `${BASE}/${a.id}/preview-links`, {}), 401, 'UNAUTHENTICATED');
    expect((await call(keys.admin, 'POST', `${BASE}/${a.id}/preview-links`, {})).status).toBe(201);

    // A translator may preview anyone's draft but share only their own.
    const translator = await session('translator');
    expect((await translator.get(`/admin/articles/${a.id}/preview`)).status).toBe(200);
    const token = await translator.csrfFrom(`/admin/articles/${a.id}/edit`);
    expect((await translator.post(`/admin/articles/${a.id}/preview-links`, { _csrf: token, expiresInHours: '24', pin: 'latest' })).status).toBe(403);

    // An author shares their own draft through the editor's form; the address is shown once.
    const author = await session('author');
    const csrf = await author.csrfFrom('/admin/articles/new');
    const made = await author.post('/admin/articles/new', { _csrf: csrf, locale: 'en', headline: 'Author story', sectionId: String(n.politics) });
    const id = Number(/\/admin\/articles\/(\d+)\/edit/.exec(made.headers.get('location')!)![1]);
    const edit = await (await author.get(`/admin/articles/${id}/edit`)).text();
    expect(edit).toContain(`href="/admin/articles/${id}/preview"`);
    expect(edit).toContain('Create a share link');
    const created = await author.post(`/admin/articles/${id}/preview-links`, { _csrf: csrf, expiresInHours: '72', pin: '1' });
    expect(created.status).toBe(201);
    const url = /id="share-url" type="text" readonly="" value="([^"]+)"/.exec(await created.text())![1]!;
    expect((await open(url)).status).toBe(200);
    expect(await (await author.get(`/admin/articles/${id}/edit`)).text()).toContain('Shows revision 1');
    // Someone else's draft: not even its preview.
    expect((await author.get(`/admin/articles/${a.id}/preview`)).status).toBe(403);
    const contributor = await session('contributor');
    expect((await contributor.get(`/admin/articles/${a.id}/preview`)).status).toBe(403);
  });

  it('the admin preview renders any revision as the public page does, with the bar, noindex and no-store', async () => {
    const a = await create({ headline: 'Going out today' });
    expectJson(await call(keys.editor, 'POST', `${BASE}/${a.id}/status`, { status: 'published' }));
    const editor = await session('editor');
    const res = await editor.get(`/admin/articles/${a.id}/preview`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('content-security-policy')).toBe(PREVIEW_CSP);
    expect(res.headers.get('surrogate-key')).toBeNull();
    const preview = await res.text();
    const shown = await expectJson(await call(keys.editor, 'GET', `${BASE}/${a.id}`));
    const publicPage = await (await s.app.request((await s.app.request(`/a/${a.id}`)).headers.get('location')!)).text();
    expect(shown['revision']).toBe(2);
    // The same page, byte for byte, but for what a preview adds.
    const strip = (h: string) =>
      h
        .replace(/<aside class="preview-bar"[\s\S]*?<\/aside>/, '')
        .replace('<meta name="robots" content="noindex"/>', '')
        .replace(/<style>\.preview-bar[\s\S]*?<\/style>/, '');
    expect(strip(preview)).toBe(publicPage);

    const old = await (await editor.get(`/admin/articles/${a.id}/preview?revision=1`)).text();
    expect(old).toContain('revision 1 of 2');
    expect((await editor.get(`/admin/articles/${a.id}/preview?revision=9`)).status).toBe(404);
    expect((await editor.get(`/admin/articles/${a.id}/preview?revision=x`)).status).toBe(404);
    const anonymous = await s.app.request(`/admin/articles/${a.id}/preview`);
    expect(anonymous.status).toBe(303);
  });

  it('previews any stored revision, even one whose snapshot is incomplete or not JSON (old or hand-edited rows)', async () => {
    const a = await create({ headline: 'Stored headline' });
    const at = s.deps.clock().toISOString();
    await s.db.kysely
      .insertInto('revisions')
      .values([
        { article_id: a.id, number: 2, user_id: null, snapshot: '{"headline": 5, "bylines": "x", "body": {"type": "doc"}}', created_at: at },
        { article_id: a.id, number: 3, user_id: null, snapshot: 'not json', created_at: at },
      ])
      .execute();
    const editor = await session('editor');
    for (const n of [2, 3]) {
      const res = await editor.get(`/admin/articles/${a.id}/preview?revision=${n}`);
      expect(res.status, `revision ${n}`).toBe(200);
      expect(await res.text()).toContain('Stored headline');
    }
  });
});
