import { sql, SqliteAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { documentText } from '../content/document-text.js';
import type { Doc } from '../content/document.js';
import { indexTerms } from './analyze.js';

type K = Kysely<Database>;

/** Characters of a body indexed: the rest of a book-length text adds cost and little to find it by. */
const BODY_CHARS = 200_000;

export const isSqlite = (db: K) => db.getExecutor().adapter instanceof SqliteAdapter;

/** The fields of an article as the index holds them: stemmed terms, space-separated. */
export type IndexDocument = { headline: string; deck: string; body: string; people: string; tags: string };

export function bodyText(body: string): string {
  try {
    return documentText(JSON.parse(body) as Doc).slice(0, BODY_CHARS);
  } catch {
    return '';
  }
}

async function documentOf(db: K, id: number): Promise<IndexDocument | null> {
  const row = await db.selectFrom('articles').select(['locale', 'headline', 'deck', 'body']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const [people, tags] = await Promise.all([
    // The byline as the article's page shows it (the name in its language) and the contributor's own name.
    db
      .selectFrom('article_contributors')
      .innerJoin('contributors', 'contributors.id', 'article_contributors.contributor_id')
      .leftJoin('contributor_texts as ct', (j) => j.onRef('ct.contributor_id', '=', 'contributors.id').on('ct.locale', '=', row.locale))
      .select(['contributors.name', 'ct.name as localName'])
      .where('article_contributors.article_id', '=', id)
      .execute(),
    db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.name').where('article_tags.article_id', '=', id).execute(),
  ]);
  const t = (text: string) => indexTerms(text, row.locale);
  return {
    headline: t(row.headline),
    deck: t(row.deck ?? ''),
    body: t(bodyText(row.body)),
    people: t(people.flatMap((p) => (p.localName && p.localName !== p.name ? [p.localName, p.name] : [p.name])).join(' \n ')),
    tags: t(tags.map((x) => x.name).join(' \n ')),
  };
}

/**
 * Brings one article's index entry up to date with its row (or removes it when the row is gone). Called inside the
 * transaction that writes the article, so the index commits or rolls back with it; it reads and writes this one
 * article only. Visibility (status, date) is not indexed: queries join the article row, so publishing and
 * unpublishing need no index write at all.
 */
export async function indexArticle(db: K, id: number): Promise<void> {
  const doc = await documentOf(db, id);
  await writeDocument(db, id, doc);
}

async function writeDocument(db: K, id: number, doc: IndexDocument | null): Promise<void> {
  if (isSqlite(db)) {
    await sql`delete from search_fts where rowid = ${id}`.execute(db);
    if (doc) {
      await sql`insert into search_fts (rowid, headline, deck, body, people, tags) values (${id}, ${doc.headline}, ${doc.deck}, ${doc.body}, ${doc.people}, ${doc.tags})`.execute(
        db,
      );
    }
    return;
  }
  if (!doc) {
    await sql`delete from search_documents where article_id = ${id}`.execute(db);
    return;
  }
  await sql`insert into search_documents (article_id, document) values (${id}, ${tsvector(doc)})
    on conflict (article_id) do update set document = excluded.document`.execute(db);
}

const tsvector = (doc: IndexDocument) =>
  sql`setweight(to_tsvector('simple', ${doc.headline}), 'A') || setweight(to_tsvector('simple', ${doc.deck}), 'B')
    || setweight(to_tsvector('simple', ${`${doc.people} ${doc.tags}`}), 'B') || setweight(to_tsvector('simple', ${doc.body}), 'D')`;

/**
 * Rebuilds the whole index from the articles, in batches of `batch` articles (one transaction each), telling
 * `onProgress` after each. Safe to run again at any time: each article's entry is replaced, and entries of articles
 * that no longer exist are dropped first.
 */
export async function reindexAll(db: K, opts: { batch?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<number> {
  const batch = opts.batch ?? 500;
  const { n } = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  if (isSqlite(db)) await sql`delete from search_fts where rowid not in (select id from articles)`.execute(db);
  let done = 0;
  let after = 0;
  opts.onProgress?.(0, total);
  for (;;) {
    const ids = (await db.selectFrom('articles').select('id').where('id', '>', after).orderBy('id').limit(batch).execute()).map((r) => r.id);
    if (!ids.length) break;
    await db.transaction().execute(async (trx) => {
      for (const id of ids) await indexArticle(trx, id);
    });
    after = ids[ids.length - 1]!;
    done += ids.length;
    opts.onProgress?.(Math.min(done, total), total);
  }
  return done;
}
