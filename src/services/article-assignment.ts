import { insertAudit } from '../db/audit-repo.js';
import { findActiveUser, setAssignee } from '../db/desk-repo.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { articleFor, invalidField } from './desk-article.js';
import { auditActor, type Principal } from '../content/principal.js';

/** Puts a person (any active account) on the article, or nobody (`null`). Audited with who it was before. */
export async function assignArticle(deps: Deps, who: Principal, articleId: number, userId: number | null): Promise<{ id: number; name: string } | null> {
  const { row, resource } = await articleFor(deps, articleId);
  assertCan(who.actor, 'article.assign', resource);
  const user = userId === null ? null : await findActiveUser(deps.db.kysely, userId);
  if (userId !== null && !user) {
    throw invalidField(
      'assigneeUserId',
      `no active user ${userId}`,
      `There is no active account ${userId} to assign.`,
      'Choose someone from the list of accounts.',
    );
  }
  if (row.assignee_user_id !== (user?.id ?? null)) {
    const { actorUserId, via } = auditActor(who);
    await deps.db.kysely.transaction().execute(async (trx) => {
      await setAssignee(trx, articleId, user?.id ?? null);
      await insertAudit(trx, {
        at: nowIso(deps),
        actorUserId,
        action: 'article.assigned',
        subjectType: 'article',
        subjectId: articleId,
        details: { from: row.assignee_user_id, to: user?.id ?? null, ...via },
      });
    });
  }
  return user ? { id: user.id, name: user.name } : null;
}
