import { z } from 'zod';

/** What GET /api/admin/v1/contributors may carry. Unknown parameters are refused: a typo must not be dropped. */
export const ListContributorsQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  after: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export { NewContributor as CreateContributorBody } from '../../../../services/contributors.js';
