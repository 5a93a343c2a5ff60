import { auditActor, type Principal } from '../content/principal.js';
import { surrogateKey } from '../content/surrogate-keys.js';
import { articleResource } from '../db/article-access.js';
import { deleteArticleRow, firstSectionId, getArticleRow } from '../db/articles-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { AppError, notFound } from '../errors.js';
import type { ArticleInput } from './article-input.js';
import { createDraft, listArticles, readArticle, saveArticle, type AdminArticle } from './articles.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';

/**
 * Pages (About, Contact, the ethics and corrections policies, Privacy): articles of kind `page`, so they are written
 * in the same editor, with the same revisions, pending changes, previews and workflow as stories. What a page lacks
 * is filled in here: it has no section of its own (the column is filled with the first section, which nothing shows),
 * no tags, bylines, dateline or partner. Starting one needs `page.manage`; editing, publishing and deleting one follow
 * the article rules. Its address is `/{lang}/{slug}` (content/urls.ts pagePath), its slug exact or refused
 * (services/article-store.ts pageSlug).
 */

/** What a client sets on a page. */
export type PageFields = Pick<ArticleInput, 'headline' | 'deck' | 'slug' | 'body' | 'hero' | 'seoTitle' | 'seoDescription' | 'canonicalUrl'>;

/** What a page never has, whatever was sent: a save replaces the article's fields whole. */
const notOnAPage = () => ({ tagIds: [] as number[], bylines: [] as { contributorId: number; role: 'author' }[], dateline: null, source: null });

export async function listPages(deps: Deps, who: Principal, q: { locale?: string | undefined }) {
  // Sites have a handful of pages per language: one page of the list holds them all.
  const { items } = await listArticles(deps, who, { kind: 'page', ...(q.locale ? { locale: q.locale } : {}), limit: 100 });
  return items;
}

export async function createPage(deps: Deps, who: Principal, sent: PageFields & { locale: string }): Promise<number> {
  assertCan(who.actor, 'page.manage');
  const sectionId = await firstSectionId(deps.db.kysely);
  if (sectionId === undefined) {
    throw new AppError('VALIDATION_FAILED', 'The site has no section yet, and every article, pages too, is filed under one.', {
      hint: 'Create a section first (Admin › Sections, or POST /api/admin/v1/sections); readers never see it on a page.',
      details: { fields: { sectionId: 'no section exists' } },
    });
  }
  return createDraft(deps, who, { ...sent, ...notOnAPage(), kind: 'page', sectionId });
}

export async function readPage(deps: Deps, who: Principal, id: number): Promise<AdminArticle> {
  const a = await readArticle(deps, who, id);
  if (a.article.kind !== 'page') throw notPage(id);
  return a;
}

export async function savePage(
  deps: Deps,
  who: Principal,
  id: number,
  baseRevision: number,
  sent: PageFields & { locale?: string | undefined },
): Promise<number> {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row || row.kind !== 'page') throw notPage(id);
  return saveArticle(deps, who, id, baseRevision, { ...sent, ...notOnAPage(), sectionId: row.section_id });
}

/**
 * Deletes a page under `article.delete` (editors throw away drafts; a page readers have seen only an admin removes).
 * Its address then answers 404 and every footer of its language drops the link.
 */
export async function deletePage(deps: Deps, who: Principal, id: number): Promise<void> {
  const k = deps.db.kysely;
  const row = await getArticleRow(k, id);
  if (!row || row.kind !== 'page') throw notPage(id);
  assertCan(who.actor, 'article.delete', await articleResource(k, row));
  const { actorUserId, via } = auditActor(who);
  await k.transaction().execute(async (trx) => {
    await deleteArticleRow(trx, id);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId,
      action: 'page.deleted',
      subjectType: 'article',
      subjectId: id,
      details: { locale: row.locale, slug: row.slug, status: row.status, ...via },
    });
  });
  await deps.changes.publish([surrogateKey.article(id), surrogateKey.removed(id), surrogateKey.story(row.story_id), surrogateKey.locale(row.locale)]);
}

const notPage = (id: number) => notFound(`Page ${id}`, 'Pages are listed at GET /api/admin/v1/pages; a story is read at /articles/{id}.');
