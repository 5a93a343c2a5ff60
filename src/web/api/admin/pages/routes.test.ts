import { expect, it } from 'vitest';
import { expectJson, expectProblem, type ApiJson } from '#test/admin.js';
import { describeApi } from '#test/describe-api.js';
import { doc } from '#test/fixtures.js';
import { listAudit } from '../../../../db/audit-repo.js';
import { createArticle } from '../../../../services/article-store.js';

const BASE = '/api/admin/v1/pages';

/** The footer's page links of a public page: "title path". */
const footer = (html: string) =>
  [...(/<nav class="pages"[^>]*><ul>([\s\S]*?)<\/ul><\/nav>/.exec(html)?.[1] ?? '').matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map(
    (m) => `${m[2]} ${m[1]}`,
  );

describeApi('Admin API pages: %s', ({ site: s, newsroom: n, keys, call }) => {
  let aboutId = 0;

  it('creates a page as a draft: no section, tags or bylines to send, and nothing public yet', async () => {
    const res = await call(keys.editor, 'POST', BASE, { locale: 'en', headline: 'About us', bodyHtml: '<p>Who we are.</p>' });
    const body = await expectJson(res, 201);
    aboutId = body['id'] as number;
    expect(res.headers.get('location')).toBe(`${BASE}/${aboutId}`);
    expect(body).toMatchObject({ kind: 'page', locale: 'en', slug: 'about-us', status: 'draft', state: 'draft', revision: 1, path: '/en/about-us', url: null });
    expect((await s.app.request('/en/about-us')).status).toBe(404);
    const [row] = await listAudit(s.db.kysely, { subjectType: 'article', limit: 1 });
    expect(row).toMatchObject({ action: 'page.created', subjectId: aboutId });
  });

  it('publishes through the article workflow: the page is at /{lang}/{slug}, in the footer, and in no list of stories', async () => {
    await expectJson(await call(keys.editor, 'POST', `/api/admin/v1/articles/${aboutId}/status`, { status: 'published' }));
    const page = await s.app.request('/en/about-us');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>About us</h1>');
    expect(html).toContain('"@type":"WebPage"');
    expect(html).not.toContain('"@type":"NewsArticle"');
    expect(footer(html)).toEqual(['About us /en/about-us']);
    const home = await (await s.app.request('/en/')).text();
    expect(footer(home)).toEqual(['About us /en/about-us']);
    expect(home).not.toContain('>About us</a></h');
    expect(footer(await (await s.app.request('/ru/')).text())).toEqual([]);
    const rss = await (await s.app.request('/en/feed.xml')).text();
    expect(rss).not.toContain('About us');
    const news = await (await s.app.request('/sitemaps/news.xml')).text();
    expect(news).not.toContain('about-us');
    const sitemap = await (await s.app.request('/sitemaps/en-1.xml')).text();
    expect(sitemap).toContain('/en/about-us</loc>');
    // A page is not news: it cannot lead the home page.
    await expectProblem(await call(keys.editor, 'PUT', '/api/admin/v1/front-pages/en', { lead: aboutId }), 422, 'UNKNOWN_ARTICLE');
    // The short link and a story-shaped address lead to the page's own.
    expect((await s.app.request(`/a/${aboutId}`)).headers.get('location')).toBe('/en/about-us');
    const body = await expectJson(await call(keys.author, 'GET', `${BASE}/${aboutId}`));
    expect(body).toMatchObject({ state: 'published', url: expect.stringMatching(/\/en\/about-us$/) });
  });

  it('renames a page: the footer follows and the old address redirects', async () => {
    const current = await expectJson(await call(keys.editor, 'GET', `${BASE}/${aboutId}`));
    const saved = await expectJson(
      await call(keys.editor, 'PUT', `${BASE}/${aboutId}`, {
        headline: 'About the newsroom',
        slug: 'about',
        body: current['body'],
        baseRevision: current['revision'],
      }),
    );
    expect(saved).toMatchObject({ slug: 'about', headline: 'About the newsroom', path: '/en/about' });
    expect(footer(await (await s.app.request('/en/')).text())).toEqual(['About the newsroom /en/about']);
    const old = await s.app.request('/en/about-us');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/en/about');
  });

  it('lists pages per language, not stories; /articles lists stories, not pages', async () => {
    await createArticle(s.deps, { locale: 'en', headline: 'Grain corridor reopens', body: doc('Text.'), sectionId: n.economy, status: 'published' });
    const all = await expectJson(await call(keys.contributor, 'GET', BASE));
    expect((all['items'] as ApiJson[]).map((x) => x['slug'])).toEqual(['about']);
    expect((await expectJson(await call(keys.editor, 'GET', `${BASE}?locale=ru`)))['items']).toEqual([]);
    const stories = await expectJson(await call(keys.editor, 'GET', '/api/admin/v1/articles'));
    expect((stories['items'] as ApiJson[]).map((x) => x['slug'])).not.toContain('about');
  });

  it('refuses a slug the site uses, or another article has, with a code and a hint', async () => {
    const reserved = await expectProblem(await call(keys.editor, 'POST', BASE, { locale: 'en', headline: 'Search', body: doc('x') }), 422, 'SLUG_RESERVED');
    expect(reserved['hint']).toContain('section');
    const taken = await expectProblem(
      await call(keys.editor, 'POST', BASE, { locale: 'en', headline: 'About', slug: 'about', body: doc('x') }),
      409,
      'SLUG_TAKEN',
    );
    expect(taken['hint']).toBeTruthy();
    await expectProblem(await call(keys.editor, 'POST', BASE, { locale: 'en', headline: 'X', body: doc('x'), sectionId: n.economy }), 422, 'VALIDATION_FAILED');
    await expectProblem(await call(keys.editor, 'GET', `${BASE}/999999`), 404, 'NOT_FOUND');
  });

  it('only editors and admins start pages; only what the article rules allow is deleted', async () => {
    for (const role of ['author', 'translator', 'contributor'] as const) {
      const p = await expectProblem(await call(keys[role], 'POST', BASE, { locale: 'en', headline: 'Ethics', body: doc('x') }), 403, 'FORBIDDEN');
      expect(p['detail']).toContain('may not start pages');
    }
    // Readers have seen it: an editor may not delete it, an admin may.
    await expectProblem(await call(keys.editor, 'DELETE', `${BASE}/${aboutId}`), 403, 'FORBIDDEN');
    const res = await call(keys.admin, 'DELETE', `${BASE}/${aboutId}`);
    expect(res.status).toBe(204);
    expect((await s.app.request('/en/about')).status).toBe(404);
    expect(footer(await (await s.app.request('/en/')).text())).toEqual([]);
  });

  it('translates a page into a page in the other language, linked by hreflang', async () => {
    const en = await expectJson(
      await call(keys.editor, 'POST', BASE, { locale: 'en', headline: 'Ethics policy', slug: 'ethics', body: doc('We check.') }),
      201,
    );
    const made = await expectJson(await call(keys.editor, 'POST', `/api/admin/v1/articles/${en['id']}/translations`, { locale: 'ru' }), 201);
    const ruId = made['id'] as number;
    // The translation's slug is made from the (still English) title; the translator may change it.
    const ru = await expectJson(await call(keys.editor, 'GET', `${BASE}/${ruId}`));
    expect(ru).toMatchObject({ kind: 'page', locale: 'ru', slug: 'ethics-policy' });
    for (const id of [en['id'], ruId]) await expectJson(await call(keys.editor, 'POST', `/api/admin/v1/articles/${id}/status`, { status: 'published' }));
    const html = await (await s.app.request('/ru/ethics-policy')).text();
    expect(html).toContain('hreflang="en" href="https://news.example.org/en/ethics"');
    expect(html).toContain('hreflang="ru" href="https://news.example.org/ru/ethics-policy"');
    expect(footer(html)).toEqual(['Ethics policy /ru/ethics-policy']);
  });
});
