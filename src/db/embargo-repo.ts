import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { visibleToReaders } from './visibility.js';

type K = Kysely<Database>;

/**
 * The earliest publication time after `after` among a language's published stories: when the next embargo lifts.
 * One indexed look-up (articles_feed_idx starts with the locale).
 */
export async function nextPublicationAfter(db: K, locale: string, after: string): Promise<string | null> {
  const row = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.min('published_at').as('at'))
    .where('locale', '=', locale)
    .where('status', '=', 'published')
    .where('published_at', '>', after)
    .executeTakeFirst();
  return row?.at ?? null;
}

/** The stories of these languages that became visible to readers after `after`, up to `now`. */
export async function becameVisible(db: K, locales: string[], after: string, now: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'story_id', 'section_id', 'locale', 'published_at'])
    .where('locale', 'in', locales.length ? locales : [''])
    .where('published_at', '>', after)
    .where(visibleToReaders(now))
    .execute();
}
