import { describe, expect, it } from 'vitest';
import { parseAtomFeed, parseFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { readXml } from '#test/xml.js';
import { atomFeed } from './atom-feed.js';
import type { FeedData, FeedEntry } from './feed-data.js';
import { jsonFeed } from './json-feed.js';
import { rssFeed } from './rss-feed.js';
import { absolutizeHtml, tightenCdata, truncate, xmlText } from './xml-text.js';

const SITE = 'https://news.example.org';

const partnerStory: FeedEntry = {
  articleId: 7,
  guid: `${SITE}/a/7`,
  url: `${SITE}/en/world/2026/11/summit-statement`,
  locale: 'en',
  title: 'Trade & Rail: <Sarydala> and Valdia Sign “Joint” Statement \u0001',
  summary: 'Leaders agree on water & rail — «впервые»',
  publishedAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-20T10:30:00.000Z',
  authors: [{ name: 'Наталья Гришина', url: `${SITE}/en/author/natalya-grishina` }],
  translators: [{ name: 'Madina Ospanova', url: `${SITE}/en/author/madina-ospanova` }],
  originalAuthors: [{ name: 'Наталья Гришина', url: `${SITE}/en/author/natalya-grishina` }],
  source: {
    partnerName: 'Vecherny Trakt',
    partnerUrl: 'https://vecherny-trakt.example',
    url: 'https://vecherny-trakt.example/2026/11/sammit',
    headline: 'Саммит <в> Астане',
    locale: 'ru',
  },
  categories: [
    { name: 'World', url: `${SITE}/en/section/world` },
    { name: 'Trade & Transit', url: `${SITE}/en/tag/trade-transit` },
  ],
  body: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Lead with a ' },
          { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: '/en/world' } }] },
          { type: 'text', text: ' and ]]> in text.' },
        ],
      },
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Река и рельсы' }] },
    ],
  },
  image: {
    url: `${SITE}/media/demo/summit.svg`,
    mime: 'image/svg+xml',
    width: 1200,
    height: 675,
    alt: 'Two delegations',
    caption: 'The signing',
    credit: 'Screenshot: Vecherny Trakt',
  },
  corrections: [{ text: 'An earlier version misnamed the river.', createdAt: '2026-11-20T10:30:00.000Z' }],
};

const plainStory: FeedEntry = {
  articleId: 3,
  guid: `${SITE}/a/3`,
  url: `${SITE}/en/economy/2026/11/wheat`,
  locale: 'en',
  title: 'Wheat prices',
  summary: null,
  publishedAt: '2026-11-19T08:00:00.000Z',
  updatedAt: '2026-11-19T08:00:00.000Z',
  authors: [],
  translators: [],
  originalAuthors: [],
  source: null,
  categories: [{ name: 'Economy', url: `${SITE}/en/section/economy` }],
  body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Short.' }] }] },
  image: null,
  corrections: [],
};

const data = (entries: FeedEntry[] = [partnerStory, plainStory]): FeedData => ({
  siteUrl: SITE,
  siteName: 'Masthead & Co',
  timeZone: 'Asia/Almaty',
  locale: 'en',
  title: 'Masthead & Co',
  description: 'Independent journalism <in> several languages.',
  pageUrl: `${SITE}/en/`,
  feedUrls: { rss: `${SITE}/en/feed.xml`, atom: `${SITE}/en/atom.xml`, json: `${SITE}/en/feed.json` },
  iconUrl: `${SITE}/logo.svg`,
  updated: '2026-11-20T10:30:00.000Z',
  entries,
});

const cleanTitle = 'Trade & Rail: <Sarydala> and Valdia Sign “Joint” Statement';

