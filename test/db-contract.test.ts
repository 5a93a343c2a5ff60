import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { decodeCursor, encodeCursor } from '../src/content/cursor.js';
import { articlePath } from '../src/content/urls.js';
import { findByLocaleSlug, loadArticle } from '../src/db/load-article.js';
import { listPublished, listRelated, listTranslations } from '../src/db/article-lists.js';
import { listRevisions } from '../src/db/revisions-repo.js';
import { migrate } from '../src/db/migrate.js';
import { ensureTag, findRedirect, findContributor, listSections } from '../src/db/taxonomy-repo.js';
import { addCorrection, createArticle, updateArticle } from '../src/services/article-store.js';
import { createUser } from '../src/services/create-user.js';
import { AppError } from '../src/errors.js';
import { openDb, type OpenedDb } from './support/databases.js';
import { forEachEngine, pgUp } from './support/for-each-engine.js';
import { doc, newsroom, testDeps, type Newsroom } from './support/fixtures.js';

// One suite, every database: the same behaviour is required of SQLite and PostgreSQL.
forEachEngine('database contract: %s', (engine) => {
  let opened: OpenedDb;
  let n: Newsroom;
  let deps: ReturnType<typeof testDeps>;

  beforeAll(async () => {
    opened = await openDb(engine);
    n = await newsroom(opened.db);
    deps = testDeps(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  const base = () => ({
    locale: 'en',
    headline: 'Trade talks resume',
    deck: 'Negotiators meet again.',
    body: doc('First paragraph.', 'Second paragraph.'),
    sectionId: n.politics,
    status: 'published' as const,
  });

  it('migrations are idempotent', async () => {
    expect((await migrate(opened.db)).applied).toEqual([]);
  });

  it('stores and loads a full article with bylines, tags, hero, source and corrections', async () => {
    const id = await createArticle(deps, {
      ...base(),
      headline: 'Переговоры в Москве',
      locale: 'ru',
      dateline: 'МОСКВА',
      tagIds: [n.tagRu],
      bylines: [
        { contributorId: n.olga, role: 'original_author' },
        { contributorId: n.boris, role: 'translator' },
      ],
      hero: { mediaId: n.photo, caption: 'Площадь', credit: 'Screenshot: video' },
      source: { partnerId: n.partner, url: 'https://steppe-courier.example/a/1', headline: 'Оригинал', locale: 'ru' },
      publishedAt: '2026-11-19T08:00:00Z',
    });
    await addCorrection(deps, id, 'An earlier version misspelled a name.');
    const a = (await loadArticle(opened.db.kysely, id))!;
    expect(a.slug).toBe('peregovory-v-moskve');
    expect(a.headline).toBe('Переговоры в Москве');
    expect(a.section).toMatchObject({ slug: 'politics', name: 'Политика' });
    expect(a.bylines.map((b) => [b.name, b.role])).toEqual([
      ['Ольга Оригинал', 'original_author'],
      ['Борис Переводчик', 'translator'],
    ]);
    expect(a.tags.map((t) => t.name)).toEqual(['Торговля']);
    expect(a.hero).toMatchObject({ src: '/media/demo/hero.svg', alt: 'A square', caption: 'Площадь', credit: 'Screenshot: video' });
    expect(a.source).toMatchObject({ partnerName: 'Steppe Courier', headline: 'Оригинал', locale: 'ru' });
    expect(a.corrections).toHaveLength(1);
    expect(a.corrections[0]!.text).toContain('misspelled');
    expect(a.publishedAt).toBe('2026-11-19T08:00:00.000Z');
    expect(a.body).toEqual(doc('First paragraph.', 'Second paragraph.'));
  });

  it('keeps every save as a revision and refuses a stale save with 409, losing nothing', async () => {
    const id = await createArticle(deps, { ...base(), headline: 'Revision test' });
    expect(await updateArticle(deps, id, { ...base(), headline: 'Revision test, edited by A' }, 1)).toBe(2);
    const stale = updateArticle(deps, id, { ...base(), headline: 'Edited by B from revision 1' }, 1);
    await expect(stale).rejects.toMatchObject({ code: 'CONFLICT', status: 409 });
    const a = (await loadArticle(opened.db.kysely, id))!;
    expect(a.headline).toBe('Revision test, edited by A');
    expect(a.revision).toBe(2);
    const revs = await listRevisions(opened.db.kysely, id);
    expect(revs.map((r) => [r.number, JSON.parse(r.snapshot).headline])).toEqual([
      [1, 'Revision test'],
      [2, 'Revision test, edited by A'],
    ]);
  });

  it('keeps one version per language in a story, refusing a second with DUPLICATE', async () => {
    const id = await createArticle(deps, { ...base(), headline: 'One per language' });
    const storyId = (await loadArticle(opened.db.kysely, id))!.storyId;
    await expect(createArticle(deps, { ...base(), storyId, headline: 'Second English version' })).rejects.toMatchObject({ code: 'DUPLICATE', status: 409 });
    const versions = await opened.db.kysely.selectFrom('articles').select('id').where('story_id', '=', storyId).execute();
    expect(versions).toHaveLength(1);
  });

  it('gives a taken slug a suffix instead of refusing the save', async () => {
    const a = await createArticle(deps, { ...base(), headline: 'Same headline' });
    const b = await createArticle(deps, { ...base(), headline: 'Same headline' });
    const [ra, rb] = [(await loadArticle(opened.db.kysely, a))!, (await loadArticle(opened.db.kysely, b))!];
    expect(ra.slug).toBe('same-headline');
    expect(rb.slug).toBe('same-headline-2');
  });

  it('keeps the old URL as a redirect when the slug changes', async () => {
    const id = await createArticle(deps, { ...base(), headline: 'Old name', publishedAt: '2026-10-05T10:00:00Z' });
    const before = (await loadArticle(opened.db.kysely, id))!;
    const oldPath = articlePath({ locale: 'en', sectionSlug: 'politics', publishedAt: before.publishedAt, slug: before.slug });
    await updateArticle(deps, id, { ...base(), headline: 'New name', slug: 'new-name' }, before.revision);
    expect(await findRedirect(opened.db.kysely, oldPath)).toMatchObject({ article_id: id });
    expect(await findByLocaleSlug(opened.db.kysely, 'en', 'new-name', deps.clock().toISOString())).toMatchObject({ id, visible: true });
  });

  it('rejects invalid input naming the fields, and stores nothing', async () => {
    const count = async () => Number((await sql<{ n: number }>`select count(*) as n from articles`.execute(opened.db.kysely)).rows[0]!.n);
    const before = await count();
    const err = await createArticle(deps, { ...base(), headline: '', sectionId: -1, canonicalUrl: 'javascript:alert(1)' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(err.details.fields)).toEqual(expect.arrayContaining(['headline', 'sectionId', 'canonicalUrl']));
    expect(await count()).toBe(before);
  });

  it('lists only what readers may see, newest first, with keyset pages that neither skip nor repeat', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(await createArticle(deps, { ...base(), locale: 'kk', headline: `Page story ${i}`, publishedAt: `2026-11-1${i}T09:00:00Z` }));
    }
    // Same timestamp: the id breaks the tie, so pages stay stable.
    ids.push(await createArticle(deps, { ...base(), locale: 'kk', headline: 'Tie', publishedAt: '2026-11-16T09:00:00Z' }));
    await createArticle(deps, { ...base(), locale: 'kk', headline: 'Draft', status: 'draft' });
    await createArticle(deps, { ...base(), locale: 'kk', headline: 'Embargoed', publishedAt: '2026-12-01T00:00:00Z' });
    const now = deps.clock().toISOString();
    const seen: number[] = [];
    let before = null;
    for (let page = 0; page < 5; page++) {
      const rows = await listPublished(opened.db.kysely, { locale: 'kk', now, limit: 3, before });
      seen.push(...rows.map((r) => r.id));
      if (rows.length < 3) break;
      const last = rows[rows.length - 1]!;
      before = decodeCursor(encodeCursor({ publishedAt: last.publishedAt, id: last.id }));
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...ids].sort());
    const all = await listPublished(opened.db.kysely, { locale: 'kk', now, limit: 100 });
    expect(all.map((r) => r.headline)).not.toContain('Draft');
    expect(all.map((r) => r.headline)).not.toContain('Embargoed');
    const times = all.map((r) => r.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('filters lists by section, tag and contributor', async () => {
    const a = await createArticle(deps, {
      ...base(),
      headline: 'Econ tagged',
      sectionId: n.economy,
      tagIds: [n.tagEn2],
      bylines: [
        { contributorId: n.alice, role: 'author' },
        { contributorId: n.alice, role: 'photographer' },
      ],
    });
    const now = deps.clock().toISOString();
    const k = opened.db.kysely;
    expect((await listPublished(k, { locale: 'en', now, limit: 50, sectionId: n.economy })).map((r) => r.id)).toEqual([a]);
    expect((await listPublished(k, { locale: 'en', now, limit: 50, tagId: n.tagEn2 })).map((r) => r.id)).toEqual([a]);
    // Two roles on one story list it once.
    expect((await listPublished(k, { locale: 'en', now, limit: 50, contributorId: n.alice })).map((r) => r.id)).toEqual([a]);
    expect((await findContributor(k, 'alice-reporter', 'en'))?.name).toBe('Alice Reporter');
    // Tag and author lists read copies of the status kept on their join rows: an unpublish must reach them.
    await updateArticle(
      deps,
      a,
      {
        ...base(),
        headline: 'Econ tagged',
        sectionId: n.economy,
        tagIds: [n.tagEn2],
        bylines: [{ contributorId: n.alice, role: 'author' }],
        status: 'unpublished',
      },
      1,
    );
    expect(await listPublished(k, { locale: 'en', now, limit: 50, tagId: n.tagEn2 })).toEqual([]);
    expect(await listPublished(k, { locale: 'en', now, limit: 50, contributorId: n.alice })).toEqual([]);
  });

  it('links translations of one story and lists related stories by tag first', async () => {
    const en = await createArticle(deps, { ...base(), headline: 'Bridge opens', tagIds: [n.tagEn] });
    const en2 = await createArticle(deps, { ...base(), headline: 'Bridge traffic', tagIds: [n.tagEn], sectionId: n.economy });
    const enArticle = (await loadArticle(opened.db.kysely, en))!;
    const ru = await createArticle(deps, { ...base(), locale: 'ru', storyId: enArticle.storyId, headline: 'Мост открыт' });
    await createArticle(deps, { ...base(), locale: 'kk', storyId: enArticle.storyId, headline: 'Draft kk', status: 'draft' });
    const now = deps.clock().toISOString();
    const translations = await listTranslations(opened.db.kysely, enArticle.storyId, now);
    expect(translations.map((t) => [t.locale, t.id])).toEqual([
      ['en', en],
      ['ru', ru],
    ]);
    const related = await listRelated(opened.db.kysely, enArticle, now, 3);
    expect(related[0]!.id).toBe(en2);
    expect(related.map((r) => r.id)).not.toContain(en);
  });

  it('lists related stories across several tags newest first, a story on two of them once', async () => {
    const at = (h: number) => new Date(Date.parse(deps.clock().toISOString()) - h * 3_600_000).toISOString();
    const make = (headline: string, tagIds: number[], hoursAgo: number) => createArticle(deps, { ...base(), headline, tagIds, publishedAt: at(hoursAgo) });
    const a = await ensureTag(opened.db.kysely, 'en', 'grid', 'Grid');
    const b = await ensureTag(opened.db.kysely, 'en', 'hydro', 'Hydro');
    const oldOnA = await make('Grid, old', [a], 50);
    const both = await make('Grid and hydro', [a, b], 40);
    const onB = await make('Hydro', [b], 30);
    const newOnA = await make('Grid, new', [a], 20);
    const self = (await loadArticle(opened.db.kysely, await make('The story itself', [a, b], 10)))!;
    const related = (await listRelated(opened.db.kysely, self, deps.clock().toISOString(), 4)).map((r) => r.id);
    expect(related.slice(0, 3)).toEqual([newOnA, onB, both]);
    expect(related).not.toContain(self.id);
    expect(related.filter((id) => id === both)).toHaveLength(1);
    expect(related[3]).toBe(oldOnA);
  });

  // Regression: the "shares a tag" column was bound as a JS boolean, which SQLite refuses, for untagged stories.
  it('lists related stories for a story without tags', async () => {
    const lone = await createArticle(deps, { ...base(), headline: 'Untagged story' });
    const related = await listRelated(opened.db.kysely, (await loadArticle(opened.db.kysely, lone))!, deps.clock().toISOString(), 3);
    expect(related.length).toBeGreaterThan(0);
    expect(related.map((r) => r.id)).not.toContain(lone);
  });

  it('names sections in the reader’s language, falling back to the slug', async () => {
    const ru = await listSections(opened.db.kysely, 'ru');
    expect(ru.map((s) => s.name)).toEqual(['Политика', 'Экономика']);
    const kk = await listSections(opened.db.kysely, 'kk');
    expect(kk.map((s) => s.name)).toEqual(['politics', 'economy']);
  });

  it('creates users with hashed passwords and refuses a duplicate email', async () => {
    const u = await createUser(deps, { email: 'Editor@Example.org', name: 'Ed', role: 'editor' });
    expect(u.password.length).toBeGreaterThanOrEqual(20);
    const row = await opened.db.kysely.selectFrom('users').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    expect(row.email).toBe('editor@example.org');
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(u.password);
    await expect(createUser(deps, { email: 'editor@example.org', name: 'Ed 2', role: 'author' })).rejects.toMatchObject({ code: 'DUPLICATE' });
    await expect(createUser(deps, { email: 'nope', name: '', role: 'king' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

// Regression: Kysely found another schema's kysely_migration_lock and skipped creating its own, so two PostgreSQL
// schemas migrated at once (two test files, or two tenants in one database) failed with "relation does not exist".
describe.skipIf(!pgUp)('postgres: migrations in two schemas of one database at once', () => {
  it('each schema gets its own tables and bookkeeping', async () => {
    const [a, b] = await Promise.all([openDb('postgres'), openDb('postgres')]);
    try {
      for (const o of [a, b]) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = ${o.schema!}`.execute(
          o.db.kysely,
        );
        expect(rows[0]!.n).toBeGreaterThanOrEqual(16);
        expect((await migrate(o.db)).applied).toEqual([]);
      }
    } finally {
      await Promise.all([a.cleanup(), b.cleanup()]);
    }
  });
});
