import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { AppError } from '../errors.js';
import { htmlToDocument } from '../importers/html-to-document.js';
import { createArticle, updateArticle } from './article-store.js';
import { htmlAsText, importRun } from './import-common.js';
import { searchNewsroom } from './search.js';

describe('htmlAsText', () => {
  const trips: string[] = [];
  const converter = async (html: string) => {
    trips.push(html);
    return htmlToDocument(html);
  };
  const viaConverter = htmlAsText(converter);
  const always = (html: string) => htmlAsText(async (h) => htmlToDocument(h))(`<span>${html}</span>`);

  // Plain text skips the converter's worker (a round trip per post that the import's writes waited for): it must come
  // out as the converter gives it.
  it('gives plain text without the converter, as the converter would', async () => {
    const plain = ['Коротко о степи', '  two\n\nlines\tand  spaces ', 'quotes "a" \'b\' > c', 'a\u00a0b\u2028c', 'Қазақ тілі', ''];
    for (const text of plain) {
      trips.length = 0;
      expect(await viaConverter(text), JSON.stringify(text)).toBe(await always(text));
      expect(trips, JSON.stringify(text)).toEqual([]);
    }
  });

  it('sends markup, entities and control characters through the converter', async () => {
    for (const html of ['<b>bold</b> text', 'fish &amp; chips', 'a\u0001b', '<script>x()</script>seen']) {
      trips.length = 0;
      await viaConverter(html);
      expect(trips, JSON.stringify(html)).toEqual([html]);
    }
    expect(await viaConverter('fish &amp; chips <i>now</i>')).toBe('fish & chips now');
  });
});

forEachEngine('importRun, search index on %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let n: Newsroom;
  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    n = await newsroom(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  // A batch indexes the articles its records wrote when it commits. A record rolled back to its savepoint takes back
  // what it handed in: nothing of the rolled-back write is indexed (SQLite hands the same id to the next new article,
  // which must still be indexed).
  it('a record rolled back to its savepoint takes back what it handed to the index: nothing of it is indexed', async () => {
    const input = (headline: string, text = 'Shipping news.') => ({
      locale: 'en',
      headline,
      body: doc(text),
      sectionId: n.politics,
      tagIds: [n.tagEn],
      bylines: [{ contributorId: n.alice, role: 'author' }],
      status: 'published',
      publishedAt: '2026-11-10T00:00:00.000Z',
    });
    const existing = await createArticle(deps, input('Zebra crossing'));
    const refuse = () => Promise.reject(new AppError('VALIDATION_FAILED', 'refused after the write', { hint: 'a test' }));
    const run = importRun(deps, ['post'] as const, () => 'test');
    await run.begin();
    let rolledBack = 0;
    await expect(
      run.atomic((_, d) =>
        createArticle(d, input('Alpaca farm'), null, async (_t, id) => {
          rolledBack = id;
          await refuse();
        }),
      ),
    ).rejects.toThrow('refused after the write');
    // Regression (the batch indexes the bodies its records saved, from memory): the body of an update rolled back was
    // still handed to the index, which then held words the article does not have.
    await expect(run.atomic((_, d) => updateArticle(d, existing, input('Yak herd', 'Narwhal tusks.'), 1, null, refuse))).rejects.toThrow(
      'refused after the write',
    );
    const made = await run.atomic((_, d) => createArticle(d, input('Beluga whale')));
    await run.commit();
    expect(rolledBack).toBeGreaterThan(0);
    if (engine === 'sqlite') expect(made).toBe(rolledBack);
    const found = async (query: string) => (await searchNewsroom(deps, { query })).ids;
    expect(await found('alpaca')).toEqual([]);
    expect(await found('yak')).toEqual([]);
    expect(await found('narwhal')).toEqual([]);
    expect(await found('zebra')).toEqual([existing]);
    expect(await found('beluga')).toEqual([made]);
  });

  // Batches end on time in practice (IMPORT_BATCH is far above what a batch's 200 ms hold): each commit writes again the
  // listing indexes' pages its posts touched, so fewer, longer batches write less. The time limit is what keeps the
  // live site's saves from waiting on an import for longer than that.
  it('commits a batch open past batchMaxMs at the next record, whatever its count, and only then', async () => {
    const input = (headline: string) => ({ locale: 'en', headline, body: doc('Text.'), sectionId: n.politics, status: 'draft' });
    const run = importRun(deps, ['post'] as const, () => 'test', undefined, undefined, 1000);
    await run.begin();
    await run.atomic((_, d) => createArticle(d, input('Written before the limit')));
    await run.checkpoint();
    await run.atomic((_, d) => createArticle(d, input('Written at the limit')));
    await new Promise((resolve) => setTimeout(resolve, 1050));
    await run.checkpoint();
    await run.atomic((_, d) => createArticle(d, input('Written after the commit')));
    await run.checkpoint();
    await run.rollback();
    const headlines = (await deps.db.kysely.selectFrom('articles').select('headline').where('headline', 'like', 'Written %').execute()).map((r) => r.headline);
    expect(headlines.sort()).toEqual(['Written at the limit', 'Written before the limit']);
  });
});

// A batch's savepoints keep their undo pages in memory (they went through a temporary file, a syscall per page), for
// the batch's life only: the server's own sorts and temporary tables stay on disk.
describe('importRun on SQLite: the statement journal in memory for a batch only', () => {
  let opened: OpenedDb;
  beforeAll(async () => {
    opened = await openDb('sqlite');
  });
  afterAll(async () => opened?.cleanup());

  it('is memory while a batch is open and the default after it commits or rolls back, and a rolled-back record still goes', async () => {
    const deps = testDeps(opened.db);
    const n = await newsroom(opened.db);
    const tempStore = async (d = opened.db.kysely) => Number((await sql<{ temp_store: number }>`pragma temp_store`.execute(d)).rows[0]!.temp_store);
    const run = importRun(deps, ['post'] as const, () => 'test');
    expect(await tempStore()).toBe(0);
    await run.begin();
    expect(await tempStore(run.db())).toBe(2);
    const input = { locale: 'en', headline: 'Kept', body: doc('Text.'), sectionId: n.politics, status: 'draft' };
    await expect(run.atomic((_, d) => createArticle(d, { ...input, headline: 'Undone' }, null, () => Promise.reject(new Error('refused'))))).rejects.toThrow(
      'refused',
    );
    const kept = await run.atomic((_, d) => createArticle(d, input));
    await run.commit();
    expect(await tempStore()).toBe(0);
    const headlines = (await opened.db.kysely.selectFrom('articles').select('headline').execute()).map((r) => r.headline);
    expect(headlines).toContain('Kept');
    expect(headlines).not.toContain('Undone');
    expect(kept).toBeGreaterThan(0);
    await run.begin();
    expect(await tempStore(run.db())).toBe(2);
    await run.rollback();
    expect(await tempStore()).toBe(0);
  });
});
