import { beforeAll, expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson, type ApiRole } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/sections';
const ROLES: ApiRole[] = ['admin', 'editor', 'author', 'translator', 'contributor'];
const world = { slug: 'world', names: { en: 'World', ru: 'Мир', kk: 'Әлем' }, descriptions: { en: 'News from abroad.' } };

/** The section links of a page's menu, in order. */
const menu = (html: string) =>
  [...(/<nav class="sections"[^>]*><ul>([\s\S]*?)<\/ul><\/nav>/.exec(html)?.[1] ?? '').matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(
    (m) => `${m[2]} ${m[1]}`,
  );

describeApi('Admin API sections: %s', ({ site: s, newsroom: n, keys, call }) => {
  let storyId = 0;
  beforeAll(async () => {
    storyId = await createArticle(s.deps, { locale: 'en', headline: 'Grain corridor reopens', body: doc('Text.'), sectionId: n.economy, status: 'published' });
  });

  it('lists the sections in menu order, with names per language and counts, for every role', async () => {
    for (const role of ROLES) {
      const body = await expectJson(await call(keys[role], 'GET', BASE));
      expect((body['items'] as ApiJson[]).map((x) => x['slug'])).toEqual(['politics', 'economy']);
    }
    const body = await expectJson(await call(keys.author, 'GET', `${BASE}/economy`));
    expect(body).toMatchObject({
      id: n.economy,
      slug: 'economy',
      names: { en: 'Economy', ru: 'Экономика' },
      hidden: false,
      articles: 1,
      urls: { en: '/en/section/economy' },
    });
    expect(await expectJson(await call(keys.author, 'GET', `${BASE}/${n.economy}`))).toEqual(body);
    await expectProblem(await call(keys.author, 'GET', `${BASE}/weather`), 404, 'NOT_FOUND');
    await expectProblem(await call(null, 'GET', BASE), 401, 'UNAUTHENTICATED');
  });

  it('creates a section that every language’s menu shows at once, at the end, with an audit row', async () => {
    const res = await call(keys.editor, 'POST', BASE, world);
    const body = await expectJson(res, 201);
    expect(res.headers.get('location')).toBe(`${BASE}/${body['id']}`);
    expect(body).toMatchObject({ slug: 'world', names: world.names, descriptions: { en: 'News from abroad.' }, position: 3, hidden: false, articles: 0 });
    expect(menu(await (await s.app.request('/en/')).text())).toContain('World /en/section/world');
    expect(menu(await (await s.app.request('/ru/')).text())).toContain('Мир /ru/section/world');
    const list = await (await s.app.request('/en/section/world')).text();
    expect(list).toContain('News from abroad.');
    const [row] = await listAudit(s.db.kysely, { subjectType: 'section', limit: 1 });
    expect(row).toMatchObject({ action: 'section.created', subjectId: body['id'] });
  });

  it('refuses bad sections with a code and a hint, and stores nothing', async () => {
    const taken = await expectProblem(await call(keys.editor, 'POST', BASE, { ...world }), 409, 'SLUG_TAKEN');
    expect(taken['hint']).toBeTruthy();
    const missing = await expectProblem(await call(keys.editor, 'POST', BASE, { slug: 'sport', names: { en: 'Sport' } }), 422, 'VALIDATION_FAILED');
    expect((missing['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['names.kk', 'names.ru']);
    const bad = await expectProblem(
      await call(keys.editor, 'POST', BASE, { slug: 'Bad Slug', names: { ...world.names, de: 'Welt' }, extra: 1 }),
      422,
      'VALIDATION_FAILED',
    );
    expect((bad['errors'] as ApiJson[]).map((e) => e['field']).sort()).toEqual(['extra', 'slug']);
    await expectProblem(await call(keys.editor, 'POST', BASE, { slug: 'tag', names: world.names }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', BASE, { slug: '2026', names: world.names }), 422, 'VALIDATION_FAILED');
    expect((await expectJson(await call(keys.editor, 'GET', BASE)))['items']).toHaveLength(3);
  });

  it('only editors and admins change sections', async () => {
    for (const role of ['author', 'translator', 'contributor'] as const) {
      const p = await expectProblem(await call(keys[role], 'PATCH', `${BASE}/world`, { hidden: true }), 403, 'FORBIDDEN');
      expect(p['detail']).toContain(`(${role}) may not create, change, merge or delete sections`);
      await expectProblem(await call(keys[role], 'POST', BASE, { slug: 'sport', names: world.names }), 403, 'FORBIDDEN');
      await expectProblem(await call(keys[role], 'DELETE', `${BASE}/world`), 403, 'FORBIDDEN');
      await expectProblem(await call(keys[role], 'POST', `${BASE}/world/merge`, { into: 'economy' }), 403, 'FORBIDDEN');
    }
  });

  it('renames: the old address and its stories’ addresses redirect; hidden sections leave the menu but keep their page', async () => {
    const url = (await (await s.app.request(`/a/${storyId}`)).headers.get('location'))!;
    expect(url).toMatch(/^\/en\/economy\/\d{4}\/\d{2}\/grain-corridor-reopens$/);
    const body = await expectJson(await call(keys.editor, 'PATCH', `${BASE}/economy`, { slug: 'business', names: { en: 'Business' }, hidden: true }));
    expect(body).toMatchObject({ slug: 'business', names: { en: 'Business', ru: 'Экономика' }, hidden: true });
    const old = await s.app.request('/en/section/economy');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/en/section/business');
    expect((await s.app.request('/ru/section/economy/feed.xml')).headers.get('location')).toBe('/ru/section/business/feed.xml');
    const story = await s.app.request(url);
    expect(story.status).toBe(301);
    expect(story.headers.get('location')).toBe(url.replace('/economy/', '/business/'));
    expect((await s.app.request('/en/section/business')).status).toBe(200);
    expect(menu(await (await s.app.request('/en/')).text()).join()).not.toContain('Business');
    // Renamed back: the address is live again, and no chain of redirects is left.
    await expectJson(await call(keys.editor, 'PATCH', `${BASE}/business`, { slug: 'economy', hidden: false }));
    expect((await s.app.request('/en/section/economy')).status).toBe(200);
    expect((await s.app.request('/en/section/business')).headers.get('location')).toBe('/en/section/economy');
    await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/economy`, { slug: 'politics' }), 409, 'SLUG_TAKEN');
  });

  it('a section with stories cannot be deleted; merged, its stories move and its addresses redirect; an empty one can go', async () => {
    const p = await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/economy`), 409, 'SECTION_NOT_EMPTY');
    expect(p['hint']).toContain('Merge');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/economy/merge`, { into: 'economy' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/economy/merge`, { into: 'weather' }), 404, 'NOT_FOUND');
    const merged = await expectJson(await call(keys.editor, 'POST', `${BASE}/economy/merge`, { into: 'world' }));
    expect(merged).toMatchObject({ merged: { slug: 'economy' }, into: { slug: 'world', articles: 1 }, moved: [storyId] });
    expect((await s.app.request('/en/section/economy')).headers.get('location')).toBe('/en/section/world');
    expect((await s.app.request('/en/section/business')).headers.get('location')).toBe('/en/section/world');
    expect((await s.app.request(`/a/${storyId}`)).headers.get('location')).toMatch(/^\/en\/world\//);
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/economy`), 404, 'NOT_FOUND');
    await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/world`), 409, 'SECTION_NOT_EMPTY');
    const sport = await expectJson(await call(keys.admin, 'POST', BASE, { slug: 'sport', names: { en: 'Sport', ru: 'Спорт', kk: 'Спорт' } }), 201);
    expect((await call(keys.admin, 'DELETE', `${BASE}/${sport['id']}`)).status).toBe(204);
    expect(menu(await (await s.app.request('/en/')).text()).join()).not.toContain('Sport');
  });

  it('articles name their section by slug and their tags by name', async () => {
    const res = await call(keys.editor, 'POST', '/api/admin/v1/articles', {
      locale: 'ru',
      headline: 'Зерновой коридор',
      body: doc('Текст.'),
      sectionSlug: 'world',
      tagIds: [n.tagRu],
      tagNames: ['Торговля', 'Зерно'],
    });
    const a = await expectJson(res, 201);
    expect(a['sectionId'] ?? a['section']?.['id']).toBeDefined();
    expect((a['tags'] as ApiJson[]).map((t) => t['name']).sort()).toEqual(['Зерно', 'Торговля']);
    const sections = await expectJson(await call(keys.editor, 'GET', `${BASE}/world`));
    expect(sections['articles']).toBe(2);
    const put = await call(keys.editor, 'PUT', `/api/admin/v1/articles/${a['id']}`, {
      baseRevision: 1,
      headline: 'Зерновой коридор',
      body: doc('Текст.'),
      sectionSlug: 'politics',
    });
    expect((await expectJson(put))['tags']).toEqual([]);
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}/politics`)))['articles']).toBe(1);
    const bad = await expectProblem(
      await call(keys.editor, 'POST', '/api/admin/v1/articles', { locale: 'en', headline: 'X', body: doc('Y.'), sectionSlug: 'weather' }),
      422,
      'VALIDATION_FAILED',
    );
    expect((bad['errors'] as ApiJson[])[0]).toMatchObject({ field: 'sectionSlug' });
    await expectProblem(await call(keys.editor, 'POST', '/api/admin/v1/articles', { locale: 'en', headline: 'X', body: doc('Y.') }), 422, 'VALIDATION_FAILED');
  });
});
