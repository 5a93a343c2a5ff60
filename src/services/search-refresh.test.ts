import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from '#test/fixtures.js';
import { listJobs } from '../db/jobs-repo.js';
import { updateContributorRow } from '../db/contributors-repo.js';
import { updateTagRow } from '../db/tags-repo.js';
import { createArticle } from './article-store.js';
import { createUser } from './create-user.js';
import { findContributorRecord, mergeContributor, updateContributor } from './contributors.js';
import { MAX_CANDIDATES } from '../search/search-query.js';
import { searchNewsroom } from './search.js';
import { INLINE_REINDEX_MAX, reindexStoriesOf, SEARCH_REINDEX, searchReindexHandler } from './search-refresh.js';
import { createTag, mergeTag, updateTag } from './tags.js';

/** Issue 15: bylines and tags are indexed, so renaming or merging them changes what finds their stories. */
forEachEngine('search after a rename or merge: %s', (engine) => {
  let opened: OpenedDb;
  let deps: ReturnType<typeof testDeps>;
  let n: Newsroom;
  const editor = { actor: { id: 1, role: 'admin' as const, active: true }, userId: 1, apiKeyId: null };
  const locales = ['en', 'ru', 'kk'];
  const story = {} as Record<'ru' | 'enTrade' | 'enEnergy', number>;
  const found = async (query: string) => (await searchNewsroom(deps, { query })).ids.sort((a, b) => a - b);

  beforeAll(async () => {
    opened = await openDb(engine);
    deps = testDeps(opened.db);
    n = await newsroom(opened.db);
    const u = await createUser(deps, { email: 'ed@example.org', name: 'Ed', role: 'admin' });
    editor.actor.id = editor.userId = u.id;
    const mk = (locale: string, headline: string, tagIds: number[], contributorId: number) =>
      createArticle(deps, {
        locale,
        headline,
        body: doc('Text.'),
        sectionId: n.politics,
        tagIds,
        bylines: [{ contributorId, role: 'author' }],
        status: 'published',
        publishedAt: '2026-11-10T00:00:00.000Z',
      });
    story.ru = await mk('ru', 'Новости дня', [n.tagRu], n.olga);
    story.enTrade = await mk('en', 'Morning news', [n.tagEn], n.alice);
    story.enEnergy = await mk('en', 'Evening news', [n.tagEn2], n.boris);
  });
  afterAll(async () => opened?.cleanup());

  it('finds a renamed tag’s stories by its new name only, at once', async () => {
    expect(await found('торговля')).toEqual([story.ru]);
    await updateTag(deps, editor, n.tagRu, { name: 'Импорт зерна' });
    expect(await found('импорт')).toEqual([story.ru]);
    expect(await found('торговля')).toEqual([]);
  });

  it('leaves the index as it was when the rename fails (one transaction)', async () => {
    // The bad link is found after the name is written and the story re-indexed: all of it rolls back.
    await expect(updateTag(deps, editor, n.tagRu, { name: 'Экспорт', translations: { en: 99_999 } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await found('экспорт')).toEqual([]);
    expect(await found('импорт')).toEqual([story.ru]);
  });

  it('finds a renamed contributor’s stories by the new name, own and in the story’s language', async () => {
    expect(await found('оригинал')).toEqual([story.ru]);
    await updateContributor(deps, editor, locales, 'olga-original', { name: 'Olga Original', names: { ru: 'Ольга Первая' } });
    expect(await found('первая')).toEqual([story.ru]);
    expect(await found('olga original')).toEqual([story.ru]);
    expect(await found('оригинал')).toEqual([]);
  });

  // Issue 15 review: the admin form sends `name` and `names` on every save, and each save re-indexed all their stories.
  it('re-indexes a contributor’s stories only when a name really changed, not on every save of the form', async () => {
    const k = opened.db.kysely;
    const current = await findContributorRecord(deps, 'olga-original');
    // The row renamed behind the service's back: the index keeps the old name until the stories are re-indexed.
    await updateContributorRow(k, current.id, { name: 'Olga Stale' }, '2026-11-20T12:00:00.000Z');
    await updateContributor(deps, editor, locales, 'olga-original', { name: 'Olga Stale', names: current.names, bio: 'A new bio.' });
    expect(await found('stale')).toEqual([]);
    await updateContributor(deps, editor, locales, 'olga-original', { name: 'Olga Stale', names: { ...current.names, ru: 'Ольга Вторая' } });
    expect(await found('stale')).toEqual([story.ru]);
    expect(await found('вторая')).toEqual([story.ru]);
  });

  it('finds a merged tag’s and a merged contributor’s stories under the survivor’s name', async () => {
    expect(await found('energy')).toEqual([story.enEnergy]);
    await mergeTag(deps, editor, n.tagEn2, n.tagEn);
    expect(await found('energy')).toEqual([]);
    expect(await found('trade')).toEqual([story.enTrade, story.enEnergy]);
    expect(await found('борис')).toEqual([story.enEnergy]);
    await mergeContributor(deps, editor, locales, 'boris-perevodchik', 'alice-reporter');
    expect(await found('борис')).toEqual([]);
    expect(await found('alice')).toEqual([story.enTrade, story.enEnergy]);
  });

  it('renames a tag on more stories than the bound at once, re-indexing them by a queued job', async () => {
    const k = opened.db.kysely;
    const tag = await createTag(deps, editor, locales, { locale: 'en', name: 'Harvest', slug: 'harvest' });
    const many: number[] = [];
    for (let i = 0; i <= INLINE_REINDEX_MAX; i++) {
      many.push(
        await createArticle(deps, { locale: 'en', headline: `Field ${i}`, body: doc('Text.'), sectionId: n.economy, tagIds: [tag.id], status: 'draft' }),
      );
    }
    await updateTag(deps, editor, tag.id, { name: 'Crops' });
    expect((await searchNewsroom(deps, { query: 'crops' })).total).toBe(0);
    const job = (await listJobs(k, { kind: SEARCH_REINDEX })).find((j) => j.payload['tagId'] === tag.id);
    await searchReindexHandler(deps)(job!);
    const after = await searchNewsroom(deps, { query: 'crops', perPage: 100 });
    // A search counts at most MAX_CANDIDATES matches and says there are more.
    expect({ total: after.total, more: after.more }).toEqual({ total: Math.min(many.length, MAX_CANDIDATES), more: many.length > MAX_CANDIDATES });
    expect((await searchNewsroom(deps, { query: 'harvest' })).total).toBe(0);
  });

  it('queues a durable job instead when more stories carry the name than a transaction should re-index', async () => {
    const k = opened.db.kysely;
    await updateTagRow(k, n.tagEn, { name: 'Commerce' });
    const many = Array.from({ length: INLINE_REINDEX_MAX + 1 }, () => story.enTrade);
    expect(await k.transaction().execute((trx) => reindexStoriesOf(trx, { tagId: n.tagEn }, '2026-11-20T12:00:00.000Z', many))).toBe('queued');
    expect(await found('commerce')).toEqual([]);
    const job = (await listJobs(k, { kind: SEARCH_REINDEX })).find((j) => j.payload['tagId'] === n.tagEn);
    expect(job?.payload).toEqual({ tagId: n.tagEn });
    await searchReindexHandler(deps)(job!);
    expect(await found('commerce')).toEqual([story.enTrade, story.enEnergy]);
    expect(await found('trade')).toEqual([]);
  });
});
