/**
 * "Visible to readers": published, and its publication time has come. Pages, feeds, sitemaps, the Content API, the
 * page cache's invalidations and the admin's read check all mean this; db/visibility.ts is the same rule in SQL.
 */
export type PublicationState = { status: string; publishedAt: string | null };

export const isVisibleToReaders = (a: PublicationState, now: string): boolean => a.status === 'published' && a.publishedAt !== null && a.publishedAt <= now;

/** Published for a time still to come (an embargo or a schedule): readers see it from `publishedAt` on. */
export const isEmbargoed = (a: PublicationState, now: string): boolean => a.status === 'published' && a.publishedAt !== null && a.publishedAt > now;

/** Readers have seen it: visible now, or once visible and since taken down (unpublished, archived). */
export const wasSeenByReaders = (a: PublicationState, now: string): boolean =>
  ['published', 'unpublished', 'archived'].includes(a.status) && a.publishedAt !== null && a.publishedAt <= now;
