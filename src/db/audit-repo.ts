import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

type K = Kysely<Database>;

export type AuditEntry = {
  at: string;
  actorUserId: number | null;
  action: string;
  subjectType: string;
  subjectId: number | null;
  details?: Record<string, unknown>;
};

export async function insertAudit(db: K, e: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor_user_id: e.actorUserId,
      action: e.action,
      subject_type: e.subjectType,
      subject_id: e.subjectId,
      details: JSON.stringify(e.details ?? {}),
    })
    .execute();
}

export type AuditRecord = Required<AuditEntry> & { id: number };

/** Newest first; optionally only what concerns one subject. */
export async function listAudit(db: K, opts: { subjectType?: string; subjectId?: number; limit?: number } = {}): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (opts.subjectType) q = q.where('subject_type', '=', opts.subjectType);
  if (opts.subjectId !== undefined) q = q.where('subject_id', '=', opts.subjectId);
  const rows = await q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorUserId: r.actor_user_id,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/**
 * Where merged records went: for each of `ids` that a `${subjectType}.merged` audit row names as its subject, the id
 * it was merged into (`details.into`). One indexed query.
 */
export async function mergedInto(db: K, subjectType: 'section' | 'tag' | 'contributor', ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_log')
    .select(['subject_id', 'details'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', 'in', ids)
    .where('action', '=', `${subjectType}.merged`)
    .execute();
  const into = new Map<number, number>();
  for (const r of rows) {
    const target = (JSON.parse(r.details) as { into?: unknown }).into;
    if (r.subject_id !== null && typeof target === 'number') into.set(r.subject_id, target);
  }
  return into;
}
