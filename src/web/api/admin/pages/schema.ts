import { z } from 'zod';
import { LOCALE_RE } from '../../../../content/locales.js';
import { articleInput } from '../../../../services/article-input.js';

/**
 * What requests to /api/admin/v1/pages may carry: a page's own fields (no section, tags, bylines, dateline or
 * partner: a page has none). Unknown fields are refused. The body goes as document JSON (`body`) or HTML (`bodyHtml`),
 * as for articles.
 */
const fields = articleInput.pick({
  locale: true,
  headline: true,
  deck: true,
  slug: true,
  body: true,
  hero: true,
  seoTitle: true,
  seoDescription: true,
  canonicalUrl: true,
});

export const CreatePageBody = fields.strict();

export const UpdatePageBody = fields.extend({ locale: fields.shape.locale.optional(), baseRevision: z.number().int().positive() }).strict();

export const ListPagesQuery = z.strictObject({ locale: z.string().regex(LOCALE_RE).optional() });
