import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAdminArticles } from '../src/db/admin-articles-repo.js';
import { listAssignedTo, listNotes, listScheduled, versionsOfStories } from '../src/db/desk-repo.js';
import { createArticle } from '../src/services/article-store.js';
import { createUser } from '../src/services/create-user.js';
import { openDb, type OpenedDb } from './support/databases.js';
import { forEachEngine } from './support/for-each-engine.js';
import { doc, newsroom, testDeps } from './support/fixtures.js';

/**
 * The desk's lists that grow with the archive read an index that starts with their own filter: "assigned to me" (and
 * the list's assignee filter) the assignee index, scheduled stories the scheduled index, an article's notes their
 * article index, a story's versions the story index. Status-only filters walk the primary key newest first and stop
 * at the page size, so they need no index of their own (and one leading with status and date once misled SQLite's
 * planner for translations).
 */
forEachEngine('desk query plans on %s', (engine) => {
  let opened: OpenedDb;
  let last: { sql: string; parameters: readonly unknown[] } | null = null;
  let userId: number;

  beforeAll(async () => {
    opened = await openDb(engine, { onQuery: (q, parameters) => (last = { sql: q, parameters }) });
    const n = await newsroom(opened.db);
    const deps = testDeps(opened.db);
    userId = (await createUser(deps, { email: 'ed@example.org', name: 'Ed', role: 'editor', password: 'correct horse battery staple' })).id;
    for (let i = 0; i < 30; i++) {
      await createArticle(deps, { locale: i % 2 ? 'en' : 'ru', headline: `Story ${i}`, body: doc('Text.'), sectionId: n.politics, status: 'draft' }, userId);
    }
    if (engine === 'postgres') await sql`analyze`.execute(opened.db.kysely);
  });
  afterAll(async () => opened?.cleanup());

  async function planOf(run: () => Promise<unknown>): Promise<string> {
    await run();
    const q = last!;
    if (engine === 'sqlite') {
      const r = await opened.db.kysely.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${q.sql}`, [...q.parameters]));
      return r.rows.map((row) => row.detail).join('\n');
    }
    return opened.db.kysely.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const r = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${q.sql}`, [...q.parameters]));
      return r.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
  }

  const NOW = '2026-11-20T12:00:00.000Z';
  it.each<[string, string, () => Promise<unknown>]>([
    ['assigned to me', 'articles_assignee_idx', () => listAssignedTo(opened.db.kysely, { userId, limit: 20 })],
    ['the list filtered by assignee', 'articles_assignee_idx', () => listAdminArticles(opened.db.kysely, { assignee: userId, limit: 26 })],
    ['the list filtered on pending changes', 'articles_pending_state_idx', () => listAdminArticles(opened.db.kysely, { pending: true, limit: 26 })],
    ['scheduled stories', 'articles_scheduled_idx', () => listScheduled(opened.db.kysely, { now: NOW, limit: 20 })],
    ['an article’s notes', 'article_notes_article_idx', () => listNotes(opened.db.kysely, 1)],
    ['a story’s versions', 'articles_story_', () => versionsOfStories(opened.db.kysely, [1])],
  ])('%s reads %s', async (_name, index, run) => {
    const plan = await planOf(run);
    expect(plan, plan).toContain(index);
  });
});
