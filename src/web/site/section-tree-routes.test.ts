import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../../content/principal.js';
import { surrogateKey } from '../../content/surrogate-keys.js';
import { createArticle } from '../../services/article-store.js';
import { createSection } from '../../services/sections.js';
import { cachedSite, type CachedSite } from '#test/cached-site.js';
import { doc, newsroom, type Newsroom } from '#test/fixtures.js';
import { forEachEngine } from '#test/for-each-engine.js';

const editor: Principal = { actor: { id: -1, role: 'editor', active: true }, userId: null, apiKeyId: null };
const HOUR = 3_600_000;

/** The headlines of a list page's stories (in <main>, before the "Latest news" aside), in page order. */
const storiesOf = (html: string) => {
  const main = /<main id="main">([\s\S]*)<\/main>/.exec(html)![1]!;
  const body = main.slice(0, main.indexOf('<aside>'));
  return [...body.matchAll(/<a href="\/en\/[a-z0-9-]+\/\d{4}\/\d{2}\/[a-z0-9-]+">([^<]+)<\/a>/g)].map((m) => m[1]!);
};
const olderHref = (html: string) => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replace(/&amp;/g, '&');

/**
 * A section's page and feed list its sub-sections' stories too, at every level (as a WordPress category page lists
 * its child categories' posts), newest first across them, with keyset pages that follow one another; and a story
 * published deep in the branch re-renders the cached pages of the sections above it at once.
 */
