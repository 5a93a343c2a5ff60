import { describe, expect, it } from 'vitest';
import { canonical, fieldsThatDiffer, payloadOf } from './payload.js';

describe('payloadOf', () => {
  it('keeps the fields a save sends, with missing ones as null or empty', () => {
    const p = payloadOf({
      id: 7,
      revision: 3,
      headline: 'H',
      slug: 'h',
      sectionId: 2,
      bylines: [{ contributorId: 4, role: 'author', name: 'A' }],
      hero: { mediaId: 9, alt: 'x' },
    });
    expect(p).toEqual({
      headline: 'H',
      deck: null,
      slug: 'h',
      body: undefined,
      dateline: null,
      sectionId: 2,
      tagIds: [],
      bylines: [{ contributorId: 4, role: 'author' }],
      hero: { mediaId: 9, alt: 'x', caption: null, credit: null },
      source: null,
      seoTitle: null,
      seoDescription: null,
      canonicalUrl: null,
    });
  });
});

describe('canonical', () => {
  it('ignores key order and empty values, so a lost answer to a save compares equal to what was sent', () => {
    expect(canonical({ b: 1, a: { d: '', c: [1, null] } })).toBe(canonical({ a: { c: [1, null], e: null }, b: 1 }));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: 2 }));
  });
});

describe('fieldsThatDiffer', () => {
  it('names the differing fields in the form’s order, a missing value equal to null', () => {
    expect(fieldsThatDiffer({ headline: 'A', deck: null, tagIds: [1] }, { headline: 'B', tagIds: [1, 2] })).toEqual(['headline', 'tagIds']);
  });
});
