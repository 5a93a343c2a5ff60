import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { bodyExtensions } from '../content/body-extensions.js';
import type { Block, Doc, Inline, ListItem, Mark, Paragraph, TextNode } from '../content/document.js';
import { documentIssues } from '../content/document-validate.js';
import { renderDocument } from '../render/document-html.js';
import { demoContent } from './demo-content.js';
import { docFromMarkup } from './markup.js';

const t = (text: string, ...marks: (Mark['type'] | Mark)[]): TextNode => {
  const m = marks.map((x) => (typeof x === 'string' ? { type: x } : x) as Mark);
  return m.length ? { type: 'text', text, marks: m } : { type: 'text', text };
};
const link = (href: string): Mark => ({ type: 'link', attrs: { href } });
const p = (...content: Inline[]): Paragraph => ({ type: 'paragraph', content });
const h = (level: 2 | 3, ...content: Inline[]): Block => ({ type: 'heading', attrs: { level }, content });
const li = (...content: Inline[]): ListItem => ({ type: 'listItem', content: [p(...content)] });
const doc = (...content: Block[]): Doc => ({ type: 'doc', content });
/** Inline content of the single paragraph `markup` makes. */
const inline = (markup: string): Inline[] => {
  const d = docFromMarkup(markup);
  expect(d.content).toHaveLength(1);
  const [block] = d.content;
  expect(block?.type).toBe('paragraph');
  return (block as { content?: Inline[] }).content ?? [];
};

// The real editor schema: content expressions, allowed marks and their order are all checked.
// The editor's schema (StarterKit with h2/h3, and our image, table, pull quote, embed and fact box nodes).
const schema = getSchema(bodyExtensions());
const checkSchema = (d: Doc): void => schema.nodeFromJSON(d).check();

function textNodes(n: unknown, out: TextNode[] = []): TextNode[] {
  if (typeof n !== 'object' || n === null) return out;
  const node = n as { type?: string; content?: unknown[] };
  if (node.type === 'text') out.push(node as TextNode);
  for (const c of node.content ?? []) textNodes(c, out);
  return out;
}

describe('docFromMarkup: blocks', () => {
  it('turns blank-line-separated text into paragraphs, joining consecutive lines with a space', () => {
    expect(docFromMarkup('One line\nand its continuation.\n\nSecond paragraph.')).toEqual(
      doc(p(t('One line and its continuation.')), p(t('Second paragraph.'))),
    );
  });

  it('makes h2 and h3 headings', () => {
    expect(docFromMarkup('## Sub\n\n### Smaller')).toEqual(doc(h(2, t('Sub')), h(3, t('Smaller'))));
  });

  it('keeps "#", "####" and "##text" as paragraph text', () => {
    expect(docFromMarkup('# One\n\n#### Four\n\n##Tight')).toEqual(doc(p(t('# One')), p(t('#### Four')), p(t('##Tight'))));
  });

  it('makes one blockquote of consecutive "> " lines, one paragraph per line', () => {
    expect(docFromMarkup('> First\n> Second\n\n> Another')).toEqual(
      doc({ type: 'blockquote', content: [p(t('First')), p(t('Second'))] }, { type: 'blockquote', content: [p(t('Another'))] }),
    );
  });

  it('makes bullet and ordered lists of consecutive lines, each item a listItem > paragraph', () => {
    expect(docFromMarkup('- one\n- two\n\n1. first\n2. second')).toEqual(
      doc({ type: 'bulletList', content: [li(t('one')), li(t('two'))] }, { type: 'orderedList', content: [li(t('first')), li(t('second'))] }),
    );
  });

  it('keeps the start number of an ordered list that does not start at 1', () => {
    expect(docFromMarkup('3. three\n4. four')).toEqual(doc({ type: 'orderedList', attrs: { start: 3 }, content: [li(t('three')), li(t('four'))] }));
  });

  it('makes a horizontal rule of "---"', () => {
    expect(docFromMarkup('Before\n\n---\n\nAfter')).toEqual(doc(p(t('Before')), { type: 'horizontalRule' }, p(t('After'))));
  });

  it('places a named block on an "@name" line; an unknown name stays text', () => {
    const box: Block = { type: 'factBox', attrs: { title: 'T' }, content: [p(t('f'))] };
    expect(docFromMarkup('Intro\n@box\nOutro\n\n@nope', { box })).toEqual(doc(p(t('Intro')), box, p(t('Outro')), p(t('@nope'))));
  });

  it('ends a block when a line of another kind follows without a blank line', () => {
    expect(docFromMarkup('Intro\n- a\n- b\n1. c\n> q\nOutro\n## H\nText')).toEqual(
      doc(
        p(t('Intro')),
        { type: 'bulletList', content: [li(t('a')), li(t('b'))] },
        { type: 'orderedList', content: [li(t('c'))] },
        { type: 'blockquote', content: [p(t('q'))] },
        p(t('Outro')),
        h(2, t('H')),
        p(t('Text')),
      ),
    );
  });

  it('trims the indentation of template literals, CRLF line ends and extra blank lines', () => {
    const markup = `
      ## Heading

        First line
        second line


      - item\r
      > quote
    `;
    expect(docFromMarkup(markup)).toEqual(
      doc(
        h(2, t('Heading')),
        p(t('First line second line')),
        { type: 'bulletList', content: [li(t('item'))] },
        { type: 'blockquote', content: [p(t('quote'))] },
      ),
    );
  });

  it('gives an empty document for empty or blank input', () => {
    expect(docFromMarkup('')).toEqual(doc());
    expect(docFromMarkup(' \n\n\t\n')).toEqual(doc());
  });

  it('drops quotes without text; stars with nothing inside stay literal', () => {
    expect(docFromMarkup('>\n>')).toEqual(doc());
    expect(docFromMarkup('## ****')).toEqual(doc(h(2, t('****'))));
    expect(docFromMarkup('- a\n- ****')).toEqual(doc({ type: 'bulletList', content: [li(t('a')), li(t('****'))] }));
  });
});

