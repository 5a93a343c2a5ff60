import type { SeededSite } from './site.js';

/**
 * The article editor's pages for the page-quality suite: the edit page of the demo story that holds every body node
 * (fact box, table, pull quote, embed: shown read-only by the server, then in the editor in Chromium), of a story with
 * a partner credit, hero and translation, and the "new article" form; a live story's pending changes compared with
 * the live version, and the article list filtered on pending changes.
 */
export async function editorPages(site: SeededSite, session: Record<string, string>) {
  const { demoContent } = await import('../../src/seed/demo-content.js');
  const idOf = async (key: string, locale: 'en' | 'ru') => {
    const v = demoContent.stories.find((st) => st.key === key)!.versions.find((x) => x.locale === locale)!;
    return (await site.db.kysely.selectFrom('articles').select('id').where('locale', '=', locale).where('headline', '=', v.headline).executeTakeFirstOrThrow())
      .id;
  };
  const pending = await withPendingChanges(site, await idOf('grain-rail-discount', 'ru'));
  return [
    { name: 'admin-edit-pending-changes', url: `/admin/articles/${pending}/edit`, status: 200, headers: session },
    // "Compare with live" without JavaScript, and the article list filtered on (and flagging) pending changes.
    { name: 'admin-compare-pending', url: `/admin/articles/${pending}/compare`, status: 200, headers: session },
    { name: 'admin-articles-pending', url: '/admin/articles?pending=1', status: 200, headers: session },
    { name: 'admin-edit-every-body-node', url: `/admin/articles/${await idOf('grain-rail-discount', 'en')}/edit`, status: 200, headers: session },
    { name: 'admin-edit-partner-story', url: `/admin/articles/${await idOf('summit-joint-statement', 'en')}/edit`, status: 200, headers: session },
    { name: 'admin-new-article', url: '/admin/articles/new', status: 200, headers: session },
  ];
}

/** A live story with pending changes waiting, so that its edit page shows "Pending changes — not live". */
async function withPendingChanges(site: SeededSite, id: number): Promise<number> {
  const { latestSnapshot } = await import('../../src/db/admin-articles-repo.js');
  const { getArticleRow } = await import('../../src/db/articles-repo.js');
  const { savePendingChanges } = await import('../../src/services/pending-changes.js');
  const { CONTENT_FIELDS } = await import('../../src/services/pending-info.js');
  const row = (await getArticleRow(site.db.kysely, id))!;
  const snap = (await latestSnapshot(site.db.kysely, id))!;
  const content = Object.fromEntries(CONTENT_FIELDS.filter((k) => snap[k] !== undefined && snap[k] !== null).map((k) => [k, snap[k]]));
  const admin = { actor: { id: -1, role: 'admin' as const, active: true }, userId: null, apiKeyId: null };
  await savePendingChanges(site.deps, admin, id, row.revision, { ...content, headline: `${row.headline} (обновлено)` } as Parameters<
    typeof savePendingChanges
  >[4]);
  return id;
}
