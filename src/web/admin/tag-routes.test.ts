import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import type { Agent } from '#test/admin.js';
import { tagRecord } from '../../db/tags-repo.js';
import { ensureTag } from '../../db/taxonomy-repo.js';
import { createArticle } from '../../services/article-store.js';

describeApi('admin tags screen: %s', ({ site: s, newsroom: n }) => {
  let editor: Agent;
  let csrf: string;

  beforeAll(async () => {
    await createArticle(s.deps, { locale: 'en', headline: 'A story', body: doc('Text.'), sectionId: n.politics, tagIds: [n.tagEn], status: 'published' });
    for (let i = 0; i < 55; i++) await ensureTag(s.db.kysely, 'en', `zz-${String(i).padStart(2, '0')}`, `Zz ${i}`);
    editor = s.agent();
    await editor.login('editor@example.org');
    csrf = await editor.csrfFrom('/admin/tags');
  });

  it('lists a language’s tags with counts and keyset pages, and searches them; writers read it too', async () => {
    const html = await (await editor.get('/admin/tags')).text();
    expect(html).toContain('<a href="/admin/tags" aria-current="page">Tags</a>');
    expect(html).toMatch(/Trade<\/a><\/td><td>trade<\/td><td>1<\/td>/);
    expect(html).toContain('href="/admin/tags?locale=en&amp;after=en%2Fzz-47">Next page</a>');
    const next = await (await editor.get('/admin/tags?locale=en&after=en%2Fzz-47')).text();
    expect(next).toContain('zz-54');
    expect(next).not.toContain('>trade<');
    const found = await (await editor.get(`/admin/tags?locale=ru&q=${encodeURIComponent('торг')}`)).text();
    expect(found).toContain('Торговля');
    const author = s.agent();
    await author.login('author@example.org');
    expect(await (await author.get(`/admin/tags/${n.tagEn}`)).text()).toContain('Editors and admins rename');
    expect((await author.post(`/admin/tags/${n.tagEn}`, { _csrf: await author.csrfFrom('/admin/tags'), name: 'X', slug: 'x' })).status).toBe(403);
  });

  it('renames (the old address redirects), links an equivalent, refuses to delete a tag in use, merges and deletes', async () => {
    const saved = await editor.post(`/admin/tags/${n.tagEn}`, { _csrf: csrf, name: 'World trade', slug: 'world-trade' });
    expect(saved.headers.get('location')).toBe(`/admin/tags/${n.tagEn}?done=saved`);
    expect((await s.app.request('/en/tag/trade')).headers.get('location')).toBe('/en/tag/world-trade');
    const linked = await editor.post(`/admin/tags/${n.tagEn}/translations`, { _csrf: csrf, 'tr-ru': 'torgovlya', 'tr-kk': '' });
    expect(linked.status).toBe(303);
    expect((await tagRecord(s.db.kysely, n.tagRu))!.group).not.toBeNull();
    const bad = await editor.post(`/admin/tags/${n.tagEn}/translations`, { _csrf: csrf, 'tr-ru': 'nope' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('no ru tag');
    const inUse = await editor.post(`/admin/tags/${n.tagEn}/delete`, { _csrf: csrf });
    expect(inUse.status).toBe(422);
    expect(await inUse.text()).toContain('merge it into another tag instead');
    const merged = await editor.post(`/admin/tags/${n.tagEn}/merge`, { _csrf: csrf, into: 'energy' });
    expect(merged.headers.get('location')).toBe(`/admin/tags/${n.tagEn2}?done=merged`);
    expect((await s.app.request('/en/tag/trade')).headers.get('location')).toBe('/en/tag/energy');
    expect((await s.app.request('/en/tag/world-trade')).headers.get('location')).toBe('/en/tag/energy');
    const made = await editor.post('/admin/tags', { _csrf: csrf, locale: 'ru', name: 'Зерно', slug: '' });
    expect(made.headers.get('location')).toMatch(/^\/admin\/tags\/\d+\?done=created$/);
    const again = await editor.post('/admin/tags', { _csrf: csrf, locale: 'ru', name: 'зерно', slug: '' });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('already has the address');
    const gone = await editor.post(`/admin/tags/${n.tagRu}/delete`, { _csrf: csrf });
    expect(gone.headers.get('location')).toBe('/admin/tags?locale=ru&done=deleted');
  });
});
