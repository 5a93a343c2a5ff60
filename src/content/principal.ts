import type { Actor } from './policy.js';

/**
 * Who is acting through the Admin API: a logged-in user (session) or an API key. The policy sees only `actor`.
 * An API key acts with its role but owns nothing: its actor id is the key's id negated, which no user id equals, so
 * "own" rules never hold for it (an `author` key may create drafts but not edit them afterwards).
 */
export type Principal = { actor: Actor; userId: number | null; apiKeyId: number | null };

export const userPrincipal = (actor: Actor): Principal => ({ actor, userId: actor.id, apiKeyId: null });

/** What an audit row records of who acted: the user, and the key when it was one. */
export const auditActor = (p: Principal) => ({
  actorUserId: p.userId,
  via: p.apiKeyId !== null ? { apiKeyId: p.apiKeyId } : {},
});
