import { describe, expect, it } from 'vitest';
import type { Doc } from './document.js';
import { documentIssues, withoutBreakMarks } from './document-validate.js';
import { documentJson, sealDocument, sealOf } from './sealed-documents.js';

const rich = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Степь «ветер» \\ "quoted" \u2028 line' }] },
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Bold ', marks: [{ type: 'bold' }] },
        { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://example.org/a?b=1&c=ä', title: null } }] },
        { type: 'hardBreak' },
        { type: 'text', text: 'emoji 🌾 and \u0000-free text' },
      ],
    },
    { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] }] },
    { type: 'image', attrs: { src: 'https://example.org/x.jpg', alt: '', title: null, caption: null, credit: null, mediaId: null } },
  ],
} as unknown as Doc;

describe('sealed documents', () => {
  it('are the document of their text, frozen all the way down', () => {
    const json = JSON.stringify(rich);
    const doc = sealDocument(json, true);
    expect(doc).toEqual(rich);
    const all: unknown[] = [];
    const walk = (x: unknown) => {
      if (typeof x !== 'object' || x === null) return;
      all.push(x);
      Object.values(x).forEach(walk);
    };
    walk(doc);
    expect(all.length).toBeGreaterThan(15);
    expect(all.every((x) => Object.isFrozen(x))).toBe(true);
    // Module code is strict: a write throws rather than being lost.
    expect(() => (doc.content as unknown[]).push({ type: 'horizontalRule' })).toThrow(TypeError);
    expect(() => {
      (doc.content[1] as unknown as { content: { text: string }[] }).content[0]!.text = 'changed';
    }).toThrow(TypeError);
  });

  it('give back the text they came as, which is what JSON.stringify writes of them; other documents are stringified', () => {
    const json = JSON.stringify(rich);
    const doc = sealDocument(json, true);
    expect(documentJson(doc)).toBe(json);
    expect(documentJson(doc)).toBe(JSON.stringify(doc));
    const copy = { ...doc, content: [...doc.content] };
    expect(sealOf(copy)).toBeUndefined();
    expect(documentJson(copy)).toBe(JSON.stringify(copy));
  });

  it('take the worker’s check only when it found nothing: a document it found fault with is checked again here', () => {
    const bad = {
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }],
    };
    expect(documentIssues(bad).length).toBeGreaterThan(0);
    expect(documentIssues(sealDocument(JSON.stringify(bad), false))).toEqual(documentIssues(bad));
    const marked = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'hardBreak', marks: [{ type: 'bold' }] }] }] };
    const sealedMarked = sealDocument(JSON.stringify(marked), false);
    expect(withoutBreakMarks(sealedMarked)).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'hardBreak' }] }] });
    const clean = sealDocument(JSON.stringify(rich), true);
    expect(documentIssues(clean)).toEqual([]);
    expect(withoutBreakMarks(clean)).toBe(clean);
  });

  it('are refused when their text is not a JSON object', () => {
    expect(() => sealDocument('not json', true)).toThrow();
    expect(() => sealDocument('"a string"', true)).toThrow(TypeError);
    expect(() => sealDocument('null', true)).toThrow(TypeError);
  });
});