describe('RSS 2.0', () => {
  const xml = rssFeed(data());
  const feed = parseRssFeed(xml);

  it('is well-formed XML with the namespaces it uses', () => {
    const { root, elements } = readXml(xml);
    expect(root).toBe('rss');
    const uris = new Set(elements.map((e) => e.uri));
    expect(uris).toContain('http://purl.org/rss/1.0/modules/content/');
    expect(uris).toContain('http://purl.org/dc/elements/1.1/');
    expect(uris).toContain('http://search.yahoo.com/mrss/');
  });

  it('describes the channel with a self link', () => {
    // RSS titles and descriptions carry HTML-escaped text: many readers render them as HTML.
    expect(feed).toMatchObject({
      title: 'Masthead &amp; Co',
      link: `${SITE}/en/`,
      description: 'Independent journalism &lt;in&gt; several languages.',
      language: 'en',
    });
    expect(feed.atom?.links).toEqual([{ href: `${SITE}/en/feed.xml`, rel: 'self', type: 'application/rss+xml' }]);
  });

  it('writes every field of an item, escaping <&> and keeping Cyrillic, dropping control characters', () => {
    const [item] = feed.items!;
    expect(item).toMatchObject({
      title: cleanTitle.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
      link: partnerStory.url,
      guid: { value: `${SITE}/a/7`, isPermaLink: false },
      description: 'Leaders agree on water &amp; rail — «впервые»',
      categories: [
        { name: 'World', domain: `${SITE}/en/section/world` },
        { name: 'Trade &amp; Transit', domain: `${SITE}/en/tag/trade-transit` },
      ],
      enclosures: [{ url: `${SITE}/media/demo/summit.svg`, type: 'image/svg+xml', length: 0 }],
      dc: { creators: ['Наталья Гришина'], contributors: ['Madina Ospanova'] },
    });
    expect(new Date(item!.pubDate!).toISOString()).toBe(partnerStory.publishedAt);
    expect(item!.media?.contents?.[0]).toMatchObject({ url: `${SITE}/media/demo/summit.svg`, medium: 'image', width: 1200, height: 675 });
    expect(xml).not.toContain('\u0001');
  });

  it('carries the full story with credits and corrections, links made absolute', () => {
    const html = feed.items![0]!.content!.encoded!;
    expect(html).toContain(`<a href="${SITE}/en/world">link</a>`);
    expect(html).toContain(' and ]]&gt; in text.');
    expect(html).toContain('<h2>Река и рельсы</h2>');
    expect(html).toContain(`<img src="${SITE}/media/demo/summit.svg" alt="Two delegations" width="1200" height="675"/>`);
    expect(html).toMatch(/<strong>Translated by:<\/strong> <a href="[^"]+madina-ospanova">Madina Ospanova<\/a>/);
    expect(html).toMatch(/<strong>Original author:<\/strong> <a href="[^"]+">Наталья Гришина<\/a>/);
    expect(html).toContain('<strong>First published by:</strong> <a href="https://vecherny-trakt.example">Vecherny Trakt</a>');
    expect(html).toContain('<cite lang="ru">Саммит &lt;в&gt; Астане</cite>');
    expect(html).toContain('<h2>Corrections</h2>');
    expect(html).toContain('An earlier version misnamed the river.');
  });

  it('leaves no whitespace between tags and CDATA sections', () => {
    expect(xml).not.toMatch(/>\s+<!\[CDATA\[/);
    expect(xml).not.toMatch(/\]\]>\s+</);
    expect(xml).toContain('<title><![CDATA[Trade &amp; Rail: &lt;Sarydala&gt;');
  });

  it('writes a valid empty feed', () => {
    const empty = rssFeed(data([]));
    readXml(empty);
    expect(parseRssFeed(empty).items ?? []).toEqual([]);
  });
});

