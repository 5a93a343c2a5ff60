import { describe, expect, it } from 'vitest';
import { STATUSES } from './types.js';
import { isEmbargoed, isVisibleToReaders, wasSeenByReaders } from './visibility.js';

const NOW = '2026-03-01T12:00:00.000Z';

describe('isVisibleToReaders', () => {
  it('holds for a published story whose time has come, the very moment included', () => {
    expect(isVisibleToReaders({ status: 'published', publishedAt: '2026-03-01T11:59:59.999Z' }, NOW)).toBe(true);
    expect(isVisibleToReaders({ status: 'published', publishedAt: NOW }, NOW)).toBe(true);
  });

  it('does not hold before the publication time (an embargo), nor without one', () => {
    expect(isVisibleToReaders({ status: 'published', publishedAt: '2026-03-01T12:00:00.001Z' }, NOW)).toBe(false);
    expect(isVisibleToReaders({ status: 'published', publishedAt: null }, NOW)).toBe(false);
  });

  it('does not hold for any other status, whatever the date', () => {
    for (const status of STATUSES.filter((s) => s !== 'published')) {
      expect(isVisibleToReaders({ status, publishedAt: '2020-01-01T00:00:00.000Z' }, NOW)).toBe(false);
    }
    expect(isVisibleToReaders({ status: 'scheduled', publishedAt: '2020-01-01T00:00:00.000Z' }, NOW)).toBe(false);
  });
});

describe('isEmbargoed', () => {
  it('is a published story whose time is still to come, and nothing else', () => {
    expect(isEmbargoed({ status: 'published', publishedAt: '2026-03-01T12:00:00.001Z' }, NOW)).toBe(true);
    expect(isEmbargoed({ status: 'published', publishedAt: NOW }, NOW)).toBe(false);
    expect(isEmbargoed({ status: 'published', publishedAt: null }, NOW)).toBe(false);
    expect(isEmbargoed({ status: 'draft', publishedAt: '2027-01-01T00:00:00.000Z' }, NOW)).toBe(false);
  });
});

describe('wasSeenByReaders', () => {
  it('holds for what is visible now and for what was visible and has been taken down', () => {
    for (const status of ['published', 'unpublished', 'archived']) {
      expect(wasSeenByReaders({ status, publishedAt: '2026-01-01T00:00:00.000Z' }, NOW)).toBe(true);
    }
  });

  it('does not hold for drafts, an embargo still to lift, or a story never dated', () => {
    expect(wasSeenByReaders({ status: 'draft', publishedAt: '2026-01-01T00:00:00.000Z' }, NOW)).toBe(false);
    expect(wasSeenByReaders({ status: 'in_review', publishedAt: null }, NOW)).toBe(false);
    expect(wasSeenByReaders({ status: 'published', publishedAt: '2027-01-01T00:00:00.000Z' }, NOW)).toBe(false);
    expect(wasSeenByReaders({ status: 'unpublished', publishedAt: null }, NOW)).toBe(false);
  });
});
