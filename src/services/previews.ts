import type { Principal } from '../content/principal.js';
import { auditActor } from '../content/principal.js';
import type { Article } from '../content/types.js';
import { stateOf } from '../content/workflow.js';
import { articleResource } from '../db/article-access.js';
import { getArticleRow } from '../db/articles-repo.js';
import { insertAudit } from '../db/audit-repo.js';
import {
  findPreviewLinkByHash,
  getPreviewLink,
  insertPreviewLink,
  listActivePreviewLinks,
  revokePreviewLink as revokeRow,
  type PreviewLinkRow,
} from '../db/preview-links-repo.js';
import { loadArticleAtSnapshot, revisionAt } from '../db/snapshot-article.js';
import { AppError, notFound } from '../errors.js';
import type { FooterLink, NavSection } from '../render/page-links.js';
import type { ArticleSummary, Translation } from '../content/types.js';
import { can } from '../content/policy.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import { hashToken, isTokenShaped, newToken } from './secret-tokens.js';
import { aroundArticle } from './site-pages.js';

/**
 * Previews: an article as readers will see it, at any of its revisions (the newest by default: a draft's current
 * text, or a live story's pending changes), for the newsroom in the admin and, through a share link, for someone
 * without an account. The page is built from the revision's snapshot and the public lists, and rendered by the public
 * article page's own renderer.
 *
 * A share link is a random token (32 bytes, 256 bits) in the address `/preview/{token}`; the database keeps only its
 * SHA-256, so it is found by one indexed equality on the hash: the time a look-up takes says nothing about how close
 * a guess was. A link shows its pinned revision, or the newest at the time it is opened; it ends at `expiresAt` or
 * when revoked, and then answers 410 (an unknown token 404).
 */

export const PREVIEW_LINK_DEFAULT_HOURS = 24;
/** The longest a link may live: long enough for a lawyer's review, short enough that a forgotten link dies. */
export const PREVIEW_LINK_MAX_HOURS = 30 * 24;

export type PreviewView = {
  article: Article;
  translations: Translation[];
  latest: ArticleSummary[];
  related: ArticleSummary[];
  nav: NavSection[];
  /** The footer's pages, as on the public page. */
  footer: FooterLink[];
  revision: number;
  latestRevision: number;
  /** The article's workflow state now. */
  state: string;
};

async function articleFor(deps: Deps, id: number) {
  const row = await getArticleRow(deps.db.kysely, id);
  if (!row) throw notFound(`Article ${id}`, 'It may have been deleted.');
  return { row, resource: await articleResource(deps.db.kysely, row) };
}

/** The page model of revision `n` (null: the newest), or null when the article or that revision does not exist. */
async function viewAt(deps: Deps, id: number, n: number | null): Promise<PreviewView | null> {
  const k = deps.db.kysely;
  const rev = await revisionAt(k, id, n);
  if (!rev) return null;
  const article = await loadArticleAtSnapshot(k, id, rev.snapshot, rev.number);
  if (!article) return null;
  const now = nowIso(deps);
  const state = stateOf({ status: article.status, published_at: article.publishedAt }, now);
  return { article, ...(await aroundArticle(deps, article, now)), revision: rev.number, latestRevision: rev.latest, state };
}

/** The admin's preview: needs `article.preview` (whoever may read the draft). */
export async function previewArticle(deps: Deps, who: Principal, id: number, revision: number | null): Promise<PreviewView> {
  const { resource } = await articleFor(deps, id);
  assertCan(who.actor, 'article.preview', resource);
  const view = await viewAt(deps, id, revision);
  if (!view) throw notFound(`Revision ${revision ?? 'latest'} of article ${id}`, "List the article's revisions: GET …/revisions.");
  return view;
}

export type PreviewLink = {
  id: number;
  articleId: number;
  pinnedRevision: number | null;
  createdAt: string;
  expiresAt: string;
  createdBy: { id: number; name: string } | null;
};

const present = (r: PreviewLinkRow): PreviewLink => ({
  id: r.id,
  articleId: r.articleId,
  pinnedRevision: r.pinnedRevision,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt,
  createdBy: r.createdBy !== null && r.createdByName !== null ? { id: r.createdBy, name: r.createdByName } : null,
});

/**
 * A new share link; the token is returned once and never stored. `pinRevision`: true pins the newest revision now,
 * a number pins that revision, false or absent shows the newest at view time.
 */
