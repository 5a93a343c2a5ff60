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
  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    n = await newsroom(opened.db);
  });
  afterAll(() => opened.cleanup());

  it('an article deleted between the read and the write of a batch does not fail the batch (the reindex stopped)', async () => {
    const k = opened.db.kysely;
    const story = (headline: string) =>
      createArticle(deps, {
        locale: 'en',
        headline,
        body: doc('A quiet harbour.'),
        sectionId: n.politics,
        status: 'published',
        publishedAt: '2026-11-01T00:00:00.000Z',
      });
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
});
