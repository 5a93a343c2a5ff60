import { Readable } from 'node:stream';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import type { Browser, BrowserContext } from 'playwright-core';
import { parseSitemap } from 'sitemap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugFromHeadline } from '../src/content/slug.js';
import { articlePath } from '../src/content/urls.js';
import { loadArticle } from '../src/db/load-article.js';
import { ensureTag, upsertContributor, upsertMedia, upsertPartner } from '../src/db/taxonomy-repo.js';
import type { Doc, Paragraph } from '../src/content/document.js';
import { addCorrection, createArticle } from '../src/services/article-store.js';
import { withBodyFromHtml } from '../src/web/api/admin/articles/schema.js';
import { launchBrowser, serveApp, type ServedApp } from './support/browser.js';
import { seededSite, type SeededSite } from './support/site.js';
import { readXml } from './support/xml.js';

/**
 * Hostile text in every field an editor, a translator or an import can fill, rendered on every public page that shows
 * it, then read back by a real browser's parser: no script runs, no element carries an event handler, no link or
 * image points at javascript:, and every payload still reads as the text it was. The browser ignores the site's CSP
 * here (bypassCSP), so escaping itself is what is tested, not the CSP that would also stop an injection. The body
 * gets the payloads three ways: as text in document JSON, as markup in bodyHtml (cleaned on the way in), and as
 * hostile URLs stored before validation (which the renderer must still drop).
 */
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  "'><svg onload=window.__xss=1>",
  '</title><script>window.__xss=1</script>',
  '</script><script>window.__xss=1</script>',
  '<!--<script>window.__xss=1</script>-->',
  '<iframe srcdoc="<script>parent.__xss=1</script>">',
  '<a href="javascript:window.__xss=1">x</a>',
  '<details open ontoggle=window.__xss=1>',
  '" autofocus onfocus="window.__xss=1',
  '<style>body{background:url(javascript:window.__xss=1)}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '\u2028\u2029</script><script>window.__xss=1</script>',
  '{{constructor.constructor("window.__xss=1")()}}',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
];
const HOSTILE_HREFS = ['javascript:window.__xss=1', ' JaVaScRiPt:window.__xss=1', 'data:text/html,<script>window.__xss=1</script>', 'vbscript:msgbox(1)'];

/** Every body node that carries text or a URL, each holding the payload as text (valid: text may be anything). */
function hostileTextBody(payload: string): Doc {
  const para = (text: string): Paragraph => ({ type: 'paragraph', content: [{ type: 'text', text }] });
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `Subhead ${payload}` }] },
      para(`Body ${payload}`),
      { type: 'blockquote', content: [para(`Quote ${payload}`)] },
      {
        type: 'paragraph',
        content: [{ type: 'text', text: `link ${payload}`, marks: [{ type: 'link', attrs: { href: `/search?q=${payload}`, title: payload } }] }],
      },
      { type: 'image', attrs: { src: `/media/${payload}.jpg`, alt: payload, title: payload, caption: payload, credit: payload } },
      { type: 'pullQuote', attrs: { attribution: payload }, content: [{ type: 'text', text: `Pull ${payload}` }] },
      { type: 'embed', attrs: { url: `https://www.youtube.com/watch?v=${payload}`, provider: 'youtube' } },
      {
        type: 'factBox',
        attrs: { title: payload },
        content: [para(`Fact ${payload}`), { type: 'bulletList', content: [{ type: 'listItem', content: [para(payload)] }] }],
      },
      {
        type: 'table',
        content: [
          {
            type: 'tableRow',
            content: [
              { type: 'tableHeader', content: [para(`Head ${payload}`)] },
              { type: 'tableHeader', content: [para('B')] },
            ],
          },
          {
            type: 'tableRow',
            content: [
              { type: 'tableCell', content: [para(`Cell ${payload}`)] },
              { type: 'tableCell', content: [para('2')] },
            ],
          },
        ],
      },
    ],
  };
}

