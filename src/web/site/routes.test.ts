import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../services/article-store.js';
import { getArticleRow, syncListing } from '../../db/articles-repo.js';
import { loadArticle } from '../../db/load-article.js';
import { ensureTag } from '../../db/taxonomy-repo.js';
import { userPrincipal } from '../../content/principal.js';
import { createUser } from '../../services/create-user.js';
import { savePendingChanges } from '../../services/pending-changes.js';
import { suggestAdmin } from '../../services/search.js';
import { doc } from '#test/fixtures.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { growArchive, seededSite, seedShapedArticle, type SeededSite } from '#test/site.js';

/** Pulls every <script type="application/ld+json"> out of a page. */
const jsonLd = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]!));
const links = (html: string, rel: string) =>
  [...html.matchAll(new RegExp(`<link rel="${rel}"([^>]*)>`, 'g'))].map((m) => ({
    hreflang: /hreflang="([^"]+)"/.exec(m[1]!)?.[1],
    href: /href="([^"]+)"/.exec(m[1]!)?.[1],
  }));
const meta = (html: string, property: string) => [...html.matchAll(new RegExp(`<meta property="${property}" content="([^"]*)"`, 'g'))].map((m) => m[1]);

forEachEngine('reader site on %s', (engine) => {
  let s: SeededSite;
  beforeAll(async () => {
    s = await seededSite(engine);
  });
  afterAll(async () => s?.cleanup());

  it('serves the home page in each language with the latest news', async () => {
    for (const locale of ['en', 'ru', 'kk']) {
      const res = await s.app.request(`/${locale}/`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<html lang="${locale}">`);
      expect(links(html, 'canonical')[0]!.href).toBe(`https://news.example.org/${locale}/`);
      expect(links(html, 'alternate').map((l) => l.hreflang)).toEqual(['en', 'ru', 'kk', 'x-default']);
    }
    const ru = await (await s.app.request('/ru/')).text();
    expect(ru).toContain('Последние новости');
    const latest = ru.slice(ru.indexOf('id="latest-news"'), ru.indexOf('<footer'));
    expect((latest.match(/<li>/g) ?? []).length).toBe(20);
    expect(await (await s.app.request('/kk/')).text()).toContain('Мұнда әзірге материал жоқ.');
  });

  it('serves the default language at / and redirects /en to /en/', async () => {
    const root = await s.app.request('/');
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('<html lang="en">');
    const bare = await s.app.request('/ru');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/ru/');
  });

  it('shows the seed-shaped article with credits, correction, tags and 20 latest headlines', async () => {
    const { path, version } = await seedShapedArticle(s);
    const res = await s.app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<h1>${version.headline.replace(/&/g, '&amp;')}</h1>`);
    expect(html).toContain('Screenshot: ');
    expect(html).toMatch(/<dt>Translated by<\/dt><dd><a href="\/en\/author\/[a-z-]+">/);
    expect(html).toMatch(/<dt>Original author<\/dt>/);
    expect(html).toMatch(/<dt>First published by<\/dt><dd><a href="https:\/\/[^"]+">[^<]+<\/a>/);
    expect(html).toContain('<h2 id="corrections">Corrections</h2>');
    expect((html.match(/<h2>/g) ?? []).length).toBeGreaterThanOrEqual(8);
    expect(html).toContain('<blockquote>');
    const latest = html.slice(html.indexOf('id="latest-news"'), html.indexOf('<footer'));
    expect((latest.match(/<li>/g) ?? []).length).toBe(20);
  });

  it('links every translation with reciprocal hreflang and x-default', async () => {
    const en = await seedShapedArticle(s, 'en');
    const ru = await seedShapedArticle(s, 'ru');
    const enLinks = links(await (await s.app.request(en.path)).text(), 'alternate');
    const ruLinks = links(await (await s.app.request(ru.path)).text(), 'alternate');
    expect(enLinks).toEqual(ruLinks);
    expect(enLinks).toEqual([
      { hreflang: 'en', href: `https://news.example.org${en.path}` },
      { hreflang: 'ru', href: `https://news.example.org${ru.path}` },
      { hreflang: 'x-default', href: `https://news.example.org${en.path}` },
    ]);
  });

  it('switches language to the translation when there is one, else to that language’s home', async () => {
    const { path } = await seedShapedArticle(s, 'en');
    const ru = await seedShapedArticle(s, 'ru');
    const html = await (await s.app.request(path)).text();
    const nav = html.slice(html.indexOf('<nav class="langs"'), html.indexOf('</nav>', html.indexOf('<nav class="langs"')));
    expect(nav).toContain(`href="${ru.path}" hreflang="ru" lang="ru"`);
    expect(nav).toContain('href="/kk/" hreflang="kk" lang="kk"');
    expect(nav).toContain(`href="${path}" hreflang="en" lang="en" aria-current="page"`);
  });

  it('describes the article as NewsArticle JSON-LD with translator, partner original and correction', async () => {
    const { path, version } = await seedShapedArticle(s);
    const html = await (await s.app.request(path)).text();
    const [article, crumbs] = jsonLd(html);
    expect(article).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: version.headline,
      inLanguage: 'en-GB',
      mainEntityOfPage: { '@id': `https://news.example.org${path}` },
      publisher: { '@type': 'NewsMediaOrganization', logo: { url: 'https://news.example.org/logo.svg' } },
      dateline: version.dateline,
      locationCreated: { '@type': 'Place', name: version.dateline },
    });
    expect(article.author[0]).toMatchObject({ '@type': 'Person', url: expect.stringMatching(/^https:\/\/news\.example\.org\/en\/author\//) });
    expect(article.translator[0]['@type']).toBe('Person');
    expect(article.isBasedOn).toMatchObject({ '@type': 'NewsArticle', inLanguage: 'ru-RU', publisher: { '@type': 'NewsMediaOrganization' } });
    expect(article.translationOfWork).toEqual(article.isBasedOn);
    expect(article.correction[0]).toMatchObject({ '@type': 'CorrectionComment', text: version.corrections![0]!.text });
    expect(article.image[0]).toMatchObject({ width: 1200, height: 675, creditText: version.hero!.credit });
    expect(Date.parse(article.datePublished)).toBeLessThanOrEqual(Date.parse(article.dateModified));
    expect(crumbs['@type']).toBe('BreadcrumbList');
    expect(crumbs.itemListElement).toHaveLength(3);
  });

  it('has Open Graph, article:* and Twitter card tags', async () => {
    const { path, version } = await seedShapedArticle(s);
    const html = await (await s.app.request(path)).text();
    expect(meta(html, 'og:type')).toEqual(['article']);
    expect(meta(html, 'og:url')).toEqual([`https://news.example.org${path}`]);
    expect(meta(html, 'og:locale:alternate')).toEqual(['ru_RU']);
    expect(meta(html, 'article:published_time')[0]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(meta(html, 'article:section')).toHaveLength(1);
    expect(meta(html, 'article:tag').sort()).toEqual([...version.tags].sort());
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
  });

  it('redirects a wrong section or date, an old slug and a short link to the canonical address', async () => {
    const { path, id } = await seedShapedArticle(s);
    const [, locale, section, yyyy, , slug] = path.split('/');
    const wrong = await s.app.request(`/${locale}/culture/${yyyy}/01/${slug}`);
    expect(wrong.status).toBe(301);
    expect(wrong.headers.get('location')).toBe(path);
    expect(section).not.toBe('culture');

    const row = (await getArticleRow(s.db.kysely, id))!;
    const a = (await loadArticle(s.db.kysely, id))!;
    await updateArticle(
      s.deps,
      id,
      {
        locale: a.locale,
        headline: a.headline,
        body: a.body,
        sectionId: a.section.id,
        status: 'published',
        slug: 'renamed-summit-story',
        tagIds: a.tags.map((t) => t.id),
        bylines: a.bylines.map((b) => ({ contributorId: b.contributorId, role: b.role })),
      },
      row.revision,
    );
    const old = await s.app.request(path);
    expect(old.status).toBe(301);
    const moved = old.headers.get('location')!;
    expect(moved).toMatch(/\/renamed-summit-story$/);
    expect((await s.app.request(moved)).status).toBe(200);
    const short = await s.app.request(`/a/${id}`);
    expect(short.headers.get('location')).toBe(moved);
  });

  it('answers 410 for a withdrawn story and 404 for a draft', async () => {
    const rows = await s.db.kysely.selectFrom('articles').select(['id']).where('locale', '=', 'ru').orderBy('id', 'desc').limit(2).execute();
    const [withdrawn, draft] = rows.map((r) => r.id);
    const pathOf = async (id: number) => (await s.app.request(`/a/${id}`)).headers.get('location')!;
    const wPath = await pathOf(withdrawn!);
    const dPath = await pathOf(draft!);
    await s.db.kysely.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', withdrawn!).execute();
    await s.db.kysely.updateTable('articles').set({ status: 'draft' }).where('id', '=', draft!).execute();
    const gone = await s.app.request(wPath);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('Материал больше недоступен');
    expect((await s.app.request(`/a/${withdrawn}`)).status).toBe(410);
    expect((await s.app.request(dPath)).status).toBe(404);
    expect((await s.app.request(`/a/${draft}`)).status).toBe(404);
  });

  it('pages through a section with keyset links that neither repeat nor skip', async () => {
    const seen: string[] = [];
    let next: string | null = '/en/section/politics';
    let pages = 0;
    while (next && pages < 10) {
      const res = await s.app.request(next);
      expect(res.status).toBe(200);
      const html = await res.text();
      seen.push(...[...html.matchAll(/<li class="card">.*?<h[23]><a href="([^"]+)"/gs)].map((m) => m[1]!));
      next = /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? null;
      pages++;
    }
    const inDb = await s.db.kysely
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sections.slug', '=', 'politics')
      .where('articles.kind', '=', 'story')
      .where('articles.locale', '=', 'en')
      .where('articles.status', '=', 'published')
      .executeTakeFirstOrThrow();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(Number(inDb.n));
  });

  it('serves tag, author and search pages; unknown names are 404', async () => {
    const { path } = await seedShapedArticle(s, 'ru');
    const html = await (await s.app.request(path)).text();
    const tagHref = /<a href="(\/ru\/tag\/[^"]+)" rel="tag">/.exec(html)![1]!;
    expect((await s.app.request(tagHref)).status).toBe(200);
    const authorHref = /<a href="(\/ru\/author\/[^"]+)">/.exec(html)![1]!;
    const author = await s.app.request(authorHref);
    expect(author.status).toBe(200);
    expect(await author.text()).toContain(path);
    const search = await (await s.app.request('/ru/search?q=' + encodeURIComponent('САММИТ'))).text();
    expect(search).toContain(path);
    expect((await s.app.request('/ru/tag/no-such-tag')).status).toBe(404);
    expect((await s.app.request('/en/author/nobody-at-all')).status).toBe(404);
    expect((await s.app.request('/en/section/nothing')).status).toBe(404);
  });

  it('searches bodies with stemming and counts, quotes in the page’s language, highlights, filters by section and pages', async () => {
    const en = await (await s.app.request('/en/search?q=Tobyrgan')).text();
    expect(en).toContain('Search results for “Tobyrgan”');
    expect(en).not.toMatch(/[«»]/);
    expect(en).toMatch(/<p class="meta search-count">[1-9]\d* stor(y|ies) found<\/p>/);
    expect(en).toContain('<mark>Tobyrgan</mark>');
    const ru = await (await s.app.request('/ru/search?q=' + encodeURIComponent('Тобырган'))).text();
    expect(ru).toContain('Результаты поиска по запросу «Тобырган»');
    expect(ru).toMatch(/<mark>Тобыргана<\/mark>/);
    const politics = await (await s.app.request('/en/search?q=Tobyrgan&section=politics')).text();
    expect(politics).toContain('<option value="politics" selected>');
    expect(politics).toContain('0 stories found');
    expect((await s.app.request('/en/search?q=Tobyrgan&page=0')).status).toBe(400);
    expect((await s.app.request('/en/search?q=Tobyrgan&page=abc')).status).toBe(400);
    const beyond = await (await s.app.request('/en/search?q=Tobyrgan&page=50')).text();
    expect(beyond).toContain('No stories match your search.');
    expect(beyond).toContain('rel="prev"');
  });

  // Issue 15: the reader's search filtered only by section.
  it('filters the search page by tag, author and days, keeps the filters in its links, and refuses bad ones with a code and a hint', async () => {
    const { id, path } = await seedShapedArticle(s, 'ru');
    const page = await (await s.app.request(path)).text();
    const tag = /<a href="\/ru\/tag\/([^"]+)" rel="tag">/.exec(page)![1]!;
    const author = /<a href="\/ru\/author\/([^"]+)">/.exec(page)![1]!;
    const day = (await s.db.kysely.selectFrom('articles').select('published_at').where('id', '=', id).executeTakeFirstOrThrow()).published_at!.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const q = '/ru/search?q=' + encodeURIComponent('саммит');
    // The main column only: the story is in the latest news beside it too.
    const get = async (query: string) => {
      const html = await (await s.app.request(q + query)).text();
      return html.slice(html.indexOf('<main'), html.indexOf('<aside'));
    };
    const tagged = await get(`&tag=${tag}`);
    expect(tagged).toContain(path);
    expect(tagged).toContain(`<input type="hidden" name="tag" value="${tag}"/>`);
    expect(tagged).toMatch(/<ul class="search-filters"><li>Тег: [^<]+ \(<a href="\/ru\/search\?q=[^"]+">убрать этот фильтр<\/a>\)<\/li><\/ul>/);
    expect(await get(`&author=${author}`)).toContain(path);
    // The language is the path's; switching it keeps the other filters, not the tag (each language has its own).
    const both = await (await s.app.request(`${q}&tag=${tag}&author=${author}&from=${day}`)).text();
    expect(both).toContain(`href="/en/search?q=${encodeURIComponent('саммит')}&amp;author=${author}&amp;from=${day}" hreflang="en"`);
    expect(await get(`&from=${day}&to=${day}`)).toContain(path);
    const after = await get(`&from=${next}`);
    expect(after).not.toContain(path);
    expect(after).toContain(`name="from" value="${next}"`);
    const refused = async (query: string, param: string) => {
      const res = await s.app.request(q + query, { headers: { accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'SEARCH_FILTER_INVALID', title: 'Invalid search filter', hint: expect.any(String), param });
    };
    await refused('&tag=no-such-tag', 'tag');
    await refused('&author=nobody-at-all', 'author');
    await refused('&from=2026-13-01', 'from');
    await refused('&to=yesterday', 'to');
    await refused(`&from=${next}&to=${day}`, 'from');
    expect((await s.app.request(`${q}&tag=no-such-tag`)).status).toBe(400);
  });

  it('offers headlines for the words typed so far: JSON at /{lang}/search/suggest, links on a page that found nothing', async () => {
    const { path, version } = await seedShapedArticle(s, 'ru');
    const typed = version.headline.split(' ')[0]!.slice(0, 4);
    const res = await s.app.request('/ru/search/suggest?q=' + encodeURIComponent(typed));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    // It reads the query: never a page-cache entry (those carry surrogate keys).
    expect(res.headers.get('surrogate-key')).toBeNull();
    const body = (await res.json()) as { query: string; suggestions: { headline: string; url: string }[] };
    expect(body.query).toBe(typed);
    expect(body.suggestions).toContainEqual(expect.objectContaining({ headline: version.headline, url: path }));
    expect(await (await s.app.request('/ru/search/suggest?q=')).json()).toEqual({ query: '', suggestions: [] });
    expect((await s.app.request('/ru/search/suggest?q=x&limit=50')).status).toBe(400);
    expect((await s.app.request('/de/search/suggest?q=x')).status).toBe(404);
    const empty = await (await s.app.request('/ru/search?q=' + encodeURIComponent(typed))).text();
    const main = empty.slice(empty.indexOf('<main'), empty.indexOf('<aside'));
    expect(main).toContain('Возможно, вы искали');
    expect(main).toContain(`<a href="${path}">`);
  });

  // Issue 15 review: to=9999-12-31 became "+010000-…", which sorts before every date: far-future days found nothing.
  it('refuses far-future and far-past days with a hint, and finds by the last day allowed', async () => {
    const { path } = await seedShapedArticle(s, 'ru');
    const q = '/ru/search?q=' + encodeURIComponent('саммит');
    for (const [query, param] of [
      ['&to=9999-12-31', 'to'],
      ['&from=9999-01-01', 'from'],
      ['&from=0999-12-31', 'from'],
    ]) {
      const res = await s.app.request(q + query, { headers: { accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'SEARCH_FILTER_INVALID', hint: expect.stringContaining('9998-12-31'), param });
    }
    const html = await (await s.app.request(q + '&from=1000-01-01&to=9998-12-31')).text();
    expect(html.slice(html.indexOf('<main'), html.indexOf('<aside'))).toContain(path);
  });

  // Issue 15 review: the reader suggest endpoint had no test that it offers only what readers may see.
  it('suggests to readers neither drafts, nor scheduled stories, nor a live story’s pending headline', async () => {
    const k = s.db.kysely;
    const sectionId = (await k.selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow()).id;
    const user = await createUser(s.deps, { email: 'suggest-editor@example.org', name: 'Ed', role: 'admin' });
    const story = (headline: string, extra: object) => createArticle(s.deps, { locale: 'en', headline, body: doc('Text.'), sectionId, ...extra });
    const live = await story('Quokkaland votes', { status: 'published', publishedAt: '2026-11-19T00:00:00.000Z' });
    await story('Quokkadraft waits', { status: 'draft' });
    // Scheduled: published for a time still to come (content/visibility.ts).
    await story('Quokkafuture comes', { status: 'published', publishedAt: '2026-12-01T00:00:00.000Z' });
    const who = userPrincipal({ id: user.id, role: 'admin', active: true });
    const row = (await getArticleRow(k, live))!;
    expect(await savePendingChanges(s.deps, who, live, row.revision, { headline: 'Quokkapending rewrite', body: doc('Text.'), sectionId })).toBeGreaterThan(
      row.revision,
    );
    // The newsroom's suggestions do offer the draft and the scheduled story: readers' must leave them out.
    const newsroom = await suggestAdmin(s.deps, who, ['en', 'ru', 'kk'], { q: 'quokka', locale: 'en', limit: 10 });
    expect(newsroom.suggestions.map((x) => x.headline)).toEqual(expect.arrayContaining(['Quokkadraft waits', 'Quokkafuture comes']));
    const res = await s.app.request('/en/search/suggest?q=quokka&limit=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { suggestions: { id: number; headline: string }[] };
    expect(body.suggestions.map((x) => x.headline)).toEqual(['Quokkaland votes']);
    for (const typed of ['quokkadr', 'quokkafu', 'quokkape']) {
      expect(await (await s.app.request('/en/search/suggest?q=' + typed)).json()).toEqual({ query: typed, suggestions: [] });
    }
  });

  // Issue 15 review: "did you mean" ranked the whole archive for the bare query, filters ignored.
  it('offers no “did you mean” headlines the search’s filters leave out', async () => {
    const { id, path, version } = await seedShapedArticle(s, 'ru');
    const typed = version.headline.split(' ')[0]!.slice(0, 4);
    const day = (await s.db.kysely.selectFrom('articles').select('published_at').where('id', '=', id).executeTakeFirstOrThrow()).published_at!.slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const main = async (query: string) => {
      const html = await (await s.app.request('/ru/search?q=' + encodeURIComponent(typed) + query)).text();
      return html.slice(html.indexOf('<main'), html.indexOf('<aside'));
    };
    expect(path.startsWith('/ru/culture/')).toBe(false);
    expect(await main('')).toContain(`<a href="${path}">`);
    for (const filter of [`&from=${next}`, `&to=2000-01-01`, '&section=culture']) {
      const html = await main(filter);
      expect(html).toContain('По вашему запросу ничего не найдено.');
      expect(html).not.toContain('Возможно, вы искали');
      expect(html).not.toContain(`<a href="${path}">`);
    }
  });

  it.each(
    [
      ['/de/', 404],
      ['/xx/politics/2026/11/some-story', 404],
      ['/en/politics/2026/11/' + 'a'.repeat(2000), 404],
      ['/en/search?q=' + 'x'.repeat(3000), 400],
      ['/en/search?q=' + 'x'.repeat(300), 400],
      ['/en/%E0%A4%A', 400],
      ['/en/section/politics/before/garbage', 404],
      ['/en/section/politics/before/99999999999999999.1', 404],
      ['/en/Politics/2026/11/x', 404],
      ['/en/politics/2026/11/no-such-story', 404],
      ['/a/999999999', 404],
      ['/wp-login.php', 404],
      ['/en/../../etc/passwd', 404],
      ['/media/../../etc/passwd', 404],
    ].map(([url, status]) => [String(url).slice(0, 60), url as string, status as number] as const),
  )('answers %s… with the right status and a page, never a 500', async (_label, url, status) => {
    const res = await s.app.request(url);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body).toContain('<!DOCTYPE html>');
    expect(body).not.toMatch(/at .*\.ts:\d+|Error:|stack/i);
  });

  it('offers search and the latest news on the 404 page, in the reader’s language', async () => {
    const res = await s.app.request('/ru/politics/2026/11/net-takoy-stati');
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain('Страница не найдена');
    expect(html).toContain('role="search"');
    expect(html).toContain('Последние новости');
  });

  it('costs the same number of queries for an article page whatever the size of the archive', async () => {
    const { path } = await seedShapedArticle(s);
    const count = async () => {
      s.queries.count = 0;
      expect((await s.app.request(path)).status).toBe(200);
      return s.queries.count;
    };
    // The first render loads the lists kept in memory (latest news, related); the archive's size must change nothing after.
    await count();
    const before = await count();
    await growArchive(s);
    const after = await count();
    expect(after).toBe(before);
    expect(before).toBeLessThanOrEqual(12);
  });

  // The section's newest stories behind "related" are kept in memory (services/shared-lists.ts): a publish in the
  // section must reach the next render of its other articles, and a quiet archive must not read them again.
  it("keeps the related list's section stories in memory and refreshes them when the section gets a story", async () => {
    const shaped = await seedShapedArticle(s);
    const section = (await getArticleRow(s.db.kysely, shaped.id))!.section_id;
    const story = (headline: string, minutesAgo: number) =>
      createArticle(s.deps, {
        locale: 'en',
        headline,
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }] },
        sectionId: section,
        status: 'published',
        publishedAt: new Date(Date.parse('2026-11-20T12:00:00.000Z') - minutesAgo * 60_000).toISOString(),
      });
    const first = await story('An untagged story to read', 30);
    const path = (await s.app.request(`/a/${first}`)).headers.get('location')!;
    const related = async () =>
      /<section class="block" aria-labelledby="related">[\s\S]*?<\/section>/.exec(await (await s.app.request(path)).text())?.[0] ?? '';
    await related();
    s.queries.count = 0;
    await related();
    const warm = s.queries.count;

    await story('Newest in the section', 1);
    expect(await related()).toContain('Newest in the section');
    s.queries.count = 0;
    await related();
    expect(s.queries.count).toBe(warm);
  });

  // The tags' newest stories behind "related" are kept in memory too: a story published under one of the article's
  // tags in another section must appear at the next render, and a warm render reads no tag list again.
  it("keeps the related list's tag stories in memory and refreshes them when a tag gets a story", async () => {
    const k = s.db.kysely;
    const tag = await ensureTag(k, 'en', 'grain-corridor', 'Grain corridor');
    const sections = await k.selectFrom('sections').select('id').orderBy('position').execute();
    const story = (headline: string, sectionId: number, minutesAgo: number) =>
      createArticle(s.deps, {
        locale: 'en',
        headline,
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }] },
        sectionId,
        tagIds: [tag],
        status: 'published',
        publishedAt: new Date(Date.parse('2026-11-20T12:00:00.000Z') - minutesAgo * 3_600_000).toISOString(),
      });
    const first = await story('A tagged story to read', sections[0]!.id, 30);
    await story('An older story under the tag', sections[1]!.id, 40);
    const path = (await s.app.request(`/a/${first}`)).headers.get('location')!;
    const related = async () =>
      /<section class="block" aria-labelledby="related">[\s\S]*?<\/section>/.exec(await (await s.app.request(path)).text())?.[0] ?? '';
    expect(await related()).toContain('An older story under the tag');
    s.queries.count = 0;
    await related();
    const warm = s.queries.count;
    // As many queries as an untagged story's page: the tags' lists come from memory.
    const untagged = await createArticle(s.deps, {
      locale: 'en',
      headline: 'No tags at all',
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }] },
      sectionId: sections[0]!.id,
      status: 'published',
      publishedAt: '2026-11-19T00:00:00.000Z',
    });
    const untaggedPath = (await s.app.request(`/a/${untagged}`)).headers.get('location')!;
    await s.app.request(untaggedPath);
    s.queries.count = 0;
    await s.app.request(untaggedPath);
    expect(warm).toBe(s.queries.count);

    await story('Newest under the tag, elsewhere', sections[2]!.id, 1);
    const after = await related();
    expect(after).toContain('Newest under the tag, elsewhere');
    expect(after.indexOf('Newest under the tag, elsewhere')).toBeLessThan(after.indexOf('An older story under the tag'));
    s.queries.count = 0;
    await related();
    expect(s.queries.count).toBe(warm);
  });

  // Regression (review item 9): any cursor of the right shape was a page of its own, so a crawler could fill the
  // page cache with pages nobody links to. A cursor must name the position of a story in that very list.
  it('answers 404 to any page cursor but the position of one of the list’s stories, in each kind of list', async () => {
    const k = s.db.kysely;
    const tag = await ensureTag(k, 'en', 'cursor-check', 'Cursor check');
    const science = (await k.selectFrom('sections').select('id').where('slug', '=', 'science').executeTakeFirstOrThrow()).id;
    const author = (await k.selectFrom('contributors').select('id').where('slug', '=', 'saule-bekova').executeTakeFirstOrThrow()).id;
    const ids: number[] = [];
    for (let i = 0; i < 14; i++) {
      ids.push(
        await createArticle(s.deps, {
          locale: 'en',
          headline: `Cursor check story ${i}`,
          body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text.' }] }] },
          sectionId: science,
          tagIds: [tag],
          bylines: [{ contributorId: author, role: 'author' }],
          status: 'published',
          // Older than the demo's stories: the other tests' lists keep their first pages.
          publishedAt: new Date(Date.parse('2025-06-01T00:00:00.000Z') - i * 3_600_000).toISOString(),
        }),
      );
    }
    const olderOf = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1] ?? null;
    const walk = async (first: string) => {
      const pages: string[] = [];
      for (let url: string | null = first; url;) {
        const res = await s.app.request(url);
        expect(res.status, url).toBe(200);
        pages.push(url);
        url = olderOf(await res.text());
      }
      return pages;
    };
    for (const list of ['/en/section/science', '/en/author/saule-bekova']) expect((await walk(list)).length, list).toBeGreaterThan(1);
    const tagPages = await walk('/en/tag/cursor-check');
    expect(tagPages).toHaveLength(2);
    const real = tagPages[1]!.split('/').pop()!;
    const twelfth = (await getArticleRow(k, ids[11]!))!;
    expect(real).toBe(`${Date.parse(twelfth.published_at!)}.${ids[11]}`);
    const [ms, id] = real.split('.').map(Number) as [number, number];
    const politics = await k
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.published_at'])
      .where('sections.slug', '=', 'politics')
      .where('articles.kind', '=', 'story')
      .where('articles.locale', '=', 'en')
      .where('articles.status', '=', 'published')
      .executeTakeFirstOrThrow();
    const elsewhere = `${Date.parse(politics.published_at!)}.${politics.id}`;
    for (const forged of [`${ms}.${id + 1000}`, `${ms - 1}.${id}`, `${ms + 1}.${id}`, `0${real}`, `${ms}.0${id}`, elsewhere]) {
      expect((await s.app.request(`/en/tag/cursor-check/before/${forged}`)).status, forged).toBe(404);
    }
    // The same story's position is a page of every list it is in, and of no other.
    expect((await s.app.request(`/en/section/science/before/${real}`)).status).toBe(200);
    expect((await s.app.request(`/en/author/saule-bekova/before/${real}`)).status).toBe(200);
    expect((await s.app.request(`/en/section/politics/before/${real}`)).status).toBe(404);
    expect((await s.app.request(`/en/section/politics/before/${elsewhere}`)).status).toBe(200);
    // A story that leaves the list takes its position with it.
    await k.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', ids[11]!).execute();
    await syncListing(k, ids[11]!);
    expect((await s.app.request(`/en/tag/cursor-check/before/${real}`)).status).toBe(404);
    expect((await s.app.request(`/en/section/science/before/${real}`)).status).toBe(404);
  });

  it('reports the database state on /healthz', async () => {
    const res = await s.app.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { engine, state: 'up' } });
  });
});

describe('healthz with the database down', () => {
  it('answers 503 with the state, not a crash', async () => {
    const s = await seededSite('sqlite');
    await s.db.close();
    const res = await s.app.request('/healthz');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'error', database: { state: 'down' } });
    const page = await s.app.request('/en/');
    expect(page.status).toBe(500);
    expect(await page.text()).toContain('Something went wrong');
    await s.cleanup().catch(() => {});
  });
});
