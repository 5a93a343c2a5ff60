import { followMerges } from './merged-references.js';
import { canEditArticle } from '../content/policy.js';
import { wordDiff, type DiffPart } from '../content/text-diff.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow } from '../db/articles-repo.js';
import { getRevision, listRevisionsWithUsers, type RevisionRow } from '../db/revisions-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import { AppError, issueFields, notFound } from '../errors.js';
import { documentText, documentWordCount } from '../content/document-text.js';
import type { Doc } from '../content/document.js';
import { articleInput } from './article-input.js';
import { saveArticle } from './articles.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { auditActor, type Principal } from '../content/principal.js';

/**
 * An article's history: every save (and every status change) is a revision holding the full state. These use cases
 * list it, show one revision, diff two word by word, and restore one. A restore is a new save on top of the latest
 * revision, so the history only grows and nothing in it is ever rewritten.
 *
 * Reading history needs `article.read-draft` on the article even when it is published: old revisions hold text
 * readers never saw. Restoring needs the right to edit it now.
 */

export type RevisionSummary = {
  number: number;
  createdAt: string;
  user: { id: number; name: string } | null;
  headline: string;
  wordCount: number;
  status: string | null;
  /** Pending changes to a live story, not what readers saw. */
  pending: boolean;
};
export type RevisionDetail = RevisionSummary & { snapshot: Record<string, unknown> };
export type RevisionDiff = { articleId: number; from: number; to: number; fields: { headline: DiffPart[]; deck: DiffPart[]; body: DiffPart[] } };

async function articleFor(deps: Deps, id: number) {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  return { row, resource: await articleResource(deps.db.kysely, row) };
}

async function readable(deps: Deps, who: Principal, id: number) {
  const a = await articleFor(deps, id);
  assertCan(who.actor, 'article.read-draft', a.resource);
  return a;
}

async function revisionOf(deps: Deps, id: number, n: number): Promise<RevisionRow> {
  const rev = await getRevision(deps.db.kysely, id, n);
  if (!rev) throw notFound(`Revision ${n} of article ${id}`, "List the article's revisions: GET …/revisions.");
  return rev;
}

/** The stored snapshot; a row that is not a JSON object reads as empty rather than failing the whole history. */
function snapshotOf(rev: RevisionRow): Record<string, unknown> {
  try {
    const s = JSON.parse(rev.snapshot) as unknown;
    return typeof s === 'object' && s !== null && !Array.isArray(s) ? (s as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function summary(rev: RevisionRow, snap: Record<string, unknown>): RevisionSummary {
  return {
    number: rev.number,
    createdAt: rev.created_at,
    user: rev.user_id !== null && rev.user_name !== null ? { id: rev.user_id, name: rev.user_name } : null,
    headline: text(snap['headline']),
    wordCount: documentWordCount(snap['body'] as Doc),
    status: typeof snap['status'] === 'string' ? snap['status'] : null,
    pending: rev.pending === 1,
  };
}

/** Every revision of an article, oldest first. */
export async function listArticleRevisions(deps: Deps, who: Principal, id: number): Promise<RevisionSummary[]> {
  await readable(deps, who, id);
  return (await listRevisionsWithUsers(deps.db.kysely, id)).map((r) => summary(r, snapshotOf(r)));
}

/** One revision with its full stored state. */
export async function readRevision(deps: Deps, who: Principal, id: number, n: number): Promise<RevisionDetail> {
  await readable(deps, who, id);
  const rev = await revisionOf(deps, id, n);
  const snapshot = snapshotOf(rev);
  return { ...summary(rev, snapshot), snapshot };
}

/** Word-level diff from revision `from` to revision `to` (either order) of the headline, deck and body text. */
export async function diffRevisions(deps: Deps, who: Principal, id: number, from: number, to: number): Promise<RevisionDiff> {
  const { row } = await readable(deps, who, id);
  const [a, b] = (await Promise.all([revisionOf(deps, id, from), revisionOf(deps, id, to)])).map(snapshotOf) as [
    Record<string, unknown>,
    Record<string, unknown>,
  ];
  const body = (s: Record<string, unknown>) => documentText(s['body'] as Doc);
  return {
    articleId: id,
    from,
    to,
    fields: {
      headline: wordDiff(text(a['headline']), text(b['headline']), row.locale),
      deck: wordDiff(text(a['deck']), text(b['deck']), row.locale),
      body: wordDiff(body(a), body(b), row.locale),
    },
  };
}

/** What a restore copies: the editable content. Status, dates and the language stay as they are now. */
const restorable = articleInput.pick({
  headline: true,
  deck: true,
  slug: true,
  body: true,
  dateline: true,
  sectionId: true,
  tagIds: true,
  bylines: true,
  hero: true,
  source: true,
  seoTitle: true,
  seoDescription: true,
  canonicalUrl: true,
});

/**
 * Restores revision `n`: saves its content as a new revision on top of `baseRevision`, which must be the latest
 * (else CONFLICT, nothing stored), through the same save as any edit (edit rights, references checked, redirects
 * kept). Returns the new revision's number.
 */
export async function restoreRevision(deps: Deps, who: Principal, id: number, n: number, baseRevision: number): Promise<number> {
  const { resource } = await articleFor(deps, id);
  // Refuse before saying whether revision n exists. Restoring shows the old text, so it needs reading rights too.
  if (!canEditArticle(who.actor, resource)) assertCan(who.actor, 'article.edit-any', resource);
  assertCan(who.actor, 'article.read-draft', resource);
  const rev = await revisionOf(deps, id, n);
  const parsed = restorable.safeParse(snapshotOf(rev));
  if (!parsed.success) {
    const fields = issueFields(parsed.error);
    throw new AppError('VALIDATION_FAILED', `Revision ${n} cannot be restored: its stored content is incomplete (${Object.keys(fields).join(', ')}).`, {
      hint: 'Restore another revision, or copy what you need from this one into a normal save.',
      details: { revision: n, snapshotFields: fields },
    });
  }
  const { actorUserId, via } = auditActor(who);
  return saveArticle(deps, who, id, baseRevision, await followMerges(deps, parsed.data), (trx, revision) =>
    insertAudit(trx, {
      at: nowIso(deps),
      actorUserId,
      action: 'article.restored',
      subjectType: 'article',
      subjectId: id,
      details: { from: n, revision, ...via },
    }),
  );
}