function hostileUrlBody(payload: string, i: number): Doc {
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: HOSTILE_HREFS.map((href) => ({ type: 'text', text: `link ${payload}`, marks: [{ type: 'link', attrs: { href, title: payload } }] })),
      },
      { type: 'image', attrs: { src: HOSTILE_HREFS[i % HOSTILE_HREFS.length]!, alt: payload, caption: payload, credit: payload } },
      { type: 'embed', attrs: { url: HOSTILE_HREFS[i % HOSTILE_HREFS.length]!, provider: 'youtube' } },
    ],
  };
}

/** The payload as markup (not text) in every element the HTML import keeps, and hostile URLs where it reads them. */
function hostileHtml(payload: string): string {
  const links = HOSTILE_HREFS.map((href) => `<a href="${href}" title='${payload}'>link</a>`).join(' ');
  return [
    `<h1>${payload}</h1><h2 onclick="window.__xss=1">Sub ${payload}</h2><p style="background:url(javascript:window.__xss=1)">${payload}</p>`,
    `<blockquote>${payload}</blockquote><ul><li>${payload}</li></ul><p>${links}</p>`,
    `<img src="${HOSTILE_HREFS[0]}" onerror="window.__xss=1"><img src="/a.jpg" alt="${payload}">`,
    `<figure class="pull-quote"><blockquote><p>${payload}</p></blockquote><figcaption>${payload}</figcaption></figure>`,
    `<figure class="embed" data-provider="youtube"><a href="${HOSTILE_HREFS[0]}">${payload}</a></figure>`,
    `<aside class="fact-box"><h2>${payload}</h2><div><p>${payload}</p></div></aside>`,
    `<table><tr><th>${payload}</th></tr><tr><td>${payload}</td></tr></table>`,
    `<iframe src="javascript:window.__xss=1"></iframe><object data="x"></object><embed src="x"><form action="javascript:x"><button formaction="javascript:x">b</button></form>`,
  ].join('\n');
}

/**
 * Stores every payload in every text field of a published story (and its tag, contributor, partner, hero and
 * correction), plus the body variants. Returns, per payload, the public pages that show it.
 */
async function seedHostile(s: SeededSite): Promise<{ payload: string; urls: string[] }[]> {
  const pages: { payload: string; urls: string[] }[] = [];
  const k = s.db.kysely;
  const now = new Date().toISOString();
  const section = await k.selectFrom('sections').select('id').executeTakeFirstOrThrow();
  const media = await upsertMedia(k, { path: '/media/demo/kokterek-palace.svg', mime: 'image/svg+xml', width: 1200, height: 675, alt: 'x', credit: null }, now);
  for (const [i, payload] of PAYLOADS.entries()) {
    const person = await upsertContributor(k, { slug: `hostile-${i}`, name: `Name ${payload}`, bio: `Bio ${payload}` }, now);
    const partner = await upsertPartner(k, { name: `Outlet ${i} ${payload}`, url: 'https://outlet.example', locale: 'ru', licence: payload }, now);
    const tag = await ensureTag(k, 'en', `hostile-tag-${i}`, `Tag ${payload}`);
    const id = await createArticle(s.deps, {
      locale: 'en',
      headline: `Headline ${i} ${payload}`,
      deck: `Deck ${payload}`,
      dateline: `Dateline ${payload}`,
      seoTitle: `SEO ${payload}`,
      seoDescription: `Description ${payload}`,
      sectionId: section.id,
      tagIds: [tag],
      bylines: [
        { contributorId: person, role: 'author' },
        { contributorId: person, role: 'translator' },
      ],
      hero: { mediaId: media, alt: `Alt ${payload}`, caption: `Caption ${payload}`, credit: `Credit ${payload}` },
      source: { partnerId: partner, url: 'https://outlet.example/a', headline: `Original ${payload}`, locale: 'ru' },
      body: hostileTextBody(payload),
      status: 'published',
    });
    await addCorrection(s.deps, id, `Correction ${payload}`);
    // javascript:/data: URLs are refused at the door, naming the node; a body stored before that check (an old
    // revision, a hand-edited row) may still hold them, so one is written straight to the row to test the renderer.
    const refused = await createArticle(s.deps, { locale: 'en', headline: `Refused ${i}`, sectionId: section.id, body: hostileUrlBody(payload, i) }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: { 'body.content[0].content[0].marks[0].attrs.href': expect.any(String) } } });
    const stored = hostileTextBody(payload);
    stored.content.push(...hostileUrlBody(payload, i).content);
    await k
      .updateTable('articles')
      .set({ body: JSON.stringify(stored) })
      .where('id', '=', id)
      .execute();
    const a = (await loadArticle(k, id))!;
    // The same payloads as HTML, as pasted or sent by an API client in bodyHtml: cleaned into a document.
    const fromHtml = await createArticle(
      s.deps,
      await withBodyFromHtml({ locale: 'en', headline: `Pasted ${i}`, sectionId: section.id, status: 'published', bodyHtml: hostileHtml(payload) }),
    );
    const b = (await loadArticle(k, fromHtml))!;
    pages.push({
      payload,
      urls: [
        articlePath({ locale: 'en', sectionSlug: a.section.slug, publishedAt: a.publishedAt, slug: a.slug }),
        `/en/tag/hostile-tag-${i}`,
        `/en/author/hostile-${i}`,
        `/en/search?q=${encodeURIComponent(payload.slice(0, 40))}`,
        articlePath({ locale: 'en', sectionSlug: b.section.slug, publishedAt: b.publishedAt, slug: b.slug }),
      ],
    });
    expect(a.slug).toBe(slugFromHeadline(`Headline ${i} ${payload}`));
  }
  return pages;
}

