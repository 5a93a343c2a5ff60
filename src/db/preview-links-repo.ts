import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Share links to previews (migration 0012). Tokens are looked up by their SHA-256 only. */

type K = Kysely<Database>;

export type PreviewLinkRow = {
  id: number;
  articleId: number;
  pinnedRevision: number | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
};

const columns = [
  'l.id',
  'l.article_id as articleId',
  'l.pinned_revision as pinnedRevision',
  'l.created_by as createdBy',
  'u.name as createdByName',
  'l.created_at as createdAt',
  'l.expires_at as expiresAt',
  'l.revoked_at as revokedAt',
] as const;

const links = (db: K) => db.selectFrom('preview_links as l').leftJoin('users as u', 'u.id', 'l.created_by').select(columns);

export async function insertPreviewLink(
  db: K,
  r: { articleId: number; tokenHash: string; pinnedRevision: number | null; createdBy: number | null; createdAt: string; expiresAt: string },
): Promise<number> {
  const row = await db
    .insertInto('preview_links')
    .values({
      article_id: r.articleId,
      token_hash: r.tokenHash,
      pinned_revision: r.pinnedRevision,
      created_by: r.createdBy,
      created_at: r.createdAt,
      expires_at: r.expiresAt,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The link a token's hash names, whatever its state (the caller tells expired and revoked from live). */
export async function findPreviewLinkByHash(db: K, tokenHash: string): Promise<PreviewLinkRow | undefined> {
  return links(db).where('l.token_hash', '=', tokenHash).executeTakeFirst();
}

export async function getPreviewLink(db: K, articleId: number, id: number): Promise<PreviewLinkRow | undefined> {
  return links(db).where('l.article_id', '=', articleId).where('l.id', '=', id).executeTakeFirst();
}

/** An article's links that still open, newest first. */
export async function listActivePreviewLinks(db: K, articleId: number, now: string): Promise<PreviewLinkRow[]> {
  return links(db).where('l.article_id', '=', articleId).where('l.revoked_at', 'is', null).where('l.expires_at', '>', now).orderBy('l.id', 'desc').execute();
}

/** Revokes the link if it is not revoked yet; true when this call did it (one conditional UPDATE: no double audit). */
export async function revokePreviewLink(db: K, articleId: number, id: number, now: string): Promise<boolean> {
  const r = await db
    .updateTable('preview_links')
    .set({ revoked_at: now })
    .where('article_id', '=', articleId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
