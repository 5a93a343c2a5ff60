import { beforeAll, expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson, type ApiRole } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/tags';
const ROLES: ApiRole[] = ['admin', 'editor', 'author', 'translator', 'contributor'];

describeApi('Admin API tags: %s', ({ site: s, newsroom: n, keys, call }) => {
  let story = 0;
  beforeAll(async () => {
    story = await createArticle(s.deps, {
      locale: 'en',
      headline: 'Grain corridor reopens',
      body: doc('Text.'),
      sectionId: n.politics,
      tagIds: [n.tagEn, n.tagEn2],
      status: 'published',
    });
  });

  it('lists tags per language with story counts, searches and pages by keyset, for every role', async () => {
    for (const role of ROLES) {
      const body = await expectJson(await call(keys[role], 'GET', `${BASE}?locale=en`));
      expect((body['items'] as ApiJson[]).map((t) => [t['slug'], t['articles']])).toEqual([
        ['energy', 1],
        ['trade', 1],
      ]);
    }
    const all = await expectJson(await call(keys.author, 'GET', `${BASE}?limit=2`));
    expect((all['items'] as ApiJson[]).map((t) => `${t['locale']}/${t['slug']}`)).toEqual(['en/energy', 'en/trade']);
    expect(all['next']).toBe(`${BASE}?limit=2&after=en%2Ftrade`);
    const rest = await expectJson(await call(keys.author, 'GET', all['next']));
    expect((rest['items'] as ApiJson[]).map((t) => t['slug'])).toEqual(['torgovlya']);
    expect(rest['next']).toBeNull();
    const found = await expectJson(await call(keys.author, 'GET', `${BASE}?q=${encodeURIComponent('торг')}`));
    expect((found['items'] as ApiJson[]).map((t) => t['name'])).toEqual(['Торговля']);
    expect((await expectJson(await call(keys.author, 'GET', `${BASE}?q=ENER`)))['items']).toHaveLength(1);
    await expectProblem(await call(keys.author, 'GET', `${BASE}?limit=0`), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.author, 'GET', `${BASE}/999999`), 404, 'NOT_FOUND');
    await expectProblem(await call(null, 'GET', BASE), 401, 'UNAUTHENTICATED');
  });

  it('creates a tag; a taken slug is refused', async () => {
    const res = await call(keys.editor, 'POST', BASE, { locale: 'en', name: 'Grain' });
    const t = await expectJson(res, 201);
    expect(t).toMatchObject({ locale: 'en', slug: 'grain', name: 'Grain', articles: 0, translations: {}, url: '/en/tag/grain' });
    expect(res.headers.get('location')).toBe(`${BASE}/${t['id']}`);
    expect((await expectProblem(await call(keys.editor, 'POST', BASE, { locale: 'en', name: 'grain' }), 409, 'SLUG_TAKEN'))['hint']).toBeTruthy();
    await expectProblem(await call(keys.editor, 'POST', BASE, { locale: 'de', name: 'Korn' }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.author, 'POST', BASE, { locale: 'en', name: 'Wheat' }), 403, 'FORBIDDEN');
  });

  it('renames: the old address redirects to the new one, pages show the new name', async () => {
    expect((await s.app.request('/en/tag/trade')).status).toBe(200);
    const t = await expectJson(await call(keys.editor, 'PATCH', `${BASE}/${n.tagEn}`, { name: 'World trade', slug: 'world-trade' }));
    expect(t).toMatchObject({ slug: 'world-trade', name: 'World trade', url: '/en/tag/world-trade' });
    const old = await s.app.request('/en/tag/trade');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/en/tag/world-trade');
    expect((await s.app.request('/en/tag/trade/atom.xml')).headers.get('location')).toBe('/en/tag/world-trade/atom.xml');
    expect(await (await s.app.request('/en/tag/world-trade')).text()).toContain('World trade');
    await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/${n.tagEn}`, { slug: 'energy' }), 409, 'SLUG_TAKEN');
    await expectProblem(await call(keys.translator, 'PATCH', `${BASE}/${n.tagEn}`, { name: 'Trade' }), 403, 'FORBIDDEN');
    const [row] = await listAudit(s.db.kysely, { subjectType: 'tag', limit: 1 });
    expect(row).toMatchObject({ action: 'tag.updated', subjectId: n.tagEn, details: { from: 'trade', to: 'world-trade' } });
  });

  it('links equivalents across languages, and a translation of a story carries them', async () => {
    const linked = await expectJson(await call(keys.editor, 'PATCH', `${BASE}/${n.tagEn}`, { translations: { ru: n.tagRu } }));
    expect(linked['translations']).toEqual({ ru: { id: n.tagRu, slug: 'torgovlya', name: 'Торговля' } });
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}/${n.tagRu}`)))['translations']).toMatchObject({ en: { id: n.tagEn } });
    await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/${n.tagEn}`, { translations: { ru: n.tagEn2 } }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'PATCH', `${BASE}/${n.tagEn}`, { translations: { en: n.tagEn2 } }), 422, 'VALIDATION_FAILED');
    const tr = await expectJson(await call(keys.editor, 'POST', `/api/admin/v1/articles/${story}/translations`, { locale: 'ru' }), 201);
    expect((tr['tags'] as ApiJson[]).map((t) => t['id'])).toEqual([n.tagRu]);
    const off = await expectJson(await call(keys.editor, 'PATCH', `${BASE}/${n.tagRu}`, { translations: { en: null } }));
    expect(off['translations']).toEqual({});
  });

  it('a tag in use cannot be deleted; merged, its stories get the target and its address redirects; an unused one can go', async () => {
    const p = await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/${n.tagEn2}`), 409, 'TAG_IN_USE');
    expect(p['hint']).toContain('Merge');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${n.tagEn2}/merge`, { into: n.tagRu }), 422, 'WRONG_LOCALE');
    await expectProblem(await call(keys.editor, 'POST', `${BASE}/${n.tagEn2}/merge`, { into: n.tagEn2 }), 422, 'VALIDATION_FAILED');
    const m = await expectJson(await call(keys.editor, 'POST', `${BASE}/${n.tagEn2}/merge`, { into: n.tagEn }));
    expect(m).toMatchObject({ merged: { id: n.tagEn2, slug: 'energy', articles: 1 }, into: { id: n.tagEn, articles: 1 } });
    expect((await s.app.request('/en/tag/energy')).headers.get('location')).toBe('/en/tag/world-trade');
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/${n.tagEn2}`), 404, 'NOT_FOUND');
    const grain = (await expectJson(await call(keys.editor, 'GET', `${BASE}?q=grain`)))['items'][0];
    expect((await call(keys.admin, 'DELETE', `${BASE}/${grain['id']}`)).status).toBe(204);
  });
});
