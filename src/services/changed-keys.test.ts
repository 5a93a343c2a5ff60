import { describe, expect, it } from 'vitest';
import { changedKeys } from './changed-keys.js';

const now = '2026-11-20T12:00:00.000Z';
const a = { id: 7, storyId: 3, locale: 'ru', sectionId: 5 };
const shown = { status: 'published', publishedAt: '2026-11-20T10:00:00.000Z', listing: '1|2|3' };

describe('changedKeys', () => {
  it.each([
    ['a draft saved', { ...shown, status: 'draft' }, { ...shown, status: 'draft' }, []],
    ['an edit of a visible story', shown, shown, ['a7', 's3', 'sec5-ru']],
    ['a publish', { ...shown, status: 'draft' }, shown, ['a7', 's3', 'sec5-ru', 'l-ru']],
    ['an unpublish', shown, { ...shown, status: 'unpublished' }, ['a7', 's3', 'sec5-ru', 'l-ru', 'gone-a7']],
    ['an archive', shown, { ...shown, status: 'archived' }, ['a7', 's3', 'sec5-ru', 'l-ru', 'gone-a7']],
    ['a new date', shown, { ...shown, publishedAt: '2026-11-19T10:00:00.000Z' }, ['a7', 's3', 'sec5-ru', 'l-ru']],
    ['a new tag', shown, { ...shown, listing: '1|2,4|3' }, ['a7', 's3', 'sec5-ru', 'l-ru']],
    ['a move to another section', { ...shown, sectionId: 2, listing: '2|2|3' }, shown, ['a7', 's3', 'sec2-ru', 'sec5-ru', 'l-ru']],
    ['a draft moved to another section', { ...shown, status: 'draft', sectionId: 2 }, { ...shown, status: 'draft' }, []],
    ['a publish into another section than the draft had', { ...shown, status: 'draft', sectionId: 2 }, shown, ['a7', 's3', 'sec5-ru', 'l-ru']],
    ['an unpublish while moving it', { ...shown, sectionId: 2 }, { ...shown, status: 'unpublished' }, ['a7', 's3', 'sec2-ru', 'l-ru', 'gone-a7']],
    ['an embargoed publish', { ...shown, status: 'draft' }, { ...shown, publishedAt: '2026-11-21T00:00:00.000Z' }, ['schedule']],
    [
      'a visible story pushed behind an embargo',
      shown,
      { ...shown, publishedAt: '2026-11-21T00:00:00.000Z' },
      ['a7', 's3', 'sec5-ru', 'l-ru', 'gone-a7', 'schedule'],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(changedKeys(a, before, after, now)).toEqual(expected);
  });

  it('treats a new story as coming from nothing', () => {
    expect(changedKeys(a, null, shown, now)).toEqual(['a7', 's3', 'sec5-ru', 'l-ru']);
  });
});
