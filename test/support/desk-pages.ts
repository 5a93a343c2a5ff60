import { listSections } from '../../src/db/taxonomy-repo.js';
import { saveArticle, translateArticle } from '../../src/services/articles.js';
import { createArticle } from '../../src/services/article-store.js';
import { assignArticle } from '../../src/services/article-assignment.js';
import { addNote } from '../../src/services/article-notes.js';
import { userPrincipal } from '../../src/content/principal.js';
import { changeStatus, scheduleArticle } from '../../src/services/workflow.js';
import { doc } from './fixtures.js';
import type { SeededSite } from './site.js';

/**
 * The article list and the translation desk with something on them, for the page-quality suite: a story with a
 * translation whose source has changed since (so the diff and "mark as up to date" show), a note and an assignee.
 */
export async function deskPages(site: SeededSite, adminId: number, headers: Record<string, string>) {
  const who = userPrincipal({ id: adminId, role: 'admin', active: true });
  const [section] = await listSections(site.db.kysely, 'en');
  const fields = { headline: 'Desk check: grain corridor reopens', deck: 'Ships sail again.', sectionId: section!.id };
  const source = await createArticle(
    site.deps,
    { locale: 'en', ...fields, body: doc('The first ship left at dawn.', 'Insurers are cautious.'), status: 'draft' },
    adminId,
  );
  const ru = await translateArticle(site.deps, who, source, { locale: 'ru' });
  await saveArticle(site.deps, who, source, 1, { ...fields, body: doc('The second ship left at noon.', 'Insurers are cautious.') });
  await addNote(site.deps, who, ru, 'Please keep the quote as it is.\nThanks!');
  await assignArticle(site.deps, who, ru, adminId);
  // Something for each of the dashboard's lists.
  const later = await createArticle(
    site.deps,
    { locale: 'en', ...fields, headline: 'Desk check: embargoed report', body: doc('Later.'), status: 'draft' },
    adminId,
  );
  await scheduleArticle(site.deps, who, later, '2026-12-01T06:00:00.000Z');
  const waiting = await createArticle(
    site.deps,
    { locale: 'en', ...fields, headline: 'Desk check: waiting for review', body: doc('Soon.'), status: 'draft' },
    adminId,
  );
  await changeStatus(site.deps, who, waiting, 'in_review');
  return [
    { name: 'admin-articles', url: '/admin/articles', status: 200, headers },
    { name: 'admin-articles-filtered-empty', url: '/admin/articles?language=ru&status=archived&from=2026-01-01', status: 200, headers },
    { name: 'admin-desk-source', url: `/admin/articles/${source}/translation`, status: 200, headers },
    { name: 'admin-desk-translation-needs-update', url: `/admin/articles/${ru}/translation`, status: 200, headers },
  ];
}