export async function createPreviewLink(
  deps: Deps,
  who: Principal,
  id: number,
  opts: { expiresInHours?: number | undefined; pinRevision?: number | boolean | undefined },
): Promise<PreviewLink & { token: string }> {
  const { resource } = await articleFor(deps, id);
  assertCan(who.actor, 'article.share-preview', resource);
  const hours = opts.expiresInHours ?? PREVIEW_LINK_DEFAULT_HOURS;
  if (!(hours > 0) || hours > PREVIEW_LINK_MAX_HOURS) {
    throw new AppError('PREVIEW_EXPIRY_TOO_LONG', `A preview link lives at most ${PREVIEW_LINK_MAX_HOURS} hours (30 days); ${hours} was asked for.`, {
      hint: `Send expiresInHours up to ${PREVIEW_LINK_MAX_HOURS}, or leave it out for ${PREVIEW_LINK_DEFAULT_HOURS} hours; make a new link when one runs out.`,
      details: { fields: { expiresInHours: `between 0 and ${PREVIEW_LINK_MAX_HOURS}` }, max: PREVIEW_LINK_MAX_HOURS },
    });
  }
  const k = deps.db.kysely;
  let pinned: number | null = null;
  if (opts.pinRevision === true) pinned = (await revisionAt(k, id, null))?.number ?? null;
  else if (typeof opts.pinRevision === 'number') {
    if (!(await revisionAt(k, id, opts.pinRevision))) {
      throw new AppError('VALIDATION_FAILED', `Article ${id} has no revision ${opts.pinRevision}.`, {
        hint: "Pin one of the article's revisions (GET …/revisions), or send true for the newest.",
        details: { fields: { pinRevision: 'no such revision' } },
      });
    }
    pinned = opts.pinRevision;
  }
  const token = newToken();
  const now = deps.clock();
  const createdAt = now.toISOString();
  const expiresAt = new Date(now.getTime() + Math.round(hours * 3600_000)).toISOString();
  const { actorUserId, via } = auditActor(who);
  const linkId = await k.transaction().execute(async (trx) => {
    const linkId = await insertPreviewLink(trx, {
      articleId: id,
      tokenHash: hashToken(token),
      pinnedRevision: pinned,
      createdBy: who.userId,
      createdAt,
      expiresAt,
    });
    await insertAudit(trx, {
      at: createdAt,
      actorUserId,
      action: 'article.preview-link-created',
      subjectType: 'article',
      subjectId: id,
      details: { linkId, expiresAt, pinnedRevision: pinned, ...via },
    });
    return linkId;
  });
  const row = await getPreviewLink(k, id, linkId);
  return { ...present(row!), token };
}

/** The article's links that still open, newest first (never their tokens: those were shown once). */
export async function listPreviewLinks(deps: Deps, who: Principal, id: number): Promise<PreviewLink[]> {
  const { resource } = await articleFor(deps, id);
  assertCan(who.actor, 'article.share-preview', resource);
  return (await listActivePreviewLinks(deps.db.kysely, id, nowIso(deps))).map(present);
}

/** Ends a link at once. Revoking a revoked or expired link changes nothing and is no error. */
export async function revokePreviewLink(deps: Deps, who: Principal, id: number, linkId: number): Promise<void> {
  const { resource } = await articleFor(deps, id);
  assertCan(who.actor, 'article.share-preview', resource);
  const k = deps.db.kysely;
  if (!(await getPreviewLink(k, id, linkId))) throw notFound(`Preview link ${linkId} of article ${id}`, 'List the links: GET …/preview-links.');
  const now = nowIso(deps);
  const { actorUserId, via } = auditActor(who);
  await k.transaction().execute(async (trx) => {
    if (!(await revokeRow(trx, id, linkId, now))) return;
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'article.preview-link-revoked',
      subjectType: 'article',
      subjectId: id,
      details: { linkId, ...via },
    });
  });
}

export type SharedPreview =
  { kind: 'ok'; view: PreviewView; expiresAt: string } | { kind: 'gone'; reason: 'expired' | 'revoked'; locale: string } | { kind: 'notFound' };

/** What `/preview/{token}` shows. No account is needed: the token is the permission. */
export async function sharedPreview(deps: Deps, token: string): Promise<SharedPreview> {
  if (!isTokenShaped(token)) return { kind: 'notFound' };
  const k = deps.db.kysely;
  const link = await findPreviewLinkByHash(k, hashToken(token));
  if (!link) return { kind: 'notFound' };
  const row = await getArticleRow(k, link.articleId);
  if (!row) return { kind: 'notFound' };
  if (link.revokedAt !== null) return { kind: 'gone', reason: 'revoked', locale: row.locale };
  if (link.expiresAt <= nowIso(deps)) return { kind: 'gone', reason: 'expired', locale: row.locale };
  const view = await viewAt(deps, link.articleId, link.pinnedRevision);
  return view ? { kind: 'ok', view, expiresAt: link.expiresAt } : { kind: 'notFound' };
}

/** What the editor's Preview card shows this person: whether they may share, the live links, the newest revision. */
export async function previewPanel(
  deps: Deps,
  who: Principal,
  id: number,
): Promise<{ canPreview: boolean; canShare: boolean; revision: number; links: PreviewLink[] }> {
  const { resource } = await articleFor(deps, id);
  const k = deps.db.kysely;
  const canPreview = can(who.actor, 'article.preview', resource);
  const canShare = can(who.actor, 'article.share-preview', resource);
  const [rev, links] = await Promise.all([revisionAt(k, id, null), canShare ? listActivePreviewLinks(k, id, nowIso(deps)) : []]);
  return { canPreview, canShare, revision: rev?.number ?? 1, links: links.map(present) };
}
