import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql, TableNode, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { createArticle } from '../services/article-store.js';
import { indexArticles } from './search-index.js';
import { searchArticles } from './search-query.js';

const readsArticles = (node: RootOperationNode) => {
  const from = node.kind === 'SelectQueryNode' ? node.from?.froms[0] : undefined;
  return !!from && TableNode.is(from) && from.table.identifier.name === 'articles';
};

forEachEngine('search index: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let n: Newsroom;
  const queries: string[] = [];
  beforeAll(async () => {
    opened = await openDb(engine, { onQuery: (text) => queries.push(text) });
    deps = testDeps(opened.db);
    n = await newsroom(opened.db);
  });
  afterAll(() => opened.cleanup());
  /** A published English story of `text`. */
  const story = (headline: string, text = 'A quiet harbour.') =>
    createArticle(deps, { locale: 'en', headline, body: doc(text), sectionId: n.politics, status: 'published', publishedAt: '2026-11-01T00:00:00.000Z' });

  it('an article deleted between the read and the write of a batch does not fail the batch (the reindex stopped)', async () => {
    const k = opened.db.kysely;
    const kept = await story('Lighthouse kept');
    const doomed = await story('Lighthouse doomed');
    // Deletes `doomed` (on another connection, committed) once the batch has read the articles. SQLite has one
    // connection and one writer, so nothing can come between there: the article goes before the batch instead.
    const armed = new Set<unknown>();
    const hook: KyselyPlugin = {
      transformQuery: (a) => {
        if (readsArticles(a.node)) armed.add(a.queryId);
        return a.node;
      },
      transformResult: async (a) => {
        if (armed.delete(a.queryId)) await k.deleteFrom('articles').where('id', '=', doomed).execute();
        return a.result;
      },
    };
    if (engine === 'sqlite') await k.deleteFrom('articles').where('id', '=', doomed).execute();
    await indexArticles(engine === 'postgres' ? k.withPlugin(hook) : k, [kept, doomed]);
    const q = { scope: 'newsroom' as const, locale: 'en', now: '2026-11-20T00:00:00.000Z', page: 1, perPage: 10 };
    expect((await searchArticles(k, { ...q, query: 'lighthouse' })).ids).toEqual([kept]);
    if (engine === 'postgres') {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from search_heads where article_id = ${doomed}`.execute(k);
      expect(rows[0]?.n).toBe(0);
    }
  });

  // An import's batch hands the bodies it saved to the index (Deps.indexLater): they are indexed from memory, and the
  // articles' bodies are not read back (a tenth of an import's indexing); an id without one is read as before.
  it('indexes the bodies it is given as they are, without reading them back, and reads the ones it is not given', async () => {
    const given = await story('Ferry timetable', 'Morning crossings.');
    const read = await story('Ferry fares', 'Evening crossings.');
    const k = opened.db.kysely;
    queries.length = 0;
    await indexArticles(k, [given], new Map([[given, doc('Lanterns on the quay.')]]));
    expect(queries.filter((q) => /select .*"body"/.test(q))).toEqual([]);
    await indexArticles(k, [given, read], new Map([[given, doc('Lanterns on the quay.')]]));
    expect(queries.filter((q) => /select .*"body"/.test(q))).toHaveLength(1);
    const q = { scope: 'newsroom' as const, locale: 'en', now: '2026-11-20T00:00:00.000Z', page: 1, perPage: 10 };
    expect((await searchArticles(k, { ...q, query: 'lanterns' })).ids).toEqual([given]);
    expect((await searchArticles(k, { ...q, query: 'evening' })).ids).toEqual([read]);
    expect((await searchArticles(k, { ...q, query: 'morning' })).ids).toEqual([]);
  });

  it('skips the delete of old entries on SQLite for a run of articles created in the batch, and only then', async () => {
    const fresh = await story('Crane one', 'Harbour cranes.');
    const old = await story('Crane two', 'Harbour cranes.');
    const k = opened.db.kysely;
    const deletes = () => queries.filter((q) => q.startsWith('delete from search_fts')).length;
    queries.length = 0;
    await indexArticles(k, [fresh], undefined, new Set([fresh]));
    expect(deletes()).toBe(0);
    await indexArticles(k, [fresh, old], undefined, new Set([fresh]));
    expect(deletes()).toBe(engine === 'sqlite' ? 1 : 0);
    const q = { scope: 'newsroom' as const, locale: 'en', now: '2026-11-20T00:00:00.000Z', page: 1, perPage: 10 };
    expect((await searchArticles(k, { ...q, query: 'crane' })).ids.sort()).toEqual([fresh, old].sort());
  });

  it('a list of any length is indexed in statements of a few shapes on SQLite (its statement cache grew by one a length) and in one write on PostgreSQL', async () => {
    const real = [
      await story('Quayside one', 'Fishing boats.'),
      await story('Quayside two', 'Fishing boats.'),
      await story('Quayside three', 'Fishing boats.'),
    ];
    const ids = [...real, ...Array.from({ length: 37 }, (_, i) => 1_000_000 + i)];
    queries.length = 0;
    for (let len = 1; len <= ids.length; len++) await indexArticles(opened.db.kysely, ids.slice(0, len));
    if (engine === 'sqlite') {
      const deletes = new Set(queries.filter((q) => q.startsWith('delete from search_fts')));
      const lengths = [...deletes].map((q) => q.split('?').length - 1).sort((a, b) => a - b);
      expect(lengths).toEqual([1, 2, 4, 8, 16, 32]);
      // Three reads, the delete and the insert for each length of run.
      expect(new Set(queries).size).toBeLessThanOrEqual(5 * lengths.length);
    } else {
      queries.length = 0;
      await indexArticles(opened.db.kysely, ids);
      expect(queries.filter((q) => q.includes('insert into search_documents'))).toHaveLength(1);
    }
    const q = { scope: 'newsroom' as const, locale: 'en', now: '2030-01-01T00:00:00.000Z', page: 1, perPage: 10 };
    expect((await searchArticles(opened.db.kysely, { ...q, query: 'quayside' })).ids.sort()).toEqual([...real].sort());
  });
});