describe('XSS corpus through every text field and the body', () => {
  let s: SeededSite;
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  const pages: { payload: string; urls: string[] }[] = [];

  beforeAll(async () => {
    s = await seededSite('sqlite', new Date().toISOString());
    pages.push(...(await seedHostile(s)));
    pages.push({ payload: '(lists)', urls: ['/en/', '/en/section/politics'] });
    served = await serveApp(s.app.fetch);
    browser = await launchBrowser();
    context = await browser.newContext({ bypassCSP: true });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.close();
    await s?.cleanup();
  });

  it('runs no script, leaves no handler or javascript: URL, and shows each payload as text', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    for (const { payload, urls } of pages) {
      for (const url of urls) {
        const res = await page.goto(served.url + url);
        expect(res?.status(), url).toBeLessThan(500);
        const found = await page.evaluate(() => {
          // Runs in the page; the test's own types have no DOM, so it is reached through globalThis.
          const g = globalThis as unknown as { __xss?: number; document: any };
          const document = g.document;
          const bad: string[] = [];
          if (g.__xss) bad.push('a payload ran');
          for (const el of Array.from(document.querySelectorAll('*')) as any[]) {
            for (const attr of Array.from(el.attributes) as { name: string; value: string }[]) {
              if (/^on/i.test(attr.name)) bad.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
              if (['href', 'src', 'action', 'srcdoc', 'formaction'].includes(attr.name) && /^\s*(javascript|vbscript|data:text\/html)/i.test(attr.value)) {
                bad.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value}">`);
              }
            }
          }
          for (const sc of Array.from(document.querySelectorAll('script')) as any[]) {
            if (sc.getAttribute('type') !== 'application/ld+json') bad.push('<script> element');
          }
          for (const tag of ['iframe', 'object', 'embed', 'svg', 'math', 'details']) {
            if (document.querySelector(`main ${tag}`)) bad.push(`<${tag}> in main`);
          }
          if (document.querySelectorAll('style').length !== 1) bad.push('an extra <style>');
          return bad;
        });
        for (const f of found) problems.push(`${url} (${payload.slice(0, 30)}): ${f}`);
      }
      if (payload !== '(lists)') {
        // Article page: the payload reads back as literal text in the headline, and JSON-LD still parses.
        await page.goto(served.url + urls[0]!);
        expect(await page.locator('h1').innerText()).toContain(
          payload
            .replace(/\u2028|\u2029/g, '')
            .trim()
            .slice(0, 20),
        );
        const ld = await page.locator('script[type="application/ld+json"]').allTextContents();
        for (const block of ld) expect(() => JSON.parse(block)).not.toThrow();
        expect(JSON.parse(ld[0]!).headline).toContain('Headline');
      }
    }
    await page.close();
    expect(problems).toEqual([]);
  }, 180_000);
});

