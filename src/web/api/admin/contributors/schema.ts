import { z } from 'zod';

/** What GET /api/admin/v1/contributors may carry. Unknown parameters are refused: a typo must not be dropped. */
export const ListContributorsQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  // Only the profile linked to this user account.
  user: z.coerce.number().int().positive().optional(),
  // Only profiles linked to an account (`1`/`true`) or only those without (`0`/`false`).
  linked: z
    .enum(['1', 'true', '0', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  after: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** POST /contributors/{key}/merge: the contributor who takes the bylines, by id or slug. */
export const MergeBody = z.strictObject({ into: z.union([z.number().int().positive(), z.string().trim().min(1).max(80)]) });

/** A contributor in the path: their id (digits) or their slug. */
export const CONTRIBUTOR_KEY = ':key{[a-z0-9-]{1,80}}';
