import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText, extractArticle, linkKey, parseWireFeed } from './feed-items.js';

const RU = 'Новости Алматы: суд отменил решение акимата о сносе домов';
const rss = (encoding: string, body = RU) =>
  `<?xml version="1.0" encoding="${encoding}"?><rss version="2.0"><channel><title>Вечерний тракт</title><language>ru</language><link>https://vt.example/</link>` +
  `<item><title>${body}</title><link>https://vt.example/news/1</link><guid>vt-1</guid><description>Коротко: ${body}</description><author>Оксана Матвиенко</author><pubDate>Sun, 06 Dec 2026 05:00:00 GMT</pubDate></item></channel></rss>`;

describe('feed encodings', () => {
  it.each(['windows-1251', 'koi8-r'])('reads a %s feed by its XML declaration', (enc) => {
    const f = parseWireFeed(iconv.encode(rss(enc), enc), 'application/rss+xml', 'https://vt.example/rss');
    expect(f.items[0]).toMatchObject({ title: RU, guid: 'vt-1', language: 'ru', publishedAt: '2026-12-06T05:00:00.000Z', author: 'Оксана Матвиенко' });
  });
  it.each(['windows-1251', 'koi8-r'])('detects %s when neither the header nor the document says', (enc) => {
    const bytes = iconv.encode(rss('x-unknown').replace(' encoding="x-unknown"', ''), enc);
    expect(decodeText(bytes, 'text/xml').charset).toBe(enc);
    expect(parseWireFeed(bytes, null, 'https://vt.example/rss').items[0]!.title).toBe(RU);
  });
  // Review of issue 14: a 1,000-character guid in Chinese (3,000 bytes) was over PostgreSQL's index entry limit.
  it('regression: cuts guids and link keys to 600 characters, under PostgreSQL’s 2,704-byte index entries', () => {
    const long = '新闻'.repeat(500);
    const feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title><link>https://vt.example/</link><item><title>x</title><guid isPermaLink="false">${long}</guid><link>https://vt.example/${long}</link></item></channel></rss>`;
    const [item] = parseWireFeed(Buffer.from(feed), 'application/rss+xml', 'https://vt.example/rss').items;
    expect(Buffer.byteLength(item!.guid)).toBeLessThan(2704);
    expect(Buffer.byteLength(linkKey(item!.link)!)).toBeLessThan(2704);
  });

  it('prefers the HTTP header to a wrong declaration, and a BOM to both', () => {
    const bytes = iconv.encode(rss('utf-8'), 'koi8-r');
    expect(parseWireFeed(bytes, 'application/xml; charset=KOI8-R', 'https://vt.example/rss').items[0]!.title).toBe(RU);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rss('windows-1251'))]);
    expect(decodeText(bom, 'text/xml; charset=windows-1251').charset).toBe('utf-8');
  });
  // feedparser's test corpus (tests/encoding/utf-16le.xml, utf-16be-autodetect.xml): a UTF-16 feed without a byte order
  // mark was decoded as UTF-8 (its bytes are ASCII and zeros) and refused as "not RSS, Atom or JSON Feed".
  it('regression: reads a UTF-16 feed without a byte order mark, either byte order, whatever the header says', () => {
    const le = Buffer.from(rss('utf-16'), 'utf16le');
    const be = Buffer.from(rss('utf-16'), 'utf16le').swap16();
    for (const [bytes, charset] of [
      [le, 'utf-16le'],
      [be, 'utf-16be'],
    ] as const) {
      expect(decodeText(bytes, 'application/rss+xml; charset=utf-8').charset).toBe(charset);
      expect(parseWireFeed(bytes, null, 'https://vt.example/rss').items[0]).toMatchObject({ title: RU, guid: 'vt-1' });
    }
  });
  it('reads ISO-8859-1 by its header and by detection', () => {
    const body = 'Café au lait à Genève: être ou ne pas être';
    const bytes = iconv.encode(rss('iso-8859-1', body).replace(' encoding="iso-8859-1"', ''), 'iso-8859-1');
    expect(decodeText(bytes, null).charset).toBe('iso-8859-1');
    expect(parseWireFeed(bytes, 'text/xml; charset=ISO-8859-1', 'https://x.example/').items[0]!.title).toBe(body);
  });
});

