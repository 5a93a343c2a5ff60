import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { createArticle } from './article-store.js';
import { createUser } from './create-user.js';
import { mergeContributor } from './contributors.js';
import { savePendingChanges, publishPendingChanges } from './pending-changes.js';
import { getArticleRow } from '../db/articles-repo.js';

forEachEngine('pending changes across a merge: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let n: Newsroom;
  const editor = { actor: { id: 1, role: 'admin' as const, active: true }, userId: 1, apiKeyId: null };
  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    n = await newsroom(opened.db);
    const u = await createUser(deps, { email: 'ed@example.org', name: 'Ed', role: 'admin' });
    editor.actor.id = editor.userId = u.id;
  });
  afterAll(async () => opened?.cleanup());
  it('regression: pending changes saved before a contributor merge can go live (Update was refused: no contributor N)', async () => {
    const id = await createArticle(deps, {
      locale: 'en',
      headline: 'Live',
      body: doc('x'),
      sectionId: n.politics,
      tagIds: [],
      bylines: [{ contributorId: n.alice, role: 'author' }],
      status: 'published',
      publishedAt: '2026-11-10T00:00:00.000Z',
    });
    const rev = (await getArticleRow(opened.db.kysely, id))!.revision;
    await savePendingChanges(deps, editor, id, rev, {
      headline: 'Live, corrected',
      body: doc('y'),
      sectionId: n.politics,
      tagIds: [],
      bylines: [{ contributorId: n.alice, role: 'author' }],
    });
    await mergeContributor(deps, editor, ['en', 'ru'], 'alice-reporter', 'boris-perevodchik');
    await publishPendingChanges(deps, editor, id);
    expect((await getArticleRow(opened.db.kysely, id))!.headline).toBe('Live, corrected');
  });
});
