import { userPrincipal } from '../../src/content/principal.js';
import { createPreviewLink, revokePreviewLink } from '../../src/services/previews.js';
import type { SeededSite } from './site.js';

/**
 * Previews for the page-quality suite: the admin's preview (English and Russian, newest and an older revision), a
 * share link's page, a revoked link's 410 and an unknown token's 404. The English story keeps an active share link, so
 * its edit page (editor-pages.ts) shows the Preview card's list with its Revoke form.
 */
export async function previewPages(site: SeededSite, adminId: number, session: Record<string, string>) {
  const { demoContent } = await import('../../src/seed/demo-content.js');
  const idOf = async (key: string, locale: 'en' | 'ru') => {
    const v = demoContent.stories.find((st) => st.key === key)!.versions.find((x) => x.locale === locale)!;
    return (await site.db.kysely.selectFrom('articles').select('id').where('locale', '=', locale).where('headline', '=', v.headline).executeTakeFirstOrThrow())
      .id;
  };
  const en = await idOf('summit-joint-statement', 'en');
  const ru = await idOf('summit-joint-statement', 'ru');
  const who = userPrincipal({ id: adminId, role: 'admin', active: true });
  const shared = await createPreviewLink(site.deps, who, en, {});
  const revoked = await createPreviewLink(site.deps, who, ru, { pinRevision: true });
  await revokePreviewLink(site.deps, who, ru, revoked.id);
  return [
    { name: 'admin-preview-en', url: `/admin/articles/${en}/preview`, status: 200, headers: session },
    { name: 'admin-preview-ru-revision-1', url: `/admin/articles/${ru}/preview?revision=1`, status: 200, headers: session },
    { name: 'shared-preview-en', url: `/preview/${shared.token}`, status: 200 },
    { name: 'shared-preview-revoked', url: `/preview/${revoked.token}`, status: 410 },
    { name: 'shared-preview-unknown', url: `/preview/${'x'.repeat(43)}`, status: 404 },
  ];
}
