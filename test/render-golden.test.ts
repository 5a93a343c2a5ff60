import fs from 'node:fs';
import { reindexAll } from '../src/search/search-index.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articlePath } from '../src/content/urls.js';
import { syncListing } from '../src/db/articles-repo.js';
import { SITE_CSS } from '../src/render/site-css.js';
import { seededSite, type SeededSite } from './support/site.js';

/**
 * Every public page type of the demo site, byte for byte (and with its status and headers), against HTML committed in
 * test/fixtures/render-golden. The renderer is rewritten for speed from time to time; this is what proves a rewrite
 * changed nothing a reader, a crawler or a cache could see. The data is the seeded demo (fixed clock) plus a few
 * edits made before the first request, so that branches the demo leaves out are pinned too: a library image with
 * renditions (<picture>), SEO fields, a canonical URL elsewhere, text with every character that needs escaping, a
 * withdrawn story (410) and a section long enough to have a second page.
 *
 * After an intended change of the markup: `npm run golden:update` (UPDATE_GOLDEN=1 on this file), then read
 * the diff of the fixtures before committing them.
 */
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'render-golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
// The stylesheet is the same in every page: stored once per page it would be most of the fixtures' size. It stays
// pinned by its hash in the Content-Security-Policy header, which the manifest holds.
const withoutSiteCss = (html: string) => html.split(SITE_CSS).join('/* SITE_CSS */');

// Characters each escaper must handle, in every text field an editor controls.
const TRICKY = `Tom's "quoted" <b>bold</b> & </script><!-- more`;

async function shapeData(s: SeededSite) {
  const k = s.db.kysely;
  // One demo illustration becomes a library image, so heroes, cards and the lead render as <picture>.
  const media = await k.selectFrom('media').select(['id', 'path']).orderBy('id').executeTakeFirstOrThrow();
  const renditions = (['avif', 'webp', 'jpeg'] as const).flatMap((format) =>
    [320, 640, 1200].map((width) => ({
      format,
      width,
      height: Math.round((width * 9) / 16),
      path: `/media/lib/kokterek-${width}.${format === 'jpeg' ? 'jpg' : format}`,
      bytes: width * 40,
    })),
  );
  await k
    .updateTable('media')
    .set({ renditions: JSON.stringify(renditions), focal_x: 0.3, focal_y: 0.7 })
    .where('id', '=', media.id)
    .execute();

  // Stories: the demo's pages (About) are rendered as they are.
  const published = await k
    .selectFrom('articles')
    .select(['id', 'locale'])
    .where('status', '=', 'published')
    .where('kind', '=', 'story')
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .execute();
  const en = published.filter((a) => a.locale === 'en');
  // Escaping in the headline, deck, dateline and hero text of the newest English story (it is on every page's
  // "Latest news"), in a tag name and a contributor's name, bio, links and Russian texts.
  await k
    .updateTable('articles')
    .set({
      headline: `Headline ${TRICKY}`,
      deck: `Deck ${TRICKY}`,
      dateline: `Dateline ${TRICKY}`,
      hero_alt: `Alt ${TRICKY}`,
      hero_caption: `Caption ${TRICKY}`,
      hero_credit: `Credit ${TRICKY}`,
    })
    .where('id', '=', en[0]!.id)
    .execute();
  await k
    .updateTable('articles')
    .set({ seo_title: `SEO title ${TRICKY}`, seo_description: `SEO description ${TRICKY}`, canonical_url: 'https://partner.example/original?a=1&b="2"' })
    .where('id', '=', en[1]!.id)
    .execute();
  const tag = await k.selectFrom('tags').select('id').where('locale', '=', 'en').orderBy('id').executeTakeFirstOrThrow();
  await k
    .updateTable('tags')
    .set({ name: `Tag ${TRICKY}` })
    .where('id', '=', tag.id)
    .execute();
  const person = await k.selectFrom('contributors').select('id').orderBy('id').executeTakeFirstOrThrow();
  await k
    .updateTable('contributors')
    // Their photo is the library image: the author page shows it as <picture>, JSON-LD names its largest JPEG.
    .set({ name: `Name ${TRICKY}`, bio: `Bio ${TRICKY}`, links: JSON.stringify(['https://social.example/@name?a=1&b="2"']), photo_media_id: media.id })
    .where('id', '=', person.id)
    .execute();
  // Their Russian name, role title and bio (migration 0017): the Russian author page and bylines show those.
  await k
    .updateTable('contributor_texts')
    .set({ name: `Имя ${TRICKY}`, title: `Title ${TRICKY}`, bio: `Био ${TRICKY}` })
    .where('contributor_id', '=', person.id)
    .where('locale', '=', 'ru')
    .execute();
  // A withdrawn story: its address answers 410.
  const withdrawn = en[en.length - 1]!.id;
  await k.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', withdrawn).execute();
  await syncListing(k, withdrawn);
  // Politics in English gets more stories than a page holds (copies as stories of their own, like growArchive's).
  const politics = await k.selectFrom('sections').select('id').where('slug', '=', 'politics').executeTakeFirstOrThrow();
  const rows = await k
    .selectFrom('articles')
    .selectAll()
    .where('status', '=', 'published')
    .where('locale', '=', 'en')
    .where('section_id', '=', politics.id)
    .where('kind', '=', 'story')
    .orderBy('id')
    .execute();
  for (let copy = 0; copy < Math.ceil(13 / rows.length); copy++) {
    for (const { id: _id, ...rest } of rows) {
      const story = await k.insertInto('stories').values({ created_at: rest.created_at }).returning('id').executeTakeFirstOrThrow();
      await k
        .insertInto('articles')
        .values({ ...rest, story_id: story.id, slug: `${rest.slug}-copy-${copy}` })
        .execute();
    }
  }
  // The rows above were written straight to the tables, past the save that keeps the search index: rebuild it, as
  // `masthead search reindex` does after such a change.
  await reindexAll(k);
  return withdrawn;
}

