import type { SeededSite } from './site.js';

/**
 * The article editor's pages for the page-quality suite: the edit page of the demo story that holds every body node
 * (fact box, table, pull quote, embed: shown read-only by the server, then in the editor in Chromium), of a story with
 * a partner credit, hero and translation, and the "new article" form.
 */
export async function editorPages(site: SeededSite, session: Record<string, string>) {
  const { demoContent } = await import('../../src/seed/demo-content.js');
  const idOf = async (key: string, locale: 'en' | 'ru') => {
    const v = demoContent.stories.find((st) => st.key === key)!.versions.find((x) => x.locale === locale)!;
    return (await site.db.kysely.selectFrom('articles').select('id').where('locale', '=', locale).where('headline', '=', v.headline).executeTakeFirstOrThrow())
      .id;
  };
  return [
    { name: 'admin-edit-every-body-node', url: `/admin/articles/${await idOf('grain-rail-discount', 'en')}/edit`, status: 200, headers: session },
    { name: 'admin-edit-partner-story', url: `/admin/articles/${await idOf('summit-joint-statement', 'en')}/edit`, status: 200, headers: session },
    { name: 'admin-new-article', url: '/admin/articles/new', status: 200, headers: session },
  ];
}
