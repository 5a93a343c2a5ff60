import { parseRenditions } from '../../src/content/media.js';
import { uploadMedia } from '../../src/services/media.js';
import type { Principal } from '../../src/content/principal.js';
import { testImage } from './images.js';
import type { SeededSite } from './site.js';

/**
 * Pages that show library images, for the page-quality suite: the newest English story gets a library hero and a
 * body image (so the home page's lead shows one too), and the admin's media library and item pages (one item without
 * alt text, which is marked).
 */
export async function mediaPages(site: SeededSite, session: Record<string, string>) {
  const editor: Principal = { actor: { id: -1, role: 'editor', active: true }, userId: null, apiKeyId: null };
  const media = { dataDir: site.dataDir, maxBytes: 20 * 1024 * 1024 };
  const hero = (
    await uploadMedia(site.deps, media, editor, {
      bytes: await testImage('jpeg', 1200, 700),
      fileName: 'quality-hero.jpg',
      alt: 'Two colours side by side',
      caption: 'A test picture',
      credit: 'Photo: QA',
    })
  ).item;
  const bare = (await uploadMedia(site.deps, media, editor, { bytes: await testImage('png', 500, 500), fileName: 'no-alt.png' })).item;
  const k = site.db.kysely;
  const story = await k
    .selectFrom('articles')
    .select(['id', 'body'])
    .where('locale', '=', 'en')
    .where('status', '=', 'published')
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  const body = JSON.parse(story.body);
  const fallback = parseRenditions(bare.renditions)
    .filter((r) => r.format === 'jpeg')
    .at(-1)!.path;
  body.content.splice(1, 0, { type: 'image', attrs: { src: fallback, alt: 'A square in two colours', caption: 'Inline', mediaId: bare.id } });
  await k
    .updateTable('articles')
    .set({ hero_media_id: hero.id, hero_alt: null, body: JSON.stringify(body) })
    .where('id', '=', story.id)
    .execute();
  const path = (await site.app.request(`/a/${story.id}`)).headers.get('location')!;
  return [
    { name: 'article-en-library-images', url: path, status: 200 },
    { name: 'admin-media', url: '/admin/media', status: 200, headers: session },
    { name: 'admin-media-item', url: `/admin/media/${hero.id}`, status: 200, headers: session },
    { name: 'admin-media-item-no-alt', url: `/admin/media/${bare.id}`, status: 200, headers: session },
  ];
}
