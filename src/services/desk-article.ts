import { articleResource } from '../db/article-access.js';
import { getArticleRow } from '../db/articles-repo.js';
import { AppError, notFound } from '../errors.js';
import type { Deps } from './deps.js';
import type { Principal } from '../content/principal.js';

/** The article a desk action is about, with what the policy needs to decide on it; NOT_FOUND when it is gone. */
export async function articleFor(deps: Deps, id: number) {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  return { row, resource: await articleResource(deps.db.kysely, row) };
}

export const forbidden = (who: Principal, what: string, action: string) =>
  new AppError('FORBIDDEN', `Your role (${who.actor.role}) may not ${what}.`, {
    hint: 'Writers work on their own stories until they are submitted; editors and admins on any. README.md "Who may do what".',
    details: { action },
  });

export const invalidField = (field: string, message: string, summary: string, hint: string) =>
  new AppError('VALIDATION_FAILED', summary, { hint, details: { fields: { [field]: message } } });