// Feeds and sitemaps need no browser: a real XML parser reads them back. Regression (security review, issue 10
// item 8): RSS tags, bylines and the hero's description and credit went out unescaped, unlike titles.
describe('XSS corpus through feeds and sitemaps', () => {
  let s: SeededSite;

  beforeAll(async () => {
    s = await seededSite('sqlite', new Date().toISOString());
    await seedHostile(s);
  }, 120_000);
  afterAll(async () => s?.cleanup());

  const get = async (url: string) => {
    const res = await s.app.request(url);
    expect(res.status, url).toBe(200);
    return res.text();
  };
  /** The stories that carry a payload in every field, in PAYLOADS order. */
  const hostileOf = <T>(items: T[], title: (item: T) => string | undefined) =>
    PAYLOADS.map((_p, i) => items.find((item) => (title(item) ?? '').startsWith(`Headline ${i} `)));
  // RSS text may be read as HTML, so it is escaped once: decoding once gives the text back.
  const shown = (v: string | undefined) => v?.replace(/&(lt|gt|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&' })[e]!);

  it('RSS: well-formed, no raw <script anywhere, and every field reads back as its text', async () => {
    const xml = await get('/en/feed.xml');
    readXml(xml);
    expect(xml).not.toMatch(/<script/i);
    const items = hostileOf(parseRssFeed(xml).items ?? [], (i) => shown(i.title));
    for (const [i, payload] of PAYLOADS.entries()) {
      const item = items[i];
      expect(item, `story ${i}`).toBeDefined();
      const p = payload;
      expect(shown(item!.title)).toBe(`Headline ${i} ${p}`);
      expect(item!.categories!.map((c) => shown(c.name))).toContain(`Tag ${p}`);
      expect(item!.dc?.creators?.map(shown)).toEqual([`Name ${p}`]);
      expect(item!.dc?.contributors?.map(shown)).toEqual([`Name ${p}`]);
      expect(shown(item!.media?.contents?.[0]?.description?.value)).toBe(`Alt ${p}`);
      expect(item!.media?.contents?.[0]?.credits?.map((c) => shown(c.value))).toEqual([`Credit ${p}`]);
    }
  });

  it('Atom marks its text as text and JSON Feed carries plain strings: both read back exactly', async () => {
    const xml = await get('/en/atom.xml');
    readXml(xml);
    const entries = hostileOf(parseAtomFeed(xml).entries ?? [], (e) => e.title?.value);
    const json = JSON.parse(await get('/en/feed.json')) as { items: { title: string; tags: string[]; authors?: { name: string }[] }[] };
    const items = hostileOf(json.items, (i) => i.title);
    for (const [i, payload] of PAYLOADS.entries()) {
      const p = payload;
      if (p.includes('<!--')) {
        // feedsmith's reader drops "<!--…-->" even inside CDATA, where it is text; the bytes hold it whole.
        expect(xml).toContain(`<title type="text"><![CDATA[Headline ${i} ${p}]]></title>`);
      } else {
        expect(entries[i]!.title).toEqual({ value: `Headline ${i} ${p}`, type: 'text' });
        expect(entries[i]!.categories!.map((c) => c.term)).toContain(`Tag ${p}`);
        expect(entries[i]!.authors!.map((a) => a.name)).toEqual([`Name ${p}`]);
      }
      expect(items[i]!.tags).toContain(`Tag ${p}`);
      expect(items[i]!.authors!.map((a) => a.name)).toEqual([`Name ${p}`]);
    }
  });

  it('sitemaps: the news title and image caption are escaped text that reads back as it was', async () => {
    const xml = await get('/sitemaps/news.xml');
    readXml(xml);
    expect(xml).not.toMatch(/<script/i);
    const urls = hostileOf(await parseSitemap(Readable.from([xml])), (u) => u.news?.title);
    for (const [i, payload] of PAYLOADS.entries()) {
      const p = payload;
      expect(urls[i]!.news!.title).toBe(`Headline ${i} ${p}`);
      expect(urls[i]!.img?.[0]?.caption).toBe(`Caption ${p}`);
    }
  });
});
