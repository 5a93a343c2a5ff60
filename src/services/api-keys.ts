import { z } from 'zod';
import type { Actor } from '../content/policy.js';
import { asRole, isRole, ROLES, type Role } from '../content/types.js';
import { insertAudit } from '../db/audit-repo.js';
import { findApiKeyByHash, findApiKeyById, insertApiKey, listApiKeys as listRows, revokeApiKeyRow, touchApiKey } from '../db/api-keys-repo.js';
import { AppError, notFound } from '../errors.js';
import { assertCan } from './assert-can.js';
import { nowIso, type Deps } from './deps.js';
import type { Principal } from '../content/principal.js';
import { hashToken, newToken } from './secret-tokens.js';

/** Keys look like `mhk_` + 43 URL-safe characters (32 random bytes); the first 12 characters are the listed prefix. */
export const API_KEY_PREFIX = 'mhk_';
const PREFIX_LENGTH = 12;
const TOUCH_EVERY_MS = 60_000;

export const isApiKeyShaped = (s: string | undefined | null): s is string => !!s && /^mhk_[A-Za-z0-9_-]{43}$/.test(s);

const keyInput = z.strictObject({ name: z.string().trim().min(1).max(100), role: z.enum(ROLES) });

export type ApiKeyInfo = {
  id: number;
  name: string;
  role: Role;
  prefix: string;
  createdBy: number | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/**
 * Creates a key and returns it: the only time it exists outside the caller's hands (the database keeps its SHA-256).
 * `by.actor` (a user) must be allowed `apikey.create`; without one the caller is the operator at the command line.
 */
export async function createApiKey(deps: Deps, raw: unknown, by: { actor?: Actor } = {}): Promise<{ id: number; key: string; prefix: string; role: Role }> {
  if (by.actor) assertCan(by.actor, 'apikey.create');
  const r = keyInput.safeParse(raw);
  if (!r.success) {
    const fields = Object.fromEntries(r.error.issues.map((i) => [i.path.join('.') || '(root)', i.message]));
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid API key: ${Object.entries(fields)
        .map(([k, v]) => `${k} (${v})`)
        .join(', ')}.`,
      {
        hint: `Give a name (what uses the key) and a role (${ROLES.join(', ')}).`,
        details: { fields },
      },
    );
  }
  const key = `${API_KEY_PREFIX}${newToken()}`;
  const prefix = key.slice(0, PREFIX_LENGTH);
  const now = nowIso(deps);
  const actorUserId = by.actor?.id ?? null;
  const id = await deps.db.kysely.transaction().execute(async (trx) => {
    const keyId = await insertApiKey(trx, { name: r.data.name, role: r.data.role, keyHash: hashToken(key), prefix, createdBy: actorUserId, now });
    await insertAudit(trx, {
      at: now,
      actorUserId,
      action: 'apikey.created',
      subjectType: 'api_key',
      subjectId: keyId,
      details: { name: r.data.name, role: r.data.role, prefix, via: by.actor ? 'user' : 'cli' },
    });
    return keyId;
  });
  return { id, key, prefix, role: r.data.role };
}

export async function listApiKeys(deps: Deps): Promise<ApiKeyInfo[]> {
  return (await listRows(deps.db.kysely)).map((k) => ({
    id: k.id,
    name: k.name,
    role: asRole(k.role),
    prefix: k.prefix,
    createdBy: k.created_by,
    createdAt: k.created_at,
    lastUsedAt: k.last_used_at,
    revokedAt: k.revoked_at,
  }));
}

/** Revokes a key at once (its next request is refused). Revoking a revoked key changes nothing and says so. */
export async function revokeApiKey(deps: Deps, id: number, by: { actor?: Actor } = {}): Promise<{ revoked: boolean }> {
  if (by.actor) assertCan(by.actor, 'apikey.create');
  const key = await findApiKeyById(deps.db.kysely, id);
  if (!key) throw notFound(`API key ${id}`, 'Run `masthead apikey list` to see the keys and their ids.');
  const now = nowIso(deps);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const revoked = await revokeApiKeyRow(trx, id, now);
    if (revoked) {
      await insertAudit(trx, {
        at: now,
        actorUserId: by.actor?.id ?? null,
        action: 'apikey.revoked',
        subjectType: 'api_key',
        subjectId: id,
        details: { name: key.name, prefix: key.prefix, via: by.actor ? 'user' : 'cli' },
      });
    }
    return { revoked };
  });
}

/** The principal a presented key stands for, or null (malformed, unknown or revoked). */
export async function authenticateApiKey(deps: Deps, key: string | undefined | null): Promise<Principal | null> {
  if (!isApiKeyShaped(key)) return null;
  const row = await findApiKeyByHash(deps.db.kysely, hashToken(key));
  if (!row || row.revoked_at !== null || !isRole(row.role)) return null;
  const now = deps.clock();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_EVERY_MS) await touchApiKey(deps.db.kysely, row.id, now.toISOString());
  return { actor: { id: -row.id, role: row.role as Role, active: true }, userId: null, apiKeyId: row.id };
}
