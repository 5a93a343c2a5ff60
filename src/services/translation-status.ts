import { can, canEditArticle } from '../content/policy.js';
import { stateOf, type WorkflowState } from '../content/workflow.js';
import { getArticleRow } from '../db/articles-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { needsUpdate, setTranslatedFrom, versionsOfStories } from '../db/desk-repo.js';
import { AppError } from '../errors.js';
import { mayReadArticle } from './articles.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { articleFor, forbidden } from './desk-article.js';
import { auditActor, type Principal } from '../content/principal.js';
import { diffRevisions, type RevisionDiff } from './revisions.js';

// The state of a story's translations: each language version, and for a translation whether it "needs update" (the
// source's text changed since the translation was made).

export type VersionStatus = {
  /** This viewer may read the version (mayReadArticle): it is shown in full. */
  readable: true;
  id: number;
  locale: string;
  headline: string;
  state: WorkflowState;
  revision: number;
  assigneeUserId: number | null;
  /** The source this version was translated from (null for the original, or when the source was deleted). */
  translatedFrom: { id: number; locale: string; revision: number } | null;
  /** The source's current revision (what "mark as up to date" records). */
  sourceRevision: number | null;
  needsUpdate: boolean;
  /**
   * When it needs an update: the word diff of the source from the revision the translation matches to now (omitted
   * when the reader may not read the source's drafts).
   */
  sourceDiff: RevisionDiff | null;
};

/**
 * A version this viewer may not read (someone else's draft, for a writer): that the language exists and how far it
 * is, which the desk needs to know (nobody starts a second translation into it), and nothing of its text or people.
 */
export type HiddenVersion = { readable: false; locale: string; state: WorkflowState };

export type StoryTranslations = { articleId: number; storyId: number; versions: (VersionStatus | HiddenVersion)[] };

/**
 * Every language version of the article's story with its state, and for translations whether they lag behind. A
 * version this viewer may not read is listed by language and state alone.
 */
export async function storyTranslations(deps: Deps, who: Principal, articleId: number): Promise<StoryTranslations> {
  const { row, resource } = await articleFor(deps, articleId);
  assertCan(who.actor, 'article.read-draft', resource);
  const now = nowIso(deps);
  const rows = await versionsOfStories(deps.db.kysely, [row.story_id]);
  const versions: (VersionStatus | HiddenVersion)[] = [];
  for (const v of rows) {
    if (v.id !== articleId && !(await mayReadArticle(deps, who, { id: v.id, status: v.status, publishedAt: v.published_at }))) {
      versions.push({ readable: false, locale: v.locale, state: stateOf(v, now) });
      continue;
    }
    const lagging = needsUpdate(v);
    const translatedFrom =
      v.translated_from_id !== null && v.source_locale !== null
        ? { id: v.translated_from_id, locale: v.source_locale, revision: v.translated_from_revision ?? 1 }
        : null;
    let sourceDiff: RevisionDiff | null = null;
    if (lagging && translatedFrom && v.source_revision !== null) {
      const source = await articleFor(deps, translatedFrom.id);
      if (can(who.actor, 'article.read-draft', source.resource)) {
        sourceDiff = await diffRevisions(deps, who, translatedFrom.id, translatedFrom.revision, v.source_revision);
      }
    }
    versions.push({
      readable: true,
      id: v.id,
      locale: v.locale,
      headline: v.headline,
      state: stateOf(v, now),
      revision: v.revision,
      assigneeUserId: v.assignee_user_id,
      translatedFrom,
      sourceRevision: v.source_revision,
      needsUpdate: lagging,
      sourceDiff,
    });
  }
  return { articleId, storyId: row.story_id, versions };
}

/**
 * "Mark as up to date": the translator has carried the source's changes over (or judged them not to matter), so the
 * translation now matches the source's current revision. Needs the right to edit the translation. Audited.
 */
export async function markTranslationUpToDate(deps: Deps, who: Principal, articleId: number): Promise<{ sourceId: number; revision: number }> {
  const { row, resource } = await articleFor(deps, articleId);
  if (!canEditArticle(who.actor, resource)) throw forbidden(who, 'edit this translation', 'article.edit-any');
  const source = row.translated_from_id !== null ? await getArticleRow(deps.db.kysely, row.translated_from_id) : undefined;
  if (!source) {
    throw new AppError('VALIDATION_FAILED', `Article ${articleId} is not a translation of another article here.`, {
      hint: 'Only a translation made with "Translate" knows its source; open the source to see its translations.',
      details: { fields: { translatedFromId: 'none' } },
    });
  }
  const { actorUserId, via } = auditActor(who);
  await deps.db.kysely.transaction().execute(async (trx) => {
    await setTranslatedFrom(trx, articleId, source.id, source.revision);
    await insertAudit(trx, {
      at: nowIso(deps),
      actorUserId,
      action: 'article.translation-up-to-date',
      subjectType: 'article',
      subjectId: articleId,
      details: { sourceId: source.id, from: row.translated_from_revision, to: source.revision, ...via },
    });
  });
  return { sourceId: source.id, revision: source.revision };
}