describe('docFromMarkup: inline', () => {
  it('gives text without markup as a single unmarked text node', () => {
    expect(inline('Just words, 15% of them.')).toEqual([t('Just words, 15% of them.')]);
  });

  it('marks **bold** and *italic*', () => {
    expect(inline('a **bold** and *italic* word')).toEqual([t('a '), t('bold', 'bold'), t(' and '), t('italic', 'italic'), t(' word')]);
  });

  it('makes links, whose label may hold bold and italic', () => {
    expect(inline('See [the site](https://example.org/a?b=1).')).toEqual([t('See '), t('the site', link('https://example.org/a?b=1')), t('.')]);
    const href = link('https://x.example');
    expect(inline('[**Big** and *small*](https://x.example)')).toEqual([t('Big', href, 'bold'), t(' and ', href), t('small', href, 'italic')]);
  });

  it('nests links and italic inside bold, and bold inside italic', () => {
    const href = link('https://x.example');
    expect(inline('**read [this](https://x.example) *now***')).toEqual([
      t('read ', 'bold'),
      t('this', href, 'bold'),
      t(' ', 'bold'),
      t('now', 'bold', 'italic'),
    ]);
    expect(inline('*very **much** so*')).toEqual([t('very ', 'italic'), t('much', 'bold', 'italic'), t(' so', 'italic')]);
    expect(inline('***both***')).toEqual([t('both', 'bold', 'italic')]);
  });

  it('merges adjacent text with the same marks', () => {
    expect(inline('**a****b**')).toEqual([t('ab', 'bold')]);
    expect(inline('**a *b* c**')).toEqual([t('a ', 'bold'), t('b', 'bold', 'italic'), t(' c', 'bold')]);
    expect(inline('**outer *inner* outer**')).toEqual([t('outer ', 'bold'), t('inner', 'bold', 'italic'), t(' outer', 'bold')]);
    expect(inline('[a](https://x.example)[b](https://x.example)')).toEqual([t('ab', link('https://x.example'))]);
    expect(inline('[a](https://x.example)[b](https://y.example)')).toEqual([t('a', link('https://x.example')), t('b', link('https://y.example'))]);
  });

  it('keeps unclosed markers as literal text', () => {
    expect(inline('an *unclosed marker')).toEqual([t('an *unclosed marker')]);
    expect(inline('an **unclosed marker')).toEqual([t('an **unclosed marker')]);
    expect(inline('**bold*')).toEqual([t('**bold*')]);
    expect(inline('closed *here* but *not')).toEqual([t('closed '), t('here', 'italic'), t(' but *not')]);
  });

  it('does not treat spaced-out stars as emphasis', () => {
    expect(inline('2 * 3 * 4')).toEqual([t('2 * 3 * 4')]);
    expect(inline('a ** b ** c')).toEqual([t('a ** b ** c')]);
    expect(inline('*')).toEqual([t('*')]);
  });

  it('keeps brackets that are not a whole link as text', () => {
    expect(inline('[draft] and [x] (y) and [z](has space)')).toEqual([t('[draft] and [x] (y) and [z](has space)')]);
  });

  it('does not close emphasis inside a link label', () => {
    expect(inline('*a [b* c](https://x.example)')).toEqual([t('*a '), t('b* c', link('https://x.example'))]);
  });

  it('handles Cyrillic text and curly quotes', () => {
    expect(inline('«Ночные поезда», — сказал **Ерболат Жумагулов** на *пресс-конференции*.')).toEqual([
      t('«Ночные поезда», — сказал '),
      t('Ерболат Жумагулов', 'bold'),
      t(' на '),
      t('пресс-конференции', 'italic'),
      t('.'),
    ]);
    expect(inline('“A driver,” he said, ‘should *not* wait.’')).toEqual([t('“A driver,” he said, ‘should '), t('not', 'italic'), t(' wait.’')]);
    expect(inline('Данные на [сайте лаборатории](https://lab.example/данные).')).toEqual([
      t('Данные на '),
      t('сайте лаборатории', link('https://lab.example/данные')),
      t('.'),
    ]);
  });

  it('works in headings, quotes and list items', () => {
    expect(docFromMarkup('## A **b**\n\n> *q*\n\n- [l](https://x.example)')).toEqual(
      doc(
        h(2, t('A '), t('b', 'bold')),
        { type: 'blockquote', content: [p(t('q', 'italic'))] },
        { type: 'bulletList', content: [li(t('l', link('https://x.example')))] },
      ),
    );
  });

  it('produces documents the editor schema accepts, marks in rank order', () => {
    const d = docFromMarkup('## H **b**\n\n*a **b [c](https://x.example)***\n\n> q\n> r\n\n- x\n- ****\n\n5. y\n\n---\n\n[***all***](https://x.example)');
    expect(() => checkSchema(d)).not.toThrow();
  });
});

