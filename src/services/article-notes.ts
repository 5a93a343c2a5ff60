import { canEditArticle, type ArticleResource } from '../content/policy.js';
import { NOTE_MAX } from '../content/types.js';
import { insertNote, listNotes, userNames } from '../db/desk-repo.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { articleFor, forbidden, invalidField } from './desk-article.js';
import type { Principal } from '../content/principal.js';

/**
 * Editorial notes on an article: written by whoever may edit the article (its writers while it is theirs to edit,
 * editors and admins on anything: the people who review it) and read by whoever may read its drafts.
 */
export type Note = { id: number; articleId: number; user: { id: number; name: string } | null; text: string; createdAt: string };

export const toNote = (r: { id: number; article_id: number; user_id: number | null; user_name: string | null; text: string; created_at: string }): Note => ({
  id: r.id,
  articleId: r.article_id,
  user: r.user_id !== null && r.user_name !== null ? { id: r.user_id, name: r.user_name } : null,
  text: r.text,
  createdAt: r.created_at,
});

/** May this principal write notes on the article? (For showing the form; addNote decides for itself.) */
export const mayNote = (who: Principal, resource: ArticleResource) => canEditArticle(who.actor, resource);

/** The article's notes, oldest first. */
export async function listArticleNotes(deps: Deps, who: Principal, articleId: number): Promise<Note[]> {
  const { resource } = await articleFor(deps, articleId);
  assertCan(who.actor, 'article.read-draft', resource);
  return (await listNotes(deps.db.kysely, articleId)).map(toNote);
}

/** A note on the article, by whoever may edit it. Returns the note. */
export async function addNote(deps: Deps, who: Principal, articleId: number, text: string): Promise<Note> {
  const { resource } = await articleFor(deps, articleId);
  if (!mayNote(who, resource)) throw forbidden(who, 'write notes on this article', 'article.edit-any');
  const trimmed = text.trim();
  if (!trimmed || trimmed.length > NOTE_MAX) {
    throw invalidField(
      'text',
      `between 1 and ${NOTE_MAX} characters`,
      `A note needs between 1 and ${NOTE_MAX} characters of text.`,
      'Write the note and send it again.',
    );
  }
  const now = nowIso(deps);
  const id = await insertNote(deps.db.kysely, { articleId, userId: who.userId, text: trimmed, createdAt: now });
  const names = who.userId !== null ? await userNames(deps.db.kysely, [who.userId]) : new Map<number, string>();
  return {
    id,
    articleId,
    user: who.userId !== null && names.has(who.userId) ? { id: who.userId, name: names.get(who.userId)! } : null,
    text: trimmed,
    createdAt: now,
  };
}
