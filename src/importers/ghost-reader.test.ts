import { describe, expect, it } from 'vitest';
import { ghostBodyHtml } from './ghost-body.js';
import { GhostFileError, readGhost, type GhostRecord } from './ghost-reader.js';

async function* chunks(text: string, size = 7): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
const all = async (text: string, tables: string[], size?: number) => {
  const out: GhostRecord[] = [];
  for await (const r of readGhost(chunks(text, size), new Set(tables))) out.push(r);
  return out;
};
const error = (text: string) =>
  all(text, ['posts']).then(
    () => null,
    (e: unknown) => e as GhostFileError,
  );

describe('Ghost export reader', () => {
  it('hands on the rows of the tables asked for, in file order, in every shape Ghost wrote, whatever the chunking', async () => {
    const data = {
      posts: [
        { id: 'a', title: 'Один' },
        { id: 'b', title: 'Два', nested: { x: [1, { y: 'z' }] } },
      ],
      users: [{ id: 'u' }],
      posts_tags: [{ post_id: 'a' }],
    };
    const meta = { version: '5.2.0', exported_on: 1 };
    for (const shape of [{ db: [{ meta, data }] }, { meta, data }, [{ meta, data }]]) {
      const rows = await all(JSON.stringify(shape), ['posts', 'posts_tags']);
      expect(rows).toEqual([
        { kind: 'meta', meta: { version: '5.2.0', exportedOn: 1 } },
        { kind: 'row', table: 'posts', row: data.posts[0] },
        { kind: 'row', table: 'posts', row: data.posts[1] },
        { kind: 'row', table: 'posts_tags', row: data.posts_tags[0] },
      ]);
    }
  });

  it('does not mistake a nested "data" or "meta" key inside a row for the export', async () => {
    const text = JSON.stringify({ meta: { version: '003' }, data: { posts: [{ id: 1, meta: { version: 'x' }, data: { posts: [{ id: 'fake' }] } }] } });
    const rows = (await all(text, ['posts'])).filter((r) => r.kind === 'row');
    expect(rows).toHaveLength(1);
  });

  it('names the byte offset and line where a file breaks, and refuses what is not a known Ghost export', async () => {
    const broken = '{"meta": {"version": "4.1.0"},\n"data": {"posts": [\n{"id": 1},\n{"id": 2,, }]}}';
    const e = await error(broken);
    expect(e).toBeInstanceOf(GhostFileError);
    expect(e!.message).toMatch(/invalid JSON/);
    expect(e!.line).toBeGreaterThanOrEqual(3);
    expect(e!.byte).toBeGreaterThan(30);
    expect((await error('{"meta": {"version": "4.1.0"}, "data": {"posts": [{"id": 1}'))!.message).toMatch(/invalid JSON|truncated/);
    expect((await error('"just a string"'))!.message).toMatch(/not a Ghost export/);
    expect((await error('{"meta": {"version": "4.1.0"}}'))!.message).toMatch(/no "data"/);
    expect((await error('{"data": {"posts": []}}'))!.message).toMatch(/no "meta"/);
    expect((await error('{"meta": {"version": "banana"}, "data": {}}'))!.message).toMatch(/unknown Ghost export version "banana"/);
  });
});

describe('Ghost post body', () => {
  it('prefers html, renders lexical nested lists and escapes text, drops javascript: links', () => {
    expect(ghostBodyHtml({ html: '<p>x</p>', lexical: '{}' })).toMatchObject({ source: 'html', html: '<p>x</p>' });
    const lexical = JSON.stringify({
      root: {
        children: [
          {
            type: 'list',
            listType: 'number',
            children: [
              {
                type: 'listitem',
                children: [
                  { type: 'text', text: '<b>один</b>' },
                  { type: 'list', listType: 'bullet', children: [{ type: 'listitem', children: [{ type: 'text', text: 'вложенный' }] }] },
                ],
              },
            ],
          },
          { type: 'paragraph', children: [{ type: 'link', url: 'javascript:alert(1)', children: [{ type: 'text', text: 'клик' }] }] },
        ],
      },
    });
    const body = ghostBodyHtml({ lexical });
    expect(body.html).toBe('<ol><li>&lt;b&gt;один&lt;/b&gt;<ul><li>вложенный</li></ul></li></ol>\n<p><a href="">клик</a></p>');
    expect(ghostBodyHtml({ mobiledoc: '{not json' })).toMatchObject({ html: '', warnings: [expect.stringMatching(/not valid JSON/)] });
  });
});
