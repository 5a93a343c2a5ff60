import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { bodyExtensions } from './body-extensions.js';
import { parseArticleInput } from '../services/article-input.js';
import { documentIssues, withoutBreakMarks } from './document-validate.js';

const p = (text: string, marks?: unknown[]) => ({ type: 'paragraph', content: [{ type: 'text', text, ...(marks ? { marks } : {}) }] });
const cell = (type: string, text: string) => ({ type, content: [p(text)] });
const every = {
  type: 'doc',
  content: [
    p('Lead', [{ type: 'link', attrs: { href: 'https://example.com/a' } }, { type: 'bold' }, { type: 'italic' }, { type: 'strike' }, { type: 'code' }]),
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'a' },
        { type: 'hardBreak' },
        { type: 'text', text: 'b', marks: [{ type: 'link', attrs: { href: 'mailto:desk@example.com' } }] },
      ],
    },
    { type: 'paragraph' },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'H2' }] },
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'H3' }] },
    { type: 'blockquote', content: [p('q')] },
    {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [p('a'), { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [p('b')] }] }] }],
    },
    { type: 'horizontalRule' },
    { type: 'image', attrs: { src: '/media/a.jpg', alt: 'A', caption: 'C', credit: 'AP', mediaId: 7 } },
    { type: 'pullQuote', attrs: { attribution: 'Ann' }, content: [{ type: 'text', text: 'Pulled' }] },
    { type: 'embed', attrs: { url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', provider: 'youtube' } },
    { type: 'embed', attrs: { url: 'https://x.com/a/status/1', provider: 'x' } },
    { type: 'embed', attrs: { url: 'https://t.me/channel/5', provider: 'telegram' } },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'h')] },
        { type: 'tableRow', content: [{ ...cell('tableCell', 'c'), attrs: { colspan: 2 } }] },
      ],
    },
    { type: 'factBox', attrs: { title: 'Facts' }, content: [p('f'), { type: 'bulletList', content: [{ type: 'listItem', content: [p('g')] }] }] },
  ],
};

describe('documentIssues', () => {
  it('accepts every node type of the schema', () => {
    expect(documentIssues(every)).toEqual([]);
    expect(documentIssues({ type: 'doc', content: [] })).toEqual([]);
    // What the editor holds while an editor is still writing: an untitled box, an empty pull quote, an empty row.
    const unfinished = {
      type: 'doc',
      content: [
        { type: 'factBox', attrs: { title: '' }, content: [{ type: 'paragraph' }] },
        { type: 'pullQuote', attrs: { attribution: null } },
        { type: 'table', content: [{ type: 'tableRow', content: [] }] },
      ],
    };
    expect(() => getSchema(bodyExtensions()).nodeFromJSON(unfinished).check()).not.toThrow();
    expect(documentIssues(unfinished)).toEqual([]);
  });

  it('accepts what the editor saves: its JSON with every default attr (nulls included)', () => {
    const saved = getSchema(bodyExtensions()).nodeFromJSON(every).toJSON() as unknown;
    expect(JSON.stringify(saved)).toContain('"colwidth":null');
    expect(JSON.stringify(saved)).toContain('"target":null');
    expect(documentIssues(saved)).toEqual([]);
  });

  const doc = (...content: unknown[]) => ({ type: 'doc', content });
  const refused: [string, unknown, string, RegExp][] = [
    ['an unknown node type', doc(p('ok'), p('ok'), p('ok'), { type: 'codeBlock', content: [] }), 'content[3].type', /unknown node type "codeBlock"/],
    [
      'a javascript: link',
      doc(p('x', [{ type: 'link', attrs: { href: ' JavaScript:alert(1)' } }])),
      'content[0].content[0].marks[0].attrs.href',
      /no javascript:/,
    ],
    ['a data: link', doc(p('x', [{ type: 'link', attrs: { href: 'data:text/html,<script>' } }])), 'content[0].content[0].marks[0].attrs.href', /links must be/],
    [
      'an embed of another host',
      doc(p('a'), p('b'), p('c'), { type: 'embed', attrs: { url: 'https://evil.example/watch?v=1', provider: 'youtube' } }),
      'content[3].attrs.url',
      /https links to YouTube/,
    ],
    ['an embed over http', doc({ type: 'embed', attrs: { url: 'http://youtu.be/x', provider: 'youtube' } }), 'content[0].attrs.url', /https/],
    ['an embed with the wrong provider', doc({ type: 'embed', attrs: { url: 'https://t.me/a/1', provider: 'x' } }), 'content[0].attrs.provider', /"telegram"/],
    ['a look-alike host', doc({ type: 'embed', attrs: { url: 'https://youtube.com.evil.example/x', provider: 'youtube' } }), 'content[0].attrs.url', /youtube/],
    ['an image with a javascript: src', doc({ type: 'image', attrs: { src: 'javascript:alert(1)', alt: '' } }), 'content[0].attrs.src', /image sources/],
    ['an image without src', doc({ type: 'image', attrs: { alt: 'x' } }), 'content[0].attrs.src', /required/],
    ['an unknown attribute', doc({ type: 'image', attrs: { src: '/a.jpg', onerror: 'alert(1)' } }), 'content[0].attrs.onerror', /unknown attribute/],
    ['heading level 1', doc({ type: 'heading', attrs: { level: 1 }, content: [] }), 'content[0].attrs.level', /one of 2, 3/],
    ['an unknown mark', doc(p('x', [{ type: 'underline' }])), 'content[0].content[0].marks[0].type', /unknown mark/],
    ['a block inside a paragraph', doc({ type: 'paragraph', content: [p('x')] }), 'content[0].content[0].type', /cannot stand here/],
    ['text at the top level', doc({ type: 'text', text: 'x' }), 'content[0].type', /cannot stand here/],
    [
      'a table cell holding an image',
      doc({ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'image', attrs: { src: '/a.jpg' } }] }] }] }),
      'content[0].content[0].content[0].content[0].type',
      /expected a paragraph/,
    ],
    ['an empty table', doc({ type: 'table', content: [] }), 'content[0].content', /at least one/],
    [
      'a bad colspan',
      doc({ type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 0 }, content: [p('x')] }] }] }),
      'content[0].content[0].content[0].attrs.colspan',
      /whole number/,
    ],
    ['a fact box title that is not text', doc({ type: 'factBox', attrs: { title: 5 }, content: [p('x')] }), 'content[0].attrs.title', /text/],
    ['an empty fact box', doc({ type: 'factBox', attrs: { title: 'T' }, content: [] }), 'content[0].content', /at least one/],
    [
      'a table in a fact box',
      doc({ type: 'factBox', attrs: { title: 'T' }, content: [{ type: 'table', content: [] }] }),
      'content[0].content[0].type',
      /paragraph or list/,
    ],
    ['an empty text node', doc({ type: 'paragraph', content: [{ type: 'text', text: '' }] }), 'content[0].content[0].text', /non-empty/],
    ['an extra field', doc({ type: 'horizontalRule', html: '<script>' }), 'content[0].html', /unknown field/],
    ['a node that is not an object', doc('<p>hi</p>'), 'content[0]', /node object/],
  ];
  it.each(refused)('refuses %s, naming its path', (_name, body, path, message) => {
    const issues = documentIssues(body);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
  });

  it('refuses hostile depth without overflowing the stack, and caps the number of issues', () => {
    let deep: unknown = p('x');
    for (let i = 0; i < 10_000; i++) deep = { type: 'blockquote', content: [deep] };
    expect(documentIssues(doc(deep))[0]!.message).toMatch(/nested more than 32/);
    const many = doc(...Array.from({ length: 100 }, () => ({ type: 'nope' })));
    expect(documentIssues(many)).toHaveLength(20);
  });

  it('refuses a body that is not a document', () => {
    for (const body of [null, 'x', [], { type: 'paragraph' }]) expect(documentIssues(body)[0]!.path).toBe('type');
  });
});

