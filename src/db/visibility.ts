import type { ExpressionBuilder } from 'kysely';

/**
 * "Visible to readers" in SQL (content/visibility.ts `isVisibleToReaders` in JS): published and `published_at <= now`.
 * `table` is the table or alias whose `status` and `published_at` to read: `articles`, or a listing table
 * (article_tags, article_contributors) that copies them for date-ordered lists (see syncListing).
 */
// Kysely cannot type a reference built from a table name chosen by the caller; the names are ours, not input.
type AnyEb = ExpressionBuilder<any, any>;

export const visibleToReaders =
  (now: string, table = 'articles') =>
  <EB extends AnyEb>(eb: EB) =>
    eb.and([eb(eb.ref(`${table}.status`), '=', 'published'), eb(eb.ref(`${table}.published_at`), '<=', now)]);

/** Published for a time still to come (content/visibility.ts `isEmbargoed`). */
export const embargoed =
  (now: string, table = 'articles') =>
  <EB extends AnyEb>(eb: EB) =>
    eb.and([eb(eb.ref(`${table}.status`), '=', 'published'), eb(eb.ref(`${table}.published_at`), '>', now)]);