// Regression (security review, issue 10 item 8): RSS escaped titles and descriptions, but tags, bylines and the hero's
// description and credit went out raw inside CDATA, so a tag named "<script>…" reached readers that render RSS text
// as HTML as a script.
describe('hostile text in every RSS text field', () => {
  const HOSTILE = 'A <script>alert(1)</script> ]]> & B';
  const hostile: FeedEntry = {
    ...plainStory,
    title: `Title ${HOSTILE}`,
    summary: `Summary ${HOSTILE}`,
    authors: [{ name: `Author ${HOSTILE}`, url: null }],
    translators: [{ name: `Translator ${HOSTILE}`, url: null }],
    categories: [{ name: `Tag ${HOSTILE}`, url: `${SITE}/en/tag/hostile` }],
    image: {
      url: `${SITE}/media/x.png`,
      mime: 'image/png',
      width: 10,
      height: 10,
      alt: `Alt ${HOSTILE}`,
      caption: `Caption ${HOSTILE}`,
      credit: `Credit ${HOSTILE}`,
    },
  };
  const xml = rssFeed(data([hostile]));
  // What a reader that takes RSS text as HTML shows: the entities decoded once.
  const shown = (s: string | undefined) => s?.replace(/&(lt|gt|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&' })[e]!);

  it('parses, and each value reads back as the text it was', () => {
    readXml(xml);
    const [item] = parseRssFeed(xml).items!;
    expect(shown(item!.title)).toBe(`Title ${HOSTILE}`);
    expect(shown(item!.description)).toBe(`Summary ${HOSTILE}`);
    expect(item!.categories!.map((c) => shown(c.name))).toEqual([`Tag ${HOSTILE}`]);
    expect(item!.dc?.creators?.map(shown)).toEqual([`Author ${HOSTILE}`]);
    expect(item!.dc?.contributors?.map(shown)).toEqual([`Translator ${HOSTILE}`]);
    const media = item!.media?.contents?.[0];
    expect([shown(media?.description?.value), media?.description?.type]).toEqual([`Alt ${HOSTILE}`, 'html']);
    expect(media?.credits?.map((c) => shown(c.value))).toEqual([`Credit ${HOSTILE}`]);
    // The caption is part of the full text, HTML there.
    expect(item!.content!.encoded).toContain('Caption A &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; B');
  });

  it('leaves no raw <script in the bytes', () => {
    expect(xml).not.toMatch(/<script/i);
    expect(xml).toContain('<category domain="https://news.example.org/en/tag/hostile"><![CDATA[Tag A &lt;script&gt;');
  });

  it('is text in Atom (marked as such) and JSON Feed, read back exactly', () => {
    const atom = parseAtomFeed(atomFeed(data([hostile])));
    const [e] = atom.entries!;
    expect([e!.title?.value, e!.title?.type, e!.authors?.[0]?.name, e!.contributors?.[0]?.name, e!.categories?.[0]?.term]).toEqual([
      `Title ${HOSTILE}`,
      'text',
      `Author ${HOSTILE}`,
      `Translator ${HOSTILE}`,
      `Tag ${HOSTILE}`,
    ]);
    const [j] = parseJsonFeed(jsonFeed(data([hostile]))).items!;
    expect([j!.title, j!.summary, j!.tags, j!.authors?.[0]?.name]).toEqual([`Title ${HOSTILE}`, `Summary ${HOSTILE}`, [`Tag ${HOSTILE}`], `Author ${HOSTILE}`]);
  });
});

describe('Atom 1.0', () => {
  const xml = atomFeed(data());
  const feed = parseAtomFeed(xml);

  it('is well-formed Atom with id, self link, updated and an author', () => {
    const { root, elements } = readXml(xml);
    expect(root).toBe('feed');
    expect(elements[0]!.uri).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBe(`${SITE}/en/atom.xml`);
    expect(feed.title).toEqual({ value: 'Masthead & Co', type: 'text' });
    expect(feed.links).toContainEqual({ href: `${SITE}/en/atom.xml`, rel: 'self', type: 'application/atom+xml' });
    expect(feed.authors?.[0]?.name).toBe('Masthead & Co');
    expect(feed.updated).toBe('2026-11-20T10:30:00.000Z');
  });

  it('writes entries with ids, dates, authors, translators, categories, summary, content and the hero', () => {
    const [e, plain] = feed.entries!;
    expect(e).toMatchObject({
      id: `${SITE}/a/7`,
      title: { value: cleanTitle },
      published: partnerStory.publishedAt,
      updated: partnerStory.updatedAt,
      authors: [{ name: 'Наталья Гришина', uri: `${SITE}/en/author/natalya-grishina` }],
      contributors: [{ name: 'Madina Ospanova', uri: `${SITE}/en/author/madina-ospanova` }],
      summary: { value: 'Leaders agree on water & rail — «впервые»' },
    });
    expect(e!.links).toEqual([
      { href: partnerStory.url, rel: 'alternate', type: 'text/html', hreflang: 'en' },
      { href: `${SITE}/media/demo/summit.svg`, rel: 'enclosure', type: 'image/svg+xml' },
    ]);
    expect(e!.categories?.map((c) => c.term)).toEqual(['World', 'Trade & Transit']);
    expect(e!.content?.type).toBe('html');
    expect(e!.content?.value).toContain('Madina Ospanova');
    expect(e!.content?.value).toContain('An earlier version misnamed the river.');
    expect(plain!.authors).toBeUndefined(); // inherits the feed's author
  });
});

describe('JSON Feed 1.1', () => {
  const text = jsonFeed(data());
  const feed = parseJsonFeed(text);

  it('declares version 1.1 and describes the feed', () => {
    expect(JSON.parse(text).version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed).toMatchObject({ title: 'Masthead & Co', home_page_url: `${SITE}/en/`, feed_url: `${SITE}/en/feed.json`, language: 'en' });
  });

  it('writes items with html content, summary, image, dates, tags and authors', () => {
    const [item] = feed.items!;
    expect(item).toMatchObject({
      id: `${SITE}/a/7`,
      url: partnerStory.url,
      title: cleanTitle,
      summary: 'Leaders agree on water & rail — «впервые»',
      image: `${SITE}/media/demo/summit.svg`,
      date_published: partnerStory.publishedAt,
      date_modified: partnerStory.updatedAt,
      tags: ['World', 'Trade & Transit'],
      authors: [{ name: 'Наталья Гришина', url: `${SITE}/en/author/natalya-grishina` }],
      language: 'en',
    });
    expect(item!.content_html).toContain('Original author');
  });

  it('gives a story without a body text content instead of empty html', () => {
    const empty = { ...plainStory, body: { type: 'doc' as const, content: [] } };
    const [item] = JSON.parse(jsonFeed(data([empty]))).items;
    expect(item.content_html).toBeUndefined();
    expect(item.content_text).toBe('Wheat prices');
  });

  it('keeps `items` when there are none', () => {
    expect(JSON.parse(jsonFeed(data([])))).toMatchObject({ items: [] });
  });
});

describe('the three formats agree', () => {
  it('are recognised by the generic parser and list the same items in the same order', () => {
    const rss = parseFeed(rssFeed(data()));
    const atom = parseFeed(atomFeed(data()));
    const json = parseFeed(jsonFeed(data()));
    expect([rss.format, atom.format, json.format]).toEqual(['rss', 'atom', 'json']);
    const ids = [
      rss.format === 'rss' ? rss.feed.items?.map((i) => i.guid?.value) : [],
      atom.format === 'atom' ? atom.feed.entries?.map((e) => e.id) : [],
      json.format === 'json' ? json.feed.items?.map((i) => i.id) : [],
    ];
    expect(ids[0]).toEqual([`${SITE}/a/7`, `${SITE}/a/3`]);
    expect(ids[1]).toEqual(ids[0]);
    expect(ids[2]).toEqual(ids[0]);
  });
});

describe('text helpers', () => {
  it('xmlText drops what XML 1.0 forbids and keeps everything else', () => {
    expect(xmlText('a\u0000b\u0008c\u000Bd\u001Fe\u007Ff\uFFFEg\uD800h')).toBe('abcdefgh');
    expect(xmlText('tab\tnl\ncr\r «Қазақша» 😀 <&>')).toBe('tab\tnl\ncr\r «Қазақша» 😀 <&>');
  });

  it('tightenCdata removes indentation around CDATA only, never inside it', () => {
    const xml = '<a>\n  <b>\n    <![CDATA[x <y>\n   ]]]]><![CDATA[>  z]]>\n  </b>\n  <c>plain</c>\n</a>';
    expect(tightenCdata(xml)).toBe('<a>\n  <b><![CDATA[x <y>\n   ]]]]><![CDATA[>  z]]></b>\n  <c>plain</c>\n</a>');
  });

  it('absolutizeHtml makes root-relative links absolute and leaves others', () => {
    expect(absolutizeHtml('<a href="/en/x">a</a><img src="/media/i.png"><a href="//cdn.example/x">b</a><a href="https://o.example/">c</a>', SITE)).toBe(
      `<a href="${SITE}/en/x">a</a><img src="${SITE}/media/i.png"><a href="//cdn.example/x">b</a><a href="https://o.example/">c</a>`,
    );
  });

  it('truncate cuts at a word boundary', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('one two three four', 12)).toBe('one two…');
  });
});
