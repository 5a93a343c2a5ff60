import { describe, expect, it } from 'vitest';
import type { Doc } from '../content/document.js';
import type { Deps } from './deps.js';
import { bodyImageImporter } from './import-body-images.js';

// Without a media folder nothing is looked up or written: the deps are never used.
const localize = bodyImageImporter({} as Deps, undefined, () => null);
const text = (t: string) => ({ type: 'paragraph', content: [{ type: 'text', text: t }] });

describe('bodyImageImporter', () => {
  // The save takes the converter's document as it is when nothing in it changes (no copy of a post's blocks).
  it('gives a body without images back as the same object', async () => {
    const doc = { type: 'doc', content: [text('One.'), { type: 'blockquote', content: [text('Two.')] }] } as unknown as Doc;
    const got = await localize(doc);
    expect(got.doc).toBe(doc);
    expect(got.kept).toEqual([]);
  });

  it('lists an image it keeps at its address, and leaves the blocks around it as they were', async () => {
    const quote = { type: 'blockquote', content: [text('Two.')] };
    const image = { type: 'image', attrs: { src: 'https://elsewhere.example/a.jpg', alt: '' } };
    const doc = { type: 'doc', content: [text('One.'), quote, image] } as unknown as Doc;
    const got = await localize(doc);
    expect(got.kept).toEqual(['https://elsewhere.example/a.jpg']);
    expect(got.doc.content[1]).toBe(quote);
    expect(got.doc).toEqual(doc);
  });
});
