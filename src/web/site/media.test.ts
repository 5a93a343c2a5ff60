import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRenditions } from '../../content/media.js';
import type { MediaRow } from '../../db/media-repo.js';
import { editMedia, uploadMedia } from '../../services/media.js';
import type { Principal } from '../../content/principal.js';
import { testImage } from '#test/images.js';
import { seededSite, seedShapedArticle, type SeededSite } from '#test/site.js';

const editor: Principal = { actor: { id: -1, role: 'editor', active: true }, userId: null, apiKeyId: null };

describe('library images on the reader’s pages', () => {
  let s: SeededSite;
  let article: { id: number; path: string };
  let hero: MediaRow;
  let inBody: MediaRow;
  let baseline: number;

  const page = async (path = article.path) => {
    s.queries.count = 0;
    const res = await s.app.request(path);
    expect(res.status).toBe(200);
    return { html: await res.text(), queries: s.queries.count };
  };

  beforeAll(async () => {
    s = await seededSite('sqlite');
    article = await seedShapedArticle(s);
    await page(); // the first request also reads the shared lists (sections, latest news), kept afterwards
    baseline = (await page()).queries;
    const media = { dataDir: s.dataDir, maxBytes: 20 * 1024 * 1024 };
    hero = (
      await uploadMedia(s.deps, media, editor, {
        bytes: await testImage('jpeg', 1400, 700),
        fileName: 'Harbour.jpg',
        alt: 'Library alt',
        caption: 'Library caption',
      })
    ).item;
    inBody = (
      await uploadMedia(s.deps, media, editor, {
        bytes: await testImage('png', 500, 400),
        fileName: 'chart.png',
        alt: 'A bar chart',
        caption: 'Exports by year',
        credit: 'Chart: Desk',
      })
    ).item;
    await editMedia(s.deps, editor, hero.id, { focalX: 0.3, focalY: 0.7 });
  }, 60_000);
  afterAll(async () => s?.cleanup());

  it('shows a library hero as <picture> with AVIF and WebP sources and a JPEG fallback, at no extra query', async () => {
    await s.db.kysely.updateTable('articles').set({ hero_media_id: hero.id, hero_alt: 'Ships in the harbour at dawn' }).where('id', '=', article.id).execute();
    const { html, queries } = await page();
    expect(queries).toBe(baseline);
    const figure = /<figure class="hero">([\s\S]*?)<\/figure>/.exec(html)![1]!;
    const widths = [320, 640, 960, 1280, 1400];
    const set = (ext: string) => widths.map((w) => `/media/lib/${hero.sha256!.slice(0, 20)}/harbour-${w}.${ext} ${w}w`).join(', ');
    const sizes = 'sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)"';
    expect(figure).toContain(`<picture><source type="image/avif" srcset="${set('avif')}" ${sizes}><source type="image/webp" srcset="${set('webp')}" ${sizes}>`);
    expect(figure).toContain(
      `<img src="/media/lib/${hero.sha256!.slice(0, 20)}/harbour-1400.jpg" srcset="${set('jpg')}" ${sizes} width="1400" height="700" alt="Ships in the harbour at dawn" fetchpriority="high" class="fx3 fy7"></picture>`,
    );
    // The story's own caption wins; without one, the library's shows.
    expect(figure).toContain('<figcaption>');
    // Every rendition it names is served.
    for (const r of parseRenditions(hero.renditions)) expect((await s.app.request(r.path)).status).toBe(200);
  });

  it('shows a body image with a mediaId as <picture>, lazily, with the library’s alt, caption and credit: one more query', async () => {
    const row = await s.db.kysely.selectFrom('articles').select('body').where('id', '=', article.id).executeTakeFirstOrThrow();
    const body = JSON.parse(row.body);
    const fallback = parseRenditions(inBody.renditions)
      .filter((r) => r.format === 'jpeg')
      .at(-1)!.path;
    body.content.splice(2, 0, { type: 'image', attrs: { src: fallback, alt: '', mediaId: inBody.id } });
    await s.db.kysely
      .updateTable('articles')
      .set({ body: JSON.stringify(body) })
      .where('id', '=', article.id)
      .execute();
    const { html, queries } = await page();
    expect(queries).toBe(baseline + 1);
    const figure = new RegExp(`<figure><picture>(?:(?!</figure>).)*${fallback.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?:(?!</figure>).)*</figure>`).exec(
      html,
    )?.[0];
    expect(figure).toBeDefined();
    expect(figure).toContain('<source type="image/avif" srcset="');
    expect(figure).toContain('alt="A bar chart" loading="lazy" decoding="async" class="fx5 fy5"');
    expect(figure).toContain('width="500" height="400"');
    expect(figure).toContain('<figcaption>Exports by year <small>Chart: Desk</small></figcaption>');
    // Feeds carry the plain fallback image: feed readers do not need <picture>.
    const feed = await (await s.app.request('/en/feed.xml')).text();
    expect(feed).toContain(fallback);
  });

  it('shows library heroes on cards with a srcset sized for a card', async () => {
    const { html } = await page('/en/section/world');
    if (!html.includes(hero.sha256!.slice(0, 20))) return expect.fail('the section page does not list the article');
    expect(html).toMatch(/<li class="card"><picture><source type="image\/avif" srcset="[^"]+-320\.avif 320w[^"]*" sizes="\(min-width: 60rem\) 16rem/);
  });

  it('announces the pages that show an item when its text changes', async () => {
    const heard: string[][] = [];
    const stop = s.deps.changes.subscribe((keys) => heard.push(keys));
    await editMedia(s.deps, editor, inBody.id, { caption: 'Exports by year, in tonnes' });
    await editMedia(s.deps, editor, hero.id, { credit: 'Photo: Desk' });
    stop();
    expect(heard).toEqual([[`a${article.id}`], [`a${article.id}`]]);
  });
});
