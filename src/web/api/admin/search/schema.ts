import { z } from 'zod';
import { LOCALE_RE } from '../../../../content/locales.js';
import { MAX_PAGE } from '../../../../services/search.js';
import { dayOrTime } from '../articles/schema.js';

/** GET /api/admin/v1/search: the words (as a reader types them) and the filters, all optional but `q`. */
export const SearchQuery = z
  .strictObject({
    q: z.string().trim().max(200),
    locale: z.string().regex(LOCALE_RE).optional(),
    section: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/)
      .optional(),
    tag: z.coerce.number().int().positive().optional(),
    author: z.coerce.number().int().positive().optional(),
    from: dayOrTime('start').optional(),
    to: dayOrTime('end').optional(),
    page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  // `to` is the end of its day (exclusive): a range of one day has from = to.
  .refine((q) => !q.from || !q.to || q.from < q.to, { path: ['from'], message: 'is after `to`: swap the two, or leave one out' });

/** GET /api/admin/v1/search/suggest: the words typed so far (the last one is matched by prefix). */
export const SuggestQuery = z.strictObject({
  q: z.string().trim().max(200),
  locale: z.string().regex(LOCALE_RE).optional(),
  limit: z.coerce.number().int().min(1).max(10).default(5),
});
