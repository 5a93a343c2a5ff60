import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { newsroom, testDeps } from '#test/fixtures.js';
import { POST, wxr } from '#test/wxr.js';
import { sql } from 'kysely';
import { AppError } from '../errors.js';
import { listPublished } from '../db/article-lists.js';
import { getArticleRow } from '../db/articles-repo.js';
import { getRevision } from '../db/revisions-repo.js';
import { updateArticle } from './article-store.js';
import { searchNewsroom } from './search.js';
import { importWordPress } from './wordpress-import.js';

/*
 * An import's batch indexes the articles it wrote for search together, just before it commits (Deps.indexLater), and
 * writes their tag and byline rows with the article's listing columns at once: what it writes must be what a save
 * article by article would have written.
 */

async function* chunks(text: string): AsyncGenerator<string> {
  yield text;
}

const WORDS = ['альфа', 'бета', 'гамма', 'дельта', 'эпсилон'];
const post = (i: number, title = `Новости ${WORDS[i]}`) =>
  POST.replace('<wp:post_id>41', `<wp:post_id>${100 + i}`)
    .replace('peregovory/', `peregovory-${i}/`)
    .replace('%d0%bf%d0%b5%d1%80%d0%b5%d0%b3%d0%be%d0%b2%d0%be%d1%80%d1%8b', `post-${i}`)
    .replace('Переговоры в Тобыргане', title)
    .replace('<wp:is_sticky>1', '<wp:is_sticky>0');

