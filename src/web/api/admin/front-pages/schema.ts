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
});