describe('docFromMarkup: the bundled demo content', () => {
  const versions = demoContent.stories.flatMap((s) => s.versions.map((v) => ({ label: `${s.key}/${v.locale}`, body: v.body, blocks: v.blocks })));

  it('has versions to check', () => {
    expect(versions.length).toBeGreaterThan(0);
  });

  it('uses every body node type somewhere', () => {
    const types = new Set(versions.flatMap(({ body, blocks }) => docFromMarkup(body, blocks).content.map((b) => b.type)));
    for (const type of ['paragraph', 'heading', 'blockquote', 'bulletList', 'pullQuote', 'embed', 'table', 'factBox']) expect(types).toContain(type);
  });

  it.each(versions)('$label parses into valid, fully rendered blocks', ({ body, blocks }) => {
    const d = docFromMarkup(body, blocks);
    expect(documentIssues(d)).toEqual([]);
    expect(JSON.stringify(d)).not.toMatch(/"text":"@/);
    expect(d.content.length).toBeGreaterThanOrEqual(2);
    for (const n of textNodes(d)) expect(n.text.length).toBeGreaterThan(0);
    expect(() => checkSchema(d)).not.toThrow();
    const html = renderDocument(d);
    expect(html).not.toContain('**');
    expect(html).not.toContain('](');
    expect(html).not.toMatch(/(^|>)\s*(#{2,3}|&gt;|- |---)\s/);
  });
});
