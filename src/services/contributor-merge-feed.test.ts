import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { createArticle } from './article-store.js';
import { createUser } from './create-user.js';
import { mergeContributor } from './contributors.js';
import { feedPage } from './feed-pages.js';
import { TEST_SITE } from '#test/site.js';

forEachEngine('an author feed after a contributor merge: %s', (engine) => {
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

  it("regression: the survivor's author feed lists the moved stories (its kept list was never dropped)", async () => {
    const mk = (h: string, c: number) =>
      createArticle(deps, {
        locale: 'en',
        headline: h,
        body: doc('x'),
        sectionId: n.politics,
        tagIds: [],
        bylines: [{ contributorId: c, role: 'author' }],
        status: 'published',
        publishedAt: '2026-11-10T00:00:00.000Z',
      });
    const a = await mk('By Alice', n.alice);
    const b = await mk('By Boris', n.boris);
    const site = TEST_SITE;
    const before = await feedPage(deps, site, { locale: 'en', root: false, scope: { kind: 'author', slug: 'boris-perevodchik' } });
    expect(before!.entries.map((e) => e.articleId)).toEqual([b]);
    await mergeContributor(deps, editor, ['en', 'ru'], 'alice-reporter', 'boris-perevodchik');
    const after = await feedPage(deps, site, { locale: 'en', root: false, scope: { kind: 'author', slug: 'boris-perevodchik' } });
    expect(after!.entries.map((e) => e.articleId).sort()).toEqual([a, b].sort());
  });
});
