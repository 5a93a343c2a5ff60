import { describe, expect, it } from 'vitest';
import { readWxr, WxrError, type WxrRecord } from './wxr-reader.js';
import { POST, wxr } from '#test/wxr.js';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function readAll(text: string, size = 64 * 1024): Promise<{ records: WxrRecord[]; error: unknown }> {
  const records: WxrRecord[] = [];
  try {
    for await (const r of readWxr(chunked(text, size))) records.push(r);
    return { records, error: null };
  } catch (error) {
    return { records, error };
  }
}

describe('readWxr', () => {
  it('reads the site, authors, categories, tags and a post with its terms and postmeta, comments left out', async () => {
    const { records, error } = await readAll(wxr());
    expect(error).toBeNull();
    expect(records.map((r) => r.kind)).toEqual(['site', 'author', 'category', 'category', 'tag', 'item']);
    const [site, author, , asia, tag, item] = records as [
      Extract<WxrRecord, { kind: 'site' }>,
      Extract<WxrRecord, { kind: 'author' }>,
      unknown,
      Extract<WxrRecord, { kind: 'category' }>,
      Extract<WxrRecord, { kind: 'tag' }>,
      Extract<WxrRecord, { kind: 'item' }>,
    ];
    expect(site.site).toMatchObject({ title: 'Степной курьер', language: 'ru-RU', wxrVersion: '1.2', baseSiteUrl: 'https://courier.example' });
    expect(author.author).toMatchObject({ id: '2', login: 'ngrishina', displayName: 'Наталья Гришина' });
    expect(asia.category).toMatchObject({ slug: '%d0%b0%d0%b7%d0%b8%d1%8f', parent: 'world', name: 'Азия' });
    expect(tag.tag).toMatchObject({ slug: 'trade', name: 'Trade & tariffs' });
    expect(item.item).toMatchObject({
      postId: '41',
      postType: 'post',
      title: 'Переговоры в Тобыргане',
      creator: 'ngrishina',
      excerpt: 'Коротко',
      postDateGmt: '2026-11-30 08:00:00',
      status: 'publish',
      isSticky: true,
      meta: { _thumbnail_id: '55' },
      terms: [
        { domain: 'category', slug: '%d0%b0%d0%b7%d0%b8%d1%8f', name: 'Азия' },
        { domain: 'post_tag', slug: 'trade', name: 'Trade & tariffs' },
      ],
      oversized: [],
    });
    expect(item.item.content).toContain('<p>Первый абзац &amp; «кавычки».</p>');
    expect(item.item.content).not.toContain('Not the post');
  });

  it('gives the same records whatever the chunk size, a CDATA section or a Cyrillic word split between two chunks', async () => {
    const whole = await readAll(wxr());
    for (const size of [1, 7, 13, 100]) expect(await readAll(wxr(), size)).toEqual(whole);
  });

  it('reads WXR 1.0 and 1.1 (their own namespace URIs), and CRLF line ends', async () => {
    for (const version of ['1.0', '1.1']) {
      const { records, error } = await readAll(wxr({ version }).replace(/\n/g, '\r\n'));
      expect(error).toBeNull();
      expect(records.at(-1)).toMatchObject({ kind: 'item', item: { postId: '41', status: 'publish' } });
    }
  });

  // WordPress.com writes its namespaces with https (wordpress-importer's theme-unit-test-data.xml, a real export, has
  // `xmlns:wp="https://wordpress.org/export/1.2/"`); the reader took such a file for a plain RSS feed and refused it.
  it('regression: reads a WordPress.com export, whose namespace URIs are https, as the same records', async () => {
    const plain = await readAll(wxr());
    const dotCom = await readAll(wxr({ ns: 'https://wordpress.org/export/1.2/' }));
    expect(dotCom.error).toBeNull();
    expect(dotCom.records).toEqual(plain.records);
    expect(dotCom.records.at(-1)).toMatchObject({ kind: 'item', item: { postId: '41', status: 'publish' } });
    // The excerpt's namespace too; and only WordPress's own host: a lookalike is still a foreign namespace.
    expect(dotCom.records.at(-1)).toMatchObject({ item: { excerpt: 'Коротко' } });
    const lookalike = await readAll(wxr({ ns: 'https://wordpress.org.example/export/1.2/' }));
    expect((lookalike.error as Error).message).toMatch(/RSS feed, not a WordPress export/);
  });

  it('refuses an unknown export version, an RSS feed that is not an export and a file of another root, naming why', async () => {
    const v = await readAll(wxr({ version: '1.2', items: '' }).replace('<wp:wxr_version>1.2', '<wp:wxr_version>2.0'));
    expect(v.error).toBeInstanceOf(WxrError);
    expect((v.error as Error).message).toMatch(/Unknown WordPress export version "2.0"/);
    const feed = await readAll('<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><item><title>x</title></item></channel></rss>');
    expect((feed.error as Error).message).toMatch(/RSS feed, not a WordPress export/);
    expect(feed.records).toEqual([]);
    const other = await readAll('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>');
    expect((other.error as Error).message).toMatch(/root element is <feed>/);
  });

  it('stops at a truncated file or a broken CDATA section with the line, after handing on every whole item before it', async () => {
    const second = POST.replace('<wp:post_id>41', '<wp:post_id>42');
    const file = wxr({ items: POST + second });
    const cut = file.slice(0, file.indexOf('<wp:post_id>42') + 5);
    const t = await readAll(cut, 50);
    expect(t.error).toBeInstanceOf(WxrError);
    expect((t.error as WxrError).line).toBeGreaterThan(30);
    expect((t.error as Error).message).toMatch(/not well-formed XML/);
    expect(t.records.filter((r) => r.kind === 'item').map((r) => (r as Extract<WxrRecord, { kind: 'item' }>).item.postId)).toEqual(['41']);

    const broken = wxr({ items: POST + second.replace(']]></content:encoded>', '</content:encoded>') });
    const b = await readAll(broken, 50);
    expect(b.error).toBeInstanceOf(WxrError);
    expect(b.records.filter((r) => r.kind === 'item')).toHaveLength(1);

    const empty = await readAll('');
    expect(empty.error).toBeInstanceOf(WxrError);
  });

  it('cuts a field longer than the limit and names it, so that the item is reported and the file read on', async () => {
    const big = POST.replace('Первый абзац', 'x'.repeat(5000));
    const records: WxrRecord[] = [];
    for await (const r of readWxr(chunked(wxr({ items: big + POST.replace('<wp:post_id>41', '<wp:post_id>43') }), 512), { maxFieldChars: 1000 }))
      records.push(r);
    const items = records.flatMap((r) => (r.kind === 'item' ? [r.item] : []));
    expect(items.map((i) => [i.postId, i.oversized, i.content.length > 0])).toEqual([
      ['41', ['content:encoded'], false],
      ['43', [], true],
    ]);
  });

  it('regression: reports an item with a huge attribute, too many terms or a cut postmeta value instead of passing it on quietly', async () => {
    const many = Array.from({ length: 600 }, (_, i) => `<category domain="post_tag" nicename="t${i}"><![CDATA[T${i}]]></category>`).join('');
    const items = [
      POST.replace('<wp:post_id>41', '<wp:post_id>51').replace('nicename="trade"', `nicename="${'x'.repeat(5000)}"`),
      POST.replace('<wp:post_id>41', '<wp:post_id>52').replace('<wp:is_sticky>1</wp:is_sticky>', `<wp:is_sticky>1</wp:is_sticky>${many}`),
      POST.replace('<wp:post_id>41', '<wp:post_id>53').replace('<![CDATA[55]]>', `<![CDATA[${'9'.repeat(2000)}]]>`),
    ].join('');
    const records: WxrRecord[] = [];
    for await (const r of readWxr(chunked(wxr({ items }), 512), { maxFieldChars: 1000 })) records.push(r);
    const got = records.flatMap((r) => (r.kind === 'item' ? [[r.item.postId, r.item.oversized, r.item.terms.length <= 500]] : []));
    expect(got).toEqual([
      ['51', ['category nicename'], true],
      ['52', ['category'], true],
      ['53', ['wp:postmeta _thumbnail_id'], true],
    ]);
  });

  it('keeps memory flat: a file of many items is handed on item by item, never held whole', async () => {
    const n = 3000;
    async function* many(): AsyncGenerator<string> {
      const [head, tail] = wxr({ items: '@@ITEMS@@' }).split('@@ITEMS@@') as [string, string];
      yield head;
      for (let i = 0; i < n; i++) yield POST.replace('<wp:post_id>41', `<wp:post_id>${1000 + i}`);
      yield tail;
    }
    let seen = 0;
    let maxQueued = 0;
    let pulled = 0;
    const source = (async function* () {
      for await (const c of many()) {
        pulled++;
        yield c;
      }
    })();
    for await (const r of readWxr(source)) {
      if (r.kind === 'item') seen++;
      // Records are yielded as their chunk is read: the reader is never more than a chunk ahead of its consumer.
      maxQueued = Math.max(maxQueued, pulled - 1 - seen);
    }
    expect(seen).toBe(n);
    expect(maxQueued).toBeLessThanOrEqual(1);
  });
});
