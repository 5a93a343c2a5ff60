import { afterAll, beforeAll, expect, it } from 'vitest';
import { getArticleRow } from '../db/articles-repo.js';
import { upsertSection } from '../db/taxonomy-repo.js';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { createDraft, saveArticle } from './articles.js';
import { createUser } from './create-user.js';
import { restoreRevision } from './revisions.js';
import { mergeContributor } from './contributors.js';
import { mergeSection } from './sections.js';
import { mergeTag } from './tags.js';

/**
 * Regression (issue 13): restoring a revision saved before its section or tag was merged was refused ("no section 7"),
 * because a revision keeps the ids its editor chose and a merge deletes the old record.
 */
forEachEngine('restoring a revision saved before a merge: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let n: Newsroom;
  const editor = { actor: { id: 1, role: 'editor' as const, active: true }, userId: 1, apiKeyId: null };
  const tagsOf = async (id: number) =>
    (await opened.db.kysely.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).orderBy('tag_id').execute()).map((r) => r.tag_id);

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    n = await newsroom(opened.db);
    const u = await createUser(deps, { email: 'editor@example.org', name: 'Editor', role: 'editor' });
    editor.actor.id = editor.userId = u.id;
  });
  afterAll(async () => opened?.cleanup());

  it('follows the section, tags and contributors to where they were merged, through two merges, and keeps the old text', async () => {
    const id = await createDraft(deps, editor, {
      locale: 'en',
      headline: 'Before the merge',
      body: doc('The first words.'),
      sectionId: n.economy,
      tagIds: [n.tagEn, n.tagEn2],
      bylines: [
        { contributorId: n.alice, role: 'author' },
        { contributorId: n.boris, role: 'author' },
      ],
    });
    const second = await saveArticle(deps, editor, id, 1, { headline: 'After the merge', body: doc('Other words.'), sectionId: n.economy, tagIds: [n.tagEn2] });
    // economy -> politics -> world; trade -> energy (both tags of revision 1 become one).
    await mergeSection(deps, editor, ['en', 'ru'], 'economy', 'politics');
    const world = await upsertSection(opened.db.kysely, { slug: 'world', position: 3, names: { en: 'World', ru: 'Мир' } }, '2026-11-02T00:00:00.000Z');
    await mergeSection(deps, editor, ['en', 'ru'], 'politics', 'world');
    await mergeTag(deps, editor, n.tagEn, n.tagEn2);
    // alice -> boris: the two author lines of revision 1 become one.
    await mergeContributor(deps, editor, ['en', 'ru'], 'alice-reporter', 'boris-perevodchik');

    const restored = await restoreRevision(deps, editor, id, 1, second);
    const row = (await getArticleRow(opened.db.kysely, id))!;
    expect(row.revision).toBe(restored);
    expect(row.headline).toBe('Before the merge');
    expect(JSON.stringify(row.body)).toContain('The first words.');
    expect(row.section_id).toBe(world);
    expect(await tagsOf(id)).toEqual([n.tagEn2]);
    const bylines = await opened.db.kysely.selectFrom('article_contributors').select(['contributor_id', 'role']).where('article_id', '=', id).execute();
    expect(bylines).toEqual([{ contributor_id: n.boris, role: 'author' }]);
  });

  it('leaves an id deleted without a merge for the save to name: a clear refusal, nothing stored', async () => {
    const world = (await opened.db.kysely.selectFrom('sections').select('id').where('slug', '=', 'world').executeTakeFirstOrThrow()).id;
    const id = await createDraft(deps, editor, { locale: 'en', headline: 'Tagged', body: doc('x'), sectionId: world, tagIds: [] });
    const before = (await getArticleRow(opened.db.kysely, id))!.revision;
    // A revision naming a tag that never existed (as a row written by hand would).
    await opened.db.kysely
      .updateTable('revisions')
      .set({
        snapshot: JSON.stringify({
          headline: 'Tagged',
          deck: null,
          slug: 'tagged',
          body: doc('x'),
          dateline: null,
          sectionId: n.politics,
          tagIds: [999_999],
          bylines: [],
          hero: null,
          source: null,
          seoTitle: null,
          seoDescription: null,
          canonicalUrl: null,
        }),
      })
      .where('article_id', '=', id)
      .where('number', '=', before)
      .execute();
    await expect(restoreRevision(deps, editor, id, before, before)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await getArticleRow(opened.db.kysely, id))!.revision).toBe(before);
  });
});