describe('feed formats and URLs', () => {
  it('reads Atom, resolving links and the text against xml:base (feed, then entry)', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://b.example/news/"><title>B</title><id>b</id><updated>2026-01-01T00:00:00Z</updated>
      <entry xml:base="2026/"><id>tag:b,1</id><title type="html">A &lt;b&gt;bold&lt;/b&gt; claim</title><link rel="alternate" href="story.html"/><updated>2026-01-02T00:00:00Z</updated>
      <author><name>Bob</name></author><content type="html">&lt;p&gt;See &lt;a href="../other.html"&gt;this&lt;/a&gt; and &lt;img src="/i.png"&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;</content></entry></feed>`;
    const [e] = parseWireFeed(Buffer.from(atom), 'application/atom+xml', 'https://b.example/atom.xml').items;
    expect(e).toMatchObject({
      guid: 'tag:b,1',
      link: 'https://b.example/news/2026/story.html',
      title: 'A bold claim',
      author: 'Bob',
      publishedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(e!.contentHtml).toBe('<p>See <a href="https://b.example/news/other.html">this</a> and <img src="https://b.example/i.png" alt="" /></p>');
  });
  it('reads RSS 1.0 (RDF) and resolves a relative RSS link against the feed address', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://c.example/"><title>C</title><link>https://c.example/</link><description>d</description></channel>
      <item rdf:about="https://c.example/1"><title>One</title><link>https://c.example/1</link><description>first</description><dc:date>2026-01-01T10:00:00Z</dc:date><dc:creator>Cy</dc:creator></item></rdf:RDF>`;
    expect(parseWireFeed(Buffer.from(rdf), null, 'https://c.example/rdf').items[0]).toMatchObject({
      guid: 'https://c.example/1',
      title: 'One',
      author: 'Cy',
      summary: 'first',
    });
    const rel = rss('utf-8').replace('https://vt.example/news/1', '/news/rel');
    expect(parseWireFeed(Buffer.from(rel), null, 'https://feeds.vt.example/rss').items[0]!.link).toBe('https://feeds.vt.example/news/rel');
  });
  it('reads JSON Feed', () => {
    const json = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      language: 'kk',
      items: [{ id: 7, url: 'https://d.example/7', title: 'Seven', content_text: 'a\n\nb', authors: [{ name: 'Di' }], date_published: '2026-01-01T00:00:00Z' }],
    };
    expect(parseWireFeed(Buffer.from(JSON.stringify(json)), 'application/feed+json', 'https://d.example/feed.json').items[0]).toMatchObject({
      guid: '7',
      contentHtml: '<p>a</p><p>b</p>',
      language: 'kk',
      author: 'Di',
    });
  });
  it('refuses an HTML page, naming the feed it links to, and garbage, with FEED_NOT_A_FEED', () => {
    const page = '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>News</body></html>';
    expect(() => parseWireFeed(Buffer.from(page), 'text/html', 'https://vt.example/')).toThrow(
      expect.objectContaining({ code: 'FEED_NOT_A_FEED', details: expect.objectContaining({ kind: 'html', suggested: 'https://vt.example/rss.xml' }) }),
    );
    expect(() => parseWireFeed(Buffer.from([0, 1, 2, 250, 251, 7]), null, 'https://vt.example/x')).toThrow(
      expect.objectContaining({ code: 'FEED_NOT_A_FEED' }),
    );
    expect(() => parseWireFeed(Buffer.from('<rss><channel><item>'), null, 'https://vt.example/x')).not.toThrow(/at /);
  });
  it('keys links so that one story under two guids is recognised', () => {
    expect(linkKey('https://www.vt.example/news/1/#top')).toBe(linkKey('http://vt.example/news/1'));
    expect(linkKey('https://vt.example/news/1?id=2')).not.toBe(linkKey('https://vt.example/news/1?id=3'));
  });
});

describe('article extraction', () => {
  it("finds a page's article text and leaves the navigation out", () => {
    const para = 'Суд Алматы отменил решение акимата о сносе жилых домов в микрорайоне, сообщили участники процесса. '.repeat(4);
    const page = `<html><head><title>Story</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Story</h1><p>${para}</p><p>${para}</p><p><a href="/more">More</a></p></article><footer>© VT</footer><script>evil()</script></body></html>`;
    const out = extractArticle(Buffer.from(page), 'text/html; charset=utf-8', 'https://vt.example/news/1');
    expect(out!.html).toContain('Суд Алматы отменил');
    expect(out!.html).toContain('href="https://vt.example/more"');
    expect(out!.html).not.toMatch(/Home|evil|©/);
    expect(extractArticle(Buffer.from('<html><body><p>tiny</p></body></html>'), null, 'https://vt.example/2')).toBeNull();
  });
});
