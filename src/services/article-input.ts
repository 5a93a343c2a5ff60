import { z } from 'zod';
import type { Doc } from '../content/document.js';
import { documentIssues, withoutBreakMarks } from '../content/document-validate.js';
import { LOCALE_RE } from '../content/locales.js';
import { ARTICLE_KINDS, CONTRIBUTOR_ROLES, STATUSES } from '../content/types.js';
import { SLUG_RE, MAX_SLUG_LENGTH } from '../content/slug.js';
import { parseFields } from '../errors.js';

const httpUrl = z.url({ protocol: /^https?$/ });
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());

// The whole tree is checked (node types, attrs, link and embed URLs); each problem is reported under its own path,
// e.g. "body.content[3].attrs.url". The renderer stays defensive anyway: old revisions predate this check.
// documentIssues alone checks the shape too (a body that is not an object, or whose content is not a list of nodes):
// a zod object schema for it copied every top-level block of every body saved, and an import saves thousands a minute.
// A body that needs no change comes back as the caller's own object.
const doc = z
  .unknown()
  .superRefine((body, ctx) => {
    if (body === undefined) ctx.addIssue({ code: 'custom', message: 'the body is required: { "type": "doc", "content": [...] }' });
    else for (const issue of documentIssues(body)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  })
  .transform((body) => withoutBreakMarks(body as Doc));

/** Everything an editor can set on one language version of a story. */
export const articleInput = z.object({
  locale: z.string().regex(LOCALE_RE),
  /** Set when it is created ('story' when left out) and kept for good: a save does not change it. */
  kind: z.enum(ARTICLE_KINDS).optional(),
  storyId: z.number().int().positive().optional(),
  headline: z.string().trim().min(1).max(300),
  deck: z.string().trim().max(1000).nullish(),
  slug: z.string().max(MAX_SLUG_LENGTH).regex(SLUG_RE, 'lower-case letters, digits and single dashes').optional(),
  body: doc,
  dateline: z.string().trim().max(100).nullish(),
  sectionId: z.number().int().positive(),
  tagIds: z.array(z.number().int().positive()).max(50).default([]),
  bylines: z
    .array(z.object({ contributorId: z.number().int().positive(), role: z.enum(CONTRIBUTOR_ROLES) }))
    .max(50)
    .default([]),
  hero: z
    .object({
      mediaId: z.number().int().positive(),
      alt: z.string().trim().max(500).nullish(),
      caption: z.string().trim().max(1000).nullish(),
      credit: z.string().trim().max(300).nullish(),
    })
    .nullish(),
  source: z
    .object({
      partnerId: z.number().int().positive(),
      url: httpUrl.nullish(),
      headline: z.string().trim().max(500).nullish(),
      locale: z.string().regex(LOCALE_RE).nullish(),
    })
    .nullish(),
  seoTitle: z.string().trim().max(200).nullish(),
  seoDescription: z.string().trim().max(500).nullish(),
  canonicalUrl: httpUrl.nullish(),
  status: z.enum(STATUSES).default('draft'),
  publishedAt: isoDate.nullish(),
  scheduledAt: isoDate.nullish(),
});

export type ArticleInput = z.input<typeof articleInput>;
export type ValidArticleInput = z.output<typeof articleInput>;

/**
 * Parses or throws VALIDATION_FAILED naming every bad field. The body comes back as the caller's own object when it
 * needs no change (withoutBreakMarks copies only a body it changes): callers must not change it after the parse.
 */
export const parseArticleInput = (raw: unknown): ValidArticleInput =>
  parseFields(articleInput, raw, 'article', { hint: 'Correct the named fields and save again; nothing was stored.' });
