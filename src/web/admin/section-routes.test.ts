import { beforeAll, expect, it } from 'vitest';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import type { Agent } from '#test/admin.js';
import { listSectionRecords } from '../../db/sections-repo.js';
import { createArticle } from '../../services/article-store.js';

describeApi('admin sections screen: %s', ({ site: s, newsroom: n }) => {
  let editor: Agent;
  let csrf: string;
  const sections = async () => (await listSectionRecords(s.db.kysely)).map((x) => x.slug);

  beforeAll(async () => {
    await createArticle(s.deps, { locale: 'en', headline: 'A story', body: doc('Text.'), sectionId: n.economy, status: 'published' });
    editor = s.agent();
    await editor.login('editor@example.org');
    csrf = await editor.csrfFrom('/admin/sections');
  });

  const world = { 'name-en': 'World', 'name-ru': 'Мир', 'name-kk': 'Әлем', 'description-en': 'News from abroad.', slug: '' };

  it('lists the sections in menu order, linked from the nav; writers read it without forms; visitors go to the login form', async () => {
    const html = await (await editor.get('/admin/sections')).text();
    expect(html).toContain('<a href="/admin/sections" aria-current="page">Sections</a>');
    expect(html.indexOf('Politics')).toBeLessThan(html.indexOf('Economy'));
    expect(html).toContain('Create the section');
    const author = s.agent();
    await author.login('author@example.org');
    const theirs = await (await author.get('/admin/sections')).text();
    expect(theirs).toContain('Economy');
    expect(theirs).not.toContain('Create the section');
    const token = await author.csrfFrom('/admin/sections');
    expect((await author.post('/admin/sections', { _csrf: token, ...world })).status).toBe(403);
    expect((await s.agent().get('/admin/sections')).status).toBe(303);
  });

  it('creates a section in every language; the menus of /en/ and /ru/ show it', async () => {
    const res = await editor.post('/admin/sections', { _csrf: csrf, ...world });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/admin\/sections\/\d+\?done=created$/);
    expect(await (await editor.get(res.headers.get('location')!)).text()).toContain('Section created.');
    expect(await sections()).toEqual(['politics', 'economy', 'world']);
    expect(await (await s.app.request('/en/')).text()).toContain('<a href="/en/section/world">World</a>');
    expect(await (await s.app.request('/ru/')).text()).toContain('<a href="/ru/section/world">Мир</a>');
  });

  it('shows a refusal with what was sent', async () => {
    const res = await editor.post('/admin/sections', { _csrf: csrf, ...world, 'name-en': 'Elsewhere', slug: 'world' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Another section already has the address');
    expect(html).toContain('value="Elsewhere"');
    expect((await editor.post('/admin/sections', { _csrf: csrf, ...world, 'name-ru': '' })).status).toBe(422);
  });

  it('shows a refusal in the browser’s language (ru): the catalogue’s reason, the English one only in closed details', async () => {
    const res = await editor.post('/admin/sections', { _csrf: csrf, ...world, 'name-en': 'Elsewhere', slug: 'world' }, { 'accept-language': 'ru-RU,ru;q=0.9' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('<p>Этот адрес (slug) уже занят.</p><p>Выберите другой slug.</p>');
    expect(html).toMatch(
      /<details class="error-details"><summary>Подробности<\/summary><p lang="en">Another section already has the address &quot;world&quot;\. \(slug: taken\) Choose another slug/,
    );
    expect(html.replace(/<details.*?<\/details>/gs, '')).not.toContain('Another section already has the address');
    expect(html).toContain('value="Elsewhere"');
  });

  it('moves a section up the menu', async () => {
    const [, , id] = (await listSectionRecords(s.db.kysely)).map((x) => x.id);
    const res = await editor.post(`/admin/sections/${id}/move`, { _csrf: csrf, direction: 'up' });
    expect(res.headers.get('location')).toBe('/admin/sections?done=moved');
    expect(await sections()).toEqual(['politics', 'world', 'economy']);
    expect((await (await s.app.request('/en/')).text()).indexOf('/en/section/world')).toBeLessThan(
      (await (await s.app.request('/en/')).text()).indexOf('/en/section/economy'),
    );
  });

  it('edits names and slug (the old address redirects), hides, refuses to delete a section with stories, merges and deletes', async () => {
    const id = (await listSectionRecords(s.db.kysely, { slug: 'world' }))[0]!.id;
    const save = await editor.post(`/admin/sections/${id}`, { _csrf: csrf, ...world, 'name-en': 'The World', slug: 'abroad', hidden: '1' });
    expect(save.headers.get('location')).toBe(`/admin/sections/${id}?done=saved`);
    expect((await s.app.request('/en/section/world')).headers.get('location')).toBe('/en/section/abroad');
    expect(await (await s.app.request('/en/')).text()).not.toContain('The World');
    const page = await (await editor.get(`/admin/sections/${n.economy}`)).text();
    expect(page).toContain('merge it into another section instead');
    const refused = await editor.post(`/admin/sections/${n.economy}/delete`, { _csrf: csrf });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Merge it into another section instead');
    const merged = await editor.post(`/admin/sections/${n.economy}/merge`, { _csrf: csrf, into: String(id) });
    expect(merged.headers.get('location')).toBe(`/admin/sections/${id}?done=merged`);
    expect((await s.app.request('/en/section/economy')).headers.get('location')).toBe('/en/section/abroad');
    expect(await sections()).toEqual(['politics', 'abroad']);
    const empty = (await listSectionRecords(s.db.kysely, { slug: 'politics' }))[0]!;
    expect(empty.articles).toBe(0);
    expect((await editor.post(`/admin/sections/${empty.id}/delete`, { _csrf: csrf })).headers.get('location')).toBe('/admin/sections?done=deleted');
    expect(await sections()).toEqual(['abroad']);
  });
});
