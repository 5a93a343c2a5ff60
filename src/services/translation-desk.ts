import { can, canEditArticle } from '../content/policy.js';
import { stateOf } from '../content/workflow.js';
import { loadArticle } from '../db/load-article.js';
import { listAssignableUsers, listNotes, userNames } from '../db/desk-repo.js';
import { notFound } from '../errors.js';
import { mayReadArticle } from './articles.js';
import { mayNote, toNote } from './article-notes.js';
import { nowIso, type Deps } from './deps.js';
import { articleFor } from './desk-article.js';
import type { Principal } from '../content/principal.js';
import { storyTranslations, type VersionStatus } from './translation-status.js';

/**
 * Everything the translation desk page shows of an article: the article and (for a translation) its source, the
 * story's versions, the source's diff when it changed, notes, assignment, and what this user may do there.
 */
export async function translationDesk(deps: Deps, who: Principal, articleId: number, siteLocales: readonly string[]) {
  const k = deps.db.kysely;
  const story = await storyTranslations(deps, who, articleId);
  const { row, resource } = await articleFor(deps, articleId);
  const [article, notes, assignee] = await Promise.all([
    loadArticle(k, articleId),
    listNotes(k, articleId),
    row.assignee_user_id !== null ? userNames(k, [row.assignee_user_id]) : Promise.resolve(new Map<number, string>()),
  ]);
  if (!article) throw notFound(`Article ${articleId}`, 'It may have been deleted.');
  // storyTranslations refused already unless this viewer may read the article itself.
  const self = story.versions.find((v): v is VersionStatus => v.readable && v.id === articleId)!;
  let source = null;
  if (self.translatedFrom) {
    const s = await articleFor(deps, self.translatedFrom.id);
    const loaded = await loadArticle(k, s.row.id);
    if (loaded && (await mayReadArticle(deps, who, loaded))) {
      source = { article: loaded, state: stateOf(s.row, nowIso(deps)), matchedRevision: self.translatedFrom.revision, currentRevision: s.row.revision };
    }
  }
  const taken = new Set(story.versions.map((v) => v.locale));
  const canEdit = canEditArticle(who.actor, resource);
  return {
    article,
    state: self.state,
    source,
    needsUpdate: self.needsUpdate,
    sourceDiff: self.sourceDiff?.fields ?? null,
    versions: story.versions,
    translateInto: can(who.actor, 'article.translate', resource) ? siteLocales.filter((l) => !taken.has(l)) : [],
    canEdit,
    canMarkUpToDate: canEdit && source !== null,
    notes: notes.map(toNote),
    canNote: mayNote(who, resource),
    assignee:
      row.assignee_user_id !== null && assignee.has(row.assignee_user_id) ? { id: row.assignee_user_id, name: assignee.get(row.assignee_user_id)! } : null,
    assignable: can(who.actor, 'article.assign', resource) ? await listAssignableUsers(k) : [],
  };
}