forEachEngine('a section’s page with its sub-sections’ stories: %s', (engine) => {
  let s: CachedSite;
  let n: Newsroom;
  const ids: Record<string, number> = {};
  /** Every story made, newest last. */
  const made: { headline: string; section: string }[] = [];
  const base = Date.now() - 100 * HOUR;
  const publish = (section: string, headline: string, at: number) =>
    createArticle(s.deps, {
      locale: 'en',
      headline,
      body: doc('Text.'),
      sectionId: ids[section]!,
      bylines: [],
      status: 'published',
      publishedAt: new Date(at).toISOString(),
    });

  beforeAll(async () => {
    s = await cachedSite({ engine, seed: false });
    n = await newsroom(s.db);
    ids['politics'] = n.politics;
    ids['economy'] = n.economy;
    // Five levels, the most the tree allows, and a hidden sub-section (its stories are public: hiding takes it from the menu).
    const chain: [string, string, boolean?][] = [
      ['elections', 'politics'],
      ['local', 'elections'],
      ['district', 'local'],
      ['precinct', 'district'],
      ['polls', 'elections', true],
    ];
    for (const [slug, parent, hidden] of chain) {
      const names = { en: slug, ru: slug, kk: slug };
      ids[slug] = (await createSection(s.deps, editor, ['en', 'ru', 'kk'], { slug, names, parentId: ids[parent], ...(hidden ? { hidden } : {}) })).id;
    }
    const order = ['politics', 'elections', 'local', 'precinct', 'polls', 'economy', 'district'];
    for (let i = 0; i < 35; i++) {
      const section = order[i % order.length]!;
      made.push({ headline: `Story ${i} in ${section}`, section });
      await publish(section, `Story ${i} in ${section}`, base + i * HOUR);
    }
  }, 60_000);
  afterAll(async () => s?.close());

  const newestFirst = (sections: string[]) =>
    made
      .filter((x) => sections.includes(x.section))
      .map((x) => x.headline)
      .reverse();

  /** Every page of a list, following its "older stories" links from the first. */
  const walk = async (path: string) => {
    const pages: string[][] = [];
    for (let at: string | undefined = path; at;) {
      const res = await s.app.request(at);
      expect(res.status, at).toBe(200);
      const html = await res.text();
      pages.push(storiesOf(html));
      at = olderHref(html);
    }
    return pages;
  };

  it('lists the section’s stories and its sub-sections’ at every level, newest first, page after page', async () => {
    const pages = await walk('/en/section/politics');
    expect(pages.map((p) => p.length)).toEqual([12, 12, 6]);
    expect(pages.flat()).toEqual(newestFirst(['politics', 'elections', 'local', 'district', 'precinct', 'polls']));
    // A sub-section's page: its own branch only, not its parent's stories nor a sibling branch's.
    expect((await walk('/en/section/local')).flat()).toEqual(newestFirst(['local', 'district', 'precinct']));
    expect((await walk('/en/section/precinct')).flat()).toEqual(newestFirst(['precinct']));
    expect((await walk('/en/section/economy')).flat()).toEqual(newestFirst(['economy']));
  });

  it('refuses a cursor that is not the position of one of the list’s stories (a sub-section’s story is one)', async () => {
    const first = await (await s.app.request('/en/section/local')).text();
    const older = olderHref(first);
    expect(older).toBeDefined();
    // The same cursor on a section whose list does not hold that story (a sibling branch) is no page of it.
    expect((await s.app.request(older!.replace('/local/', '/economy/'))).status).toBe(404);
    expect((await s.app.request(older!.replace('/local/', '/politics/'))).status).toBe(200);
  });

  it('the section’s feeds list the same stories', async () => {
    const rss = await (await s.app.request('/en/section/elections/feed.xml')).text();
    const titles = [...rss.matchAll(/<item>[\s\S]*?<title>(?:<!\[CDATA\[)?([^<\]]+)/g)].map((m) => m[1]);
    expect(titles).toEqual(newestFirst(['elections', 'local', 'district', 'precinct', 'polls']));
    const atom = await (await s.app.request('/en/section/district/atom.xml')).text();
    expect(atom).toContain('Story 6 in district');
    expect(atom).toContain('Story 3 in precinct');
    expect(atom).not.toContain('Story 2 in local');
  });

  it('names in Surrogate-Key the section fronts of every sub-section it lists', async () => {
    const keys = (await s.app.request('/en/section/politics')).headers.get('surrogate-key')!.split(' ');
    for (const slug of ['politics', 'elections', 'local', 'district', 'precinct', 'polls'])
      expect(keys, slug).toContain(surrogateKey.section(ids[slug]!, 'en'));
    expect(keys).not.toContain(surrogateKey.section(n.economy, 'en'));
  });

  // Regression: a section's page carried the keys of its own section and of the sub-sections it links, not of those
  // further down (or hidden), so a story published four levels down left the top section's cached page to its next
  // reader instead of re-rendering it at once as a section front whose list changed.
  it('a story published in a sub-section’s sub-section re-renders the cached pages of the sections above it at once', async () => {
    const fronts = ['/en/section/politics', '/en/section/elections', '/en/section/district'];
    const older = olderHref(await s.text('/en/section/politics'))!;
    const outside = '/en/section/economy';
    for (const path of [...fronts, older, outside]) await s.get(path);
    await s.cache.idle();
    for (const path of [...fronts, older, outside]) expect((await s.get(path)).headers['x-cache'], path).toBe('HIT');
    s.rendered.length = 0;
    await publish('precinct', 'Newest in precinct', Date.now() - HOUR / 2);
    // Without a reader asking: the cache's own re-render, once the change is announced.
    await s.cache.idle();
    const pages = s.cache['pages'] as Map<string, { stale: boolean; bodies: { identity: Buffer } }>;
    for (const path of fronts) {
      expect(s.rendered, path).toContain(path);
      expect(pages.get(path)!.stale, path).toBe(false);
      expect(storiesOf(pages.get(path)!.bodies.identity.toString('utf8'))[0], path).toBe('Newest in precinct');
    }
    // An older page of the parent: invalidated too (its stories moved down a place), re-rendered when next read.
    expect(pages.get(older)!.stale).toBe(true);
    // A section outside the branch: only its "Latest news" changed, which waits for its next reader.
    expect(pages.get(outside)!.stale).toBe(true);
    expect(s.rendered).not.toContain(outside);
  });
});
