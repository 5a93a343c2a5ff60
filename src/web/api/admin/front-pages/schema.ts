import { z } from 'zod';
import { FrontPageInput } from '../../../../services/front-pages.js';

/**
 * What PUT /api/admin/v1/front-pages/{locale} may carry: the pins, and, so that a GET's answer can be edited and sent
 * back as it is, the read-only fields a GET shows (ignored). Anything else is refused: a typo must not be dropped.
 */
export const PutFrontPageBody = FrontPageInput.extend({
  locale: z.string().optional(),
  updatedAt: z.unknown().optional(),
  updatedBy: z.unknown().optional(),
  shown: z.unknown().optional(),
  version: z.unknown().optional(),
  // The `version` of the GET this save starts from: a save that moved it since is refused (409 FRONT_PAGE_CHANGED).
  baseVersion: z.string().min(1).max(64).optional(),
});
