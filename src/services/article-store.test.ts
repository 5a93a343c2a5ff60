import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type OpenedDb } from '#test/databases.js';
import { forEachEngine } from '#test/for-each-engine.js';
import { doc, newsroom, refused, testDeps, type Newsroom } from '#test/fixtures.js';
import { loadArticle } from '../db/load-article.js';
import { addRedirects, ensureTag, findRedirect } from '../db/taxonomy-repo.js';
import { createArticle, updateArticle } from './article-store.js';

/*
 * The slug a save ends with, now that the exact slug is looked up first and SQLite reads the `slug-…` candidates by a
 * byte range without LIKE (db/articles-repo.ts): the suffix still avoids every taken one, a page's exact slug is
 * still refused, and the article's own slug is never counted as taken.
 */
forEachEngine('article store slugs on %s', (engine) => {
  let opened: OpenedDb;
  let n: Newsroom;
  let deps: ReturnType<typeof testDeps>;
  beforeAll(async () => {
    opened = await openDb(engine);
    n = await newsroom(opened.db);
    deps = testDeps(opened.db);
  });
  afterAll(async () => opened?.cleanup());

  const story = (slug: string, locale = 'en') =>
    createArticle(deps, { locale, headline: `Story ${slug}`, slug, body: doc('Text.'), sectionId: n.politics, status: 'draft' });
  const page = (slug: string) =>
    createArticle(deps, { locale: 'en', kind: 'page', headline: `Page ${slug}`, slug, body: doc('Text.'), sectionId: n.politics, status: 'draft' });
  const slugOf = async (id: number) => (await loadArticle(opened.db.kysely, id))!.slug;

  it('keeps a free slug, even beside slugs it is the start of', async () => {
    await story('harvest-report-2');
    await story('harvest-reporting');
    expect(await slugOf(await story('harvest-report'))).toBe('harvest-report');
  });

  it('regression: a taken slug still gets the first free numeric variant (the exact look-up says taken; the candidates decide)', async () => {
    await story('grain-deal');
    await story('grain-deal-2');
    await story('grain-deal-talks');
    await story('grain-dealer');
    expect(await slugOf(await story('grain-deal'))).toBe('grain-deal-3');
    expect(await slugOf(await story('grain-deal'))).toBe('grain-deal-4');
  });

  it('counts only the language’s own slugs', async () => {
    await story('river-crossing', 'ru');
    expect(await slugOf(await story('river-crossing'))).toBe('river-crossing');
  });

  it('regression: a page’s exact slug is still refused when taken, and free when only variants of it are', async () => {
    await story('contact-2');
    expect(await slugOf(await page('contact'))).toBe('contact');
    expect((await refused(page('contact'))).code).toBe('SLUG_TAKEN');
    await story('imprint');
    expect((await refused(page('imprint'))).code).toBe('SLUG_TAKEN');
  });

  it('does not count an article’s own slug as taken when it is saved again under it, and suffixes another’s', async () => {
    const id = await story('budget-vote');
    const other = await story('budget-debate');
    const base = { locale: 'en', headline: 'Budget', body: doc('Text.'), sectionId: n.politics, status: 'draft' as const };
    await updateArticle(deps, id, { ...base, slug: 'budget-vote' }, 1);
    expect(await slugOf(id)).toBe('budget-vote');
    await updateArticle(deps, other, { ...base, slug: 'budget-vote' }, 1);
    expect(await slugOf(other)).toBe('budget-vote-2');
    const p = await page('terms');
    await updateArticle(deps, p, { ...base, kind: 'page', slug: 'terms' }, 1);
    expect(await slugOf(p)).toBe('terms');
  });

  it('gives each new article and story its own id (SQLite reads them without RETURNING)', async () => {
    const a = await story('id-check-a');
    const b = await story('id-check-b');
    const [ra, rb] = [(await loadArticle(opened.db.kysely, a))!, (await loadArticle(opened.db.kysely, b))!];
    expect(b).toBeGreaterThan(a);
    expect([ra.id, rb.id]).toEqual([a, b]);
    // The ids name the rows just made, not any existing ones.
    expect([ra.slug, ra.headline, rb.slug, rb.headline]).toEqual(['id-check-a', 'Story id-check-a', 'id-check-b', 'Story id-check-b']);
    expect(rb.storyId).not.toBe(ra.storyId);
    const stories = await opened.db.kysely.selectFrom('articles').select(['id', 'story_id']).where('id', 'in', [a, b]).orderBy('id').execute();
    expect(stories.map((s) => [s.id, s.story_id])).toEqual([
      [a, ra.storyId],
      [b, rb.storyId],
    ]);
  });

  it('writes every byline, tag and old address, for each number of rows (compiled once per count, built as usual past 8)', async () => {
    const tags = [];
    for (let i = 0; i < 11; i++) tags.push(await ensureTag(opened.db.kysely, 'en', `count-tag-${i}`, `Count ${i}`));
    const base = { locale: 'en', body: doc('Text.'), sectionId: n.politics, status: 'draft' as const };
    for (const count of [0, 1, 2, 3, 9, 11]) {
      const bylines = [n.alice, n.boris, n.olga].slice(0, Math.min(count, 3)).map((contributorId) => ({ contributorId, role: 'author' as const }));
      const id = await createArticle(deps, { ...base, headline: `Rows ${count}`, tagIds: tags.slice(0, count), bylines });
      const k = opened.db.kysely;
      const tagRows = await k.selectFrom('article_tags').select(['tag_id', 'locale', 'status']).where('article_id', '=', id).orderBy('tag_id').execute();
      expect(tagRows).toEqual(tags.slice(0, count).map((tag_id) => ({ tag_id, locale: 'en', status: 'draft' })));
      const bylineRows = await k
        .selectFrom('article_contributors')
        .select(['contributor_id', 'position'])
        .where('article_id', '=', id)
        .orderBy('position')
        .execute();
      expect(bylineRows).toEqual(bylines.map((b, position) => ({ contributor_id: b.contributorId, position })));
      const paths = Array.from({ length: count }, (_, i) => `/old/${count}/${i}/`);
      await addRedirects(k, [...paths, ...paths.slice(0, 1)], id, '2026-11-20T12:00:00.000Z');
      for (const p of paths) expect(await findRedirect(k, p)).toEqual({ article_id: id, to_path: null });
    }
  });

  // Regression (review): the article insert is compiled once from a list of its columns (db/articles-repo.ts
  // ARTICLE_COLUMNS); a column the list left out was dropped without a word, and no test saw it.
  it('stores every field of a save in its column, on create and on update', async () => {
    const k = opened.db.kysely;
    const full = {
      locale: 'en',
      headline: 'Every field',
      deck: 'The deck',
      body: doc('Text.'),
      dateline: 'ASTANA',
      sectionId: n.politics,
      hero: { mediaId: n.photo, alt: 'Alt text', caption: 'A caption', credit: 'Photo: Desk' },
      source: { partnerId: n.partner, url: 'https://steppe-courier.example/a', headline: 'Оригинал', locale: 'ru' },
      seoTitle: 'SEO title',
      seoDescription: 'SEO description',
      canonicalUrl: 'https://example.org/canonical',
      status: 'published' as const,
      publishedAt: '2026-11-20T12:00:00.000Z',
      scheduledAt: '2026-11-21T12:00:00.000Z',
    };
    const columnsOf = async (id: number) =>
      k
        .selectFrom('articles')
        .select([
          'headline',
          'deck',
          'dateline',
          'section_id',
          'hero_media_id',
          'hero_alt',
          'hero_caption',
          'hero_credit',
          'source_partner_id',
          'source_url',
          'source_headline',
          'source_locale',
          'seo_title',
          'seo_description',
          'canonical_url',
          'status',
          'published_at',
          'scheduled_at',
        ])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const expected = (f: typeof full) => ({
      headline: f.headline,
      deck: f.deck,
      dateline: f.dateline,
      section_id: f.sectionId,
      hero_media_id: f.hero.mediaId,
      hero_alt: f.hero.alt,
      hero_caption: f.hero.caption,
      hero_credit: f.hero.credit,
      source_partner_id: f.source.partnerId,
      source_url: f.source.url,
      source_headline: f.source.headline,
      source_locale: f.source.locale,
      seo_title: f.seoTitle,
      seo_description: f.seoDescription,
      canonical_url: f.canonicalUrl,
      status: f.status,
      published_at: f.publishedAt,
      scheduled_at: f.scheduledAt,
    });
    const id = await createArticle(deps, full);
    expect(await columnsOf(id)).toEqual(expected(full));
    const changed = {
      ...full,
      headline: 'Every field, again',
      deck: 'Another deck',
      dateline: 'ALMATY',
      sectionId: n.economy,
      hero: { ...full.hero, alt: 'Alt 2', caption: 'Caption 2', credit: 'Credit 2' },
      source: { ...full.source, url: 'https://steppe-courier.example/b', headline: 'Другой', locale: 'kk' },
      seoTitle: 'SEO 2',
      seoDescription: 'Description 2',
      canonicalUrl: 'https://example.org/other',
      scheduledAt: '2026-11-22T12:00:00.000Z',
    };
    await updateArticle(deps, id, changed, 1);
    expect(await columnsOf(id)).toEqual(expected(changed));
  });
});