async function pathsOf(s: SeededSite, withdrawn: number): Promise<string[]> {
  const k = s.db.kysely;
  const rows = await k
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.locale', 'articles.slug', 'articles.published_at', 'articles.status', 'articles.kind', 'sections.slug as sectionSlug'])
    .where('articles.status', 'in', ['published', 'unpublished'])
    .where('articles.slug', 'not like', '%-copy-%')
    .orderBy('articles.id')
    .execute();
  const articlePaths = rows.map((r) => articlePath({ locale: r.locale, sectionSlug: r.sectionSlug, publishedAt: r.published_at, slug: r.slug, kind: r.kind }));
  const sections = (await k.selectFrom('sections').select('slug').orderBy('position').execute()).map((r) => r.slug);
  const tags = await k.selectFrom('tags').select(['locale', 'slug']).orderBy('id').execute();
  const people = (await k.selectFrom('contributors').select('slug').orderBy('id').execute()).map((r) => r.slug);
  return [
    '/',
    ...s.site.locales.map((l) => `/${l}/`),
    ...articlePaths,
    `/a/${rows[0]!.id}`,
    `/a/${withdrawn}`,
    ...['en', 'ru', 'kk'].flatMap((l) => sections.map((sec) => `/${l}/section/${sec}`)),
    ...tags.map((t) => `/${t.locale}/tag/${t.slug}`),
    ...people.map((p) => `/en/author/${p}`),
    ...people.slice(0, 3).map((p) => `/ru/author/${p}`),
    '/en/search',
    '/ru/search',
    '/en/search?q=rail',
    '/ru/search?q=%D0%B2%D0%BE%D0%B4%D0%B0',
    '/en/search?q=zzzz-nothing',
    `/en/search?q=${encodeURIComponent(TRICKY)}`,
    '/en/no-such-page',
    '/ru/politics/2020/01/no-such-story',
    '/en/section/no-such-section',
    '/en/tag/no-such-tag',
    '/xx/whatever',
    '/en/section/politics/before/not-a-cursor',
    '/en/%E0%A4%A',
  ];
}

const fileName = (p: string) => `${p.replace(/^\//, '').replace(/[^a-zA-Z0-9.-]+/g, '_') || 'root'}.html`;

type Entry = { status: number; headers: Record<string, string> };

describe('public pages are byte-identical to the pinned render', () => {
  let s: SeededSite;
  let paths: string[];

  beforeAll(async () => {
    s = await seededSite();
    const withdrawn = await shapeData(s);
    paths = await pathsOf(s, withdrawn);
    // The second page of a list and its "newer" link: follow the first list page that has one.
    for (const p of paths.filter((x) => x.includes('/section/'))) {
      const next = /<a href="([^"]+)" rel="next">/.exec(await (await s.app.request(p)).text());
      if (next) {
        paths.push(next[1]!);
        break;
      }
    }
  });
  afterAll(async () => s?.cleanup());

  it('renders every page, status and header as committed', async () => {
    const manifest: Record<string, Entry & { path: string }> = {};
    const mismatched: string[] = [];
    let firstMismatch: { name: string; html: string; expected: string } | undefined;
    for (const p of paths) {
      const name = fileName(p);
      expect(manifest[name], `two paths share the fixture ${name}`).toBeUndefined();
      const res = await s.app.request(p);
      const html = withoutSiteCss(await res.text());
      manifest[name] = { path: p, status: res.status, headers: Object.fromEntries([...res.headers].sort(([a], [b]) => a.localeCompare(b))) };
      const file = path.join(DIR, name);
      if (UPDATE) {
        fs.mkdirSync(DIR, { recursive: true });
        fs.writeFileSync(file, html);
        continue;
      }
      const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `(no fixture ${name})`;
      if (html !== expected) {
        mismatched.push(p);
        firstMismatch ??= { name, html, expected };
      }
    }
    const manifestFile = path.join(DIR, 'manifest.json');
    if (UPDATE) {
      fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
      // A page that is no longer rendered takes its fixture with it, so the update leaves nothing stale to review.
      for (const f of fs.readdirSync(DIR)) if (f.endsWith('.html') && !manifest[f]) fs.rmSync(path.join(DIR, f));
      return;
    }
    // The data must reach the branches it was shaped for, or the pins prove less than they claim.
    const all = Object.keys(manifest)
      .map((n) => fs.readFileSync(path.join(DIR, n), 'utf8'))
      .join('\n');
    expect(all).toContain('<picture>');
    expect(all).toContain('Tom&#39;s &quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt; &amp; &lt;/script&gt;&lt;!-- more');
    expect(Object.values(manifest).map((e) => e.status)).toEqual(expect.arrayContaining([200, 301, 400, 404, 410]));
    expect(Object.values(manifest).some((e) => e.path.includes('/before/') && e.status === 200)).toBe(true);

    expect(JSON.parse(fs.readFileSync(manifestFile, 'utf8'))).toEqual(manifest);
    expect(
      fs
        .readdirSync(DIR)
        .filter((f) => f.endsWith('.html'))
        .sort(),
      'fixtures without a page',
    ).toEqual(Object.keys(manifest).sort());
    expect(mismatched, 'pages whose HTML changed').toEqual([]);
    if (firstMismatch) expect(firstMismatch.html).toBe(firstMismatch.expected);
  });
});