describe('article input', () => {
  it('refuses a bad body with VALIDATION_FAILED naming "body.content[3].attrs.url" and a hint', () => {
    const body = { type: 'doc', content: [p('a'), p('b'), p('c'), { type: 'embed', attrs: { url: 'https://evil.example/v', provider: 'youtube' } }] };
    const err = (() => {
      try {
        parseArticleInput({ locale: 'en', headline: 'H', sectionId: 1, body });
      } catch (e) {
        return e as { code: string; hint: string; message: string; details: { fields: Record<string, string> } };
      }
      throw new Error('accepted');
    })();
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toContain('body.content[3].attrs.url');
    expect(err.details.fields['body.content[3].attrs.url']).toMatch(/youtube\.com, youtu\.be, x\.com/);
    expect(err.hint).toBeTruthy();
  });

  it('a hard break with marks, as the editor gives a pasted "<b>a<br>b</b>", is saved without them (the save refused it)', () => {
    const bold = [{ type: 'bold' }];
    const marked = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a', marks: bold },
            { type: 'hardBreak', marks: bold },
          ],
        },
      ],
    };
    expect(documentIssues(marked)).toEqual([]);
    expect(parseArticleInput({ locale: 'en', headline: 'H', sectionId: 1, body: marked }).body).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: bold }, { type: 'hardBreak' }] }],
    });
    // Still marks: an unknown one on a break is refused as on text.
    expect(documentIssues({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'hardBreak', marks: [{ type: 'blink' }] }] }] })).toHaveLength(1);
  });

  it('drops marks from a break however deep, copying only then: a body without them is given back as it is', () => {
    const bold = [{ type: 'bold' }];
    const quote = (br: Record<string, unknown>) => ({
      type: 'doc',
      content: [{ type: 'blockquote', content: [p('x'), { type: 'paragraph', content: [{ type: 'text', text: 'a' }, br] }] }],
    });
    const marked = quote({ type: 'hardBreak', marks: bold });
    const before = JSON.stringify(marked);
    expect(withoutBreakMarks(marked)).toEqual(quote({ type: 'hardBreak' }));
    expect(JSON.stringify(marked)).toBe(before);
    const plain = quote({ type: 'hardBreak' });
    expect(withoutBreakMarks(plain)).toBe(plain);
    expect(withoutBreakMarks(every)).toEqual(every);
  });

  it('accepts a valid body of every node type', () => {
    expect(parseArticleInput({ locale: 'en', headline: 'H', sectionId: 1, body: every }).body).toEqual(every);
  });
});
