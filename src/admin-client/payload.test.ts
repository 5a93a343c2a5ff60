import { describe, expect, it } from 'vitest';
import { canonical, fieldsThatDiffer, payloadOf, workingCopy } from './payload.js';

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

describe('workingCopy', () => {
  it("is a live story's pending version while one waits, at the article's latest revision", () => {
    const live = { id: 1, revision: 5, headline: 'Live', slug: 'live', tags: [{ id: 1, name: 'A' }], pendingChanges: null };
    expect(workingCopy(live)).toBe(live);
    const waiting = { ...live, revision: 7, pendingChanges: { revision: 7, content: { headline: 'Pending', slug: 'live', tags: [{ id: 2, name: 'B' }] } } };
    expect(workingCopy(waiting)).toMatchObject({ id: 1, revision: 7, headline: 'Pending', tags: [{ id: 2, name: 'B' }] });
    expect(payloadOf(workingCopy(waiting)).headline).toBe('Pending');
  });
});