forEachEngine('WordPress import, search index and listing columns on %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  // Two records a batch: the five posts (and the author, categories and tag before them) span several batches.
  const run = (items: string) => importWordPress(deps, chunks(wxr({ items })), { locale: 'ru', locales: ['en', 'ru'], batch: 2 });
  const found = async (query: string) => (await searchNewsroom(deps, { query })).ids;
  const ids = new Map<number, number>();
  const queries: string[] = [];

  beforeAll(async () => {
    opened = await openDb(engine, { onQuery: (text) => queries.push(text) });
    deps = testDeps(opened.db);
    await newsroom(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  it('every imported post is found by its words, across batches', async () => {
    const report = await run(WORDS.map((_, i) => post(i)).join(''));
    expect(report.counts.post.imported).toBe(WORDS.length);
    for (const [i, word] of WORDS.entries()) {
      const hits = await found(word);
      expect(hits, word).toHaveLength(1);
      ids.set(i, hits[0]!);
    }
    expect(new Set(ids.values()).size).toBe(WORDS.length);
  });

  /** The article's tag and byline rows carry its locale, status and date: what the tag and author lists read. */
  const expectListingOf = async (id: number) => {
    const k = opened.db.kysely;
    const article = await k.selectFrom('articles').select(['locale', 'status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
    const tags = await k.selectFrom('article_tags').select(['locale', 'status', 'published_at']).where('article_id', '=', id).execute();
    const bylines = await k.selectFrom('article_contributors').select(['locale', 'status', 'published_at']).where('article_id', '=', id).execute();
    expect(tags).toHaveLength(1);
    expect(bylines).toHaveLength(1);
    for (const row of [...tags, ...bylines]) expect(row).toEqual(article);
    return article;
  };
  /** Whether the article is in the lists of its tag and of its author, as a reader sees them. */
  const listed = async (id: number) => {
    const k = opened.db.kysely;
    const { tag_id } = await k.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).executeTakeFirstOrThrow();
    const { contributor_id } = await k.selectFrom('article_contributors').select('contributor_id').where('article_id', '=', id).executeTakeFirstOrThrow();
    const list = { locale: 'ru', now: '2030-01-01T00:00:00.000Z', limit: 50 };
    return {
      byTag: (await listPublished(opened.db.kysely, { ...list, tagId: tag_id })).some((a) => a.id === id),
      byAuthor: (await listPublished(opened.db.kysely, { ...list, contributorId: contributor_id })).some((a) => a.id === id),
    };
  };

  it("writes the tag and byline rows with the article's locale, status and date", async () => {
    for (const id of ids.values()) await expectListingOf(id);
  });

  it('a re-run that changes a headline reindexes that post: found by its new words, not its old ones', async () => {
    const report = await run(WORDS.map((_, i) => (i === 2 ? post(i, 'Новости омега') : post(i))).join(''));
    expect(report.counts.post).toMatchObject({ updated: 1, unchanged: WORDS.length - 1 });
    expect(await found('омега')).toEqual([ids.get(2)]);
    expect(await found('гамма')).toEqual([]);
    expect(await found('дельта')).toEqual([ids.get(3)]);
  });

  it('a re-run that turns a published post into a draft with another date rewrites its tag and byline rows: off the tag and author lists', async () => {
    const id = ids.get(4)!;
    expect(await listed(id)).toEqual({ byTag: true, byAuthor: true });
    const draft = post(4)
      .replace('<wp:status><![CDATA[publish]]>', '<wp:status><![CDATA[draft]]>')
      .replace('<wp:post_date_gmt><![CDATA[2026-11-30 08:00:00]]>', '<wp:post_date_gmt><![CDATA[2026-11-28 08:00:00]]>');
    const report = await run(WORDS.map((_, i) => (i === 4 ? draft : i === 2 ? post(i, 'Новости омега') : post(i))).join(''));
    expect(report.counts.post).toMatchObject({ updated: 1, unchanged: WORDS.length - 1 });
    expect(await expectListingOf(id)).toEqual({ locale: 'ru', status: 'draft', published_at: '2026-11-28T08:00:00.000Z' });
    expect(await listed(id)).toEqual({ byTag: false, byAuthor: false });
  });

  it('a save that turns a published story into a draft with another date rewrites its tag and byline rows: off the tag and author lists', async () => {
    const id = ids.get(3)!;
    expect(await listed(id)).toEqual({ byTag: true, byAuthor: true });
    const row = (await getArticleRow(opened.db.kysely, id))!;
    const saved = JSON.parse((await getRevision(opened.db.kysely, id, row.revision))!.snapshot) as Record<string, unknown>;
    await updateArticle(deps, id, { ...saved, status: 'draft', publishedAt: '2026-11-27T08:00:00.000Z' }, row.revision);
    expect(await expectListingOf(id)).toEqual({ locale: 'ru', status: 'draft', published_at: '2026-11-27T08:00:00.000Z' });
    expect(await listed(id)).toEqual({ byTag: false, byAuthor: false });
  });

  it("a batch's posts are indexed together: one write on PostgreSQL, runs of a power of two ids on SQLite", async () => {
    queries.length = 0;
    // One batch whatever the machine's load: a batch open past BATCH_MAX_MS commits early, and the writes split.
    const report = await importWordPress(deps, chunks(wxr({ items: [10, 11, 12, 13, 14].map((i) => post(i, `Пресса ${i}`)).join('') })), {
      locale: 'ru',
      locales: ['en', 'ru'],
      batchMaxMs: Infinity,
    });
    expect(report.counts.post.imported).toBe(5);
    expect((await found('пресса')).length).toBe(5);
    if (engine === 'postgres') expect(queries.filter((q) => q.includes('insert into search_documents'))).toHaveLength(1);
    else {
      expect(queries.filter((q) => q.startsWith('insert into search_fts')).map((q) => (q.split('?').length - 1) / 6)).toEqual([4, 1]);
      // New posts have no entries to replace: no delete (search-index.ts, `created`).
      expect(queries.filter((q) => q.startsWith('delete from search_fts'))).toEqual([]);
    }
  });

  it('a broken file whose last batch fails to commit (its search indexing) stops with IMPORT_BATCH_NOT_KEPT, not the database error, and keeps none of that batch', async () => {
    const k = opened.db.kysely;
    const table = engine === 'sqlite' ? 'search_fts' : 'search_documents';
    const file = wxr({ items: post(20, 'Обрыв первый') + post(21, 'Обрыв второй') });
    const cut = file.slice(0, file.indexOf('<wp:post_id>121') + 3);
    await sql`alter table ${sql.raw(table)} rename to gone_away`.execute(k);
    // Batches end on their count alone: one open past BATCH_MAX_MS on a loaded machine would commit (and fail) before
    // the fault is read.
    const err = await importWordPress(deps, chunks(cut), { locale: 'ru', locales: ['en', 'ru'], batchMaxMs: Infinity })
      .then(
        () => null,
        (e: unknown) => e,
      )
      .finally(() => sql`alter table gone_away rename to ${sql.raw(table)}`.execute(k));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('IMPORT_BATCH_NOT_KEPT');
    expect((err as AppError).hint).toMatch(/not kept/);
    expect((err as AppError).details).toMatchObject({ fault: 'IMPORT_FILE_INVALID', line: expect.any(Number) });
    expect(await k.selectFrom('articles').select('id').where('headline', 'like', 'Обрыв%').execute()).toEqual([]);
  });
});
