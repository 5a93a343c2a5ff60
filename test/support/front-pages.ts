import type { Principal } from '../../src/content/principal.js';
import { saveFrontPage } from '../../src/services/front-pages.js';
import type { SeededSite } from './site.js';

/**
 * The front page, for the page-quality suite: the Russian home page gets a pinned lead, top stories (one with an
 * expiry to come, one that ran out) and a section order, so /ru/ shows the "top stories" block; and the admin's
 * front-page screen in both states (pins, and nothing pinned).
 */
export async function frontPages(site: SeededSite, session: Record<string, string>) {
  const editor: Principal = { actor: { id: -1, role: 'editor', active: true }, userId: null, apiKeyId: null };
  const now = site.deps.clock().toISOString();
  const ru = await site.db.kysely
    .selectFrom('articles')
    .select(['id', 'published_at'])
    .where('locale', '=', 'ru')
    .where('status', '=', 'published')
    .where('kind', '=', 'story')
    .orderBy('published_at', 'asc')
    .limit(4)
    .execute();
  const [lead, a, b, c] = ru.map((r) => r.id);
  await saveFrontPage(site.deps, editor, site.site.locales, 'ru', {
    lead: lead!,
    top: [{ articleId: a! }, { articleId: b!, until: new Date(Date.parse(now) + 86_400_000).toISOString() }, { articleId: c!, until: '2020-01-01T00:00:00Z' }],
    sections: ['economy'],
  });
  return [
    { name: 'admin-front-page-ru-pinned', url: '/admin/front-pages/ru', status: 200, headers: session },
    { name: 'admin-front-page-kk-nothing-pinned', url: '/admin/front-pages/kk', status: 200, headers: session },
  ];
}
