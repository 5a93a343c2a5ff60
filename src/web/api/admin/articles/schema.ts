import { z } from 'zod';
import { LOCALE_RE } from '../../../../content/locales.js';
import { CONTRIBUTOR_ROLES, CORRECTION_MAX, NOTE_MAX, STATUSES } from '../../../../content/types.js';
import { WORKFLOW_STATES } from '../../../../content/workflow.js';
import { AppError, parseFields, validationFailed } from '../../../../errors.js';
import { MAX_BODY_HTML } from '../../../../importers/html-limits.js';
import { articleInput } from '../../../../services/article-input.js';
import { convertHtml } from '../../../../services/html-convert.js';

/**
 * What requests to /api/admin/v1/articles may carry. Unknown fields are refused (a typo must not be silently
 * dropped), and so are status and dates on create/update: they move only through …/status and …/schedule.
 */
const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
/**
 * A day (`2026-11-20`, a UTC day) or an exact time. As a range's start a day means its first moment; as its end, the
 * whole day is included (the range stops at the next day's start, exclusive).
 */
export function dayOrTime(edge: 'start' | 'end') {
  return (
    z
      .union([z.iso.date().transform((d) => new Date(Date.parse(`${d}T00:00:00Z`) + (edge === 'end' ? 86_400_000 : 0)).toISOString()), isoDate])
      // Times are compared as ISO strings: past year 9999 one reads "+010000-…", which sorts before every date (a
      // far-future end would find nothing); the end of 9998-12-31 is the last one allowed.
      .refine((iso) => iso >= '1000-01-01' && iso <= '9999-01-01T00:00:00.000Z', { message: 'must be of the years 1000–9998' })
  );
}
// `sectionSlug`, `tagNames` and a byline's `contributorSlug` name a section, tags and contributors without their ids
// (services/article-refs.ts).
const fields = articleInput.omit({ status: true, publishedAt: true, scheduledAt: true, storyId: true, kind: true }).extend({
  sectionId: articleInput.shape.sectionId.optional(),
  sectionSlug: z.string().trim().min(1).max(80).optional(),
  tagNames: z.array(z.string().max(200)).max(50).optional(),
  bylines: z
    .array(
      z.object({
        contributorId: z.number().int().positive().optional(),
        contributorSlug: z
          .string()
          .trim()
          .regex(/^[a-z0-9-]{1,80}$/, 'a contributor slug: lower-case letters, digits and dashes')
          .optional(),
        role: z.enum(CONTRIBUTOR_ROLES),
      }),
    )
    .max(50)
    .default([]),
});

// `kind: "page"` makes a page (About, policies; `page.manage`); it is set once, so only on create. /pages does the same
// without a section to name.
export const CreateArticleBody = fields.extend({ kind: articleInput.shape.kind }).strict();

/**
 * Create and update take the body as document JSON (`body`) or as HTML (`bodyHtml`: pasted or from another system),
 * never both. HTML is cleaned and turned into a document by the guarded converter (services/html-convert.ts: limits,
 * a time budget, off this thread), and then validated exactly like a JSON body.
 */
export async function withBodyFromHtml(sent: unknown): Promise<unknown> {
  if (typeof sent !== 'object' || sent === null || !('bodyHtml' in sent)) return sent;
  const { bodyHtml, ...rest } = sent as Record<string, unknown>;
  if ('body' in rest) throw invalidField('article', 'bodyHtml', 'send either body (document JSON) or bodyHtml (HTML), not both');
  if (typeof bodyHtml !== 'string') throw invalidField('article', 'bodyHtml', 'must be HTML text');
  if (bodyHtml.length > MAX_BODY_HTML) throw invalidField('article', 'bodyHtml', `must be at most ${MAX_BODY_HTML} characters`);
  return { ...rest, body: await convertHtml(bodyHtml) };
}
export const UpdateArticleBody = fields.extend({ locale: fields.shape.locale.optional(), baseRevision: z.number().int().positive() }).strict();

export const ListArticlesQuery = z.strictObject({
  // A workflow state: `scheduled` and `published` are told apart by the publication time.
  status: z.enum(WORKFLOW_STATES).optional(),
  locale: z.string().regex(LOCALE_RE).optional(),
  section: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
  q: z.string().trim().max(200).optional(),
  author: z.coerce.number().int().positive().optional(),
  authorUser: z.coerce.number().int().positive().optional(),
  assignee: z.union([z.literal('none'), z.coerce.number().int().positive()]).optional(),
  dateField: z.enum(['updated', 'published']).optional(),
  from: dayOrTime('start').optional(),
  to: dayOrTime('end').optional(),
  before: z.coerce.number().int().positive().optional(),
  // Only stories with pending changes waiting (`1`/`true`), or only those without (`0`/`false`).
  pending: z
    .enum(['1', 'true', '0', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const NoteBody = z.strictObject({ text: z.string().trim().min(1).max(NOTE_MAX) });

export const AssigneeBody = z.strictObject({ assigneeUserId: z.number().int().positive().nullable() });

export const StatusBody = z.strictObject({
  // The state to move to: every one but `scheduled` (that needs a time: …/schedule), so the stored statuses.
  status: z.enum(STATUSES),
  publishedAt: isoDate.optional(),
});

export const ScheduleBody = z.strictObject({ publishAt: isoDate });

export const CorrectionBody = z.strictObject({ text: z.string().trim().min(1).max(CORRECTION_MAX) });

export const TranslationBody = z.strictObject({
  locale: z.string().regex(LOCALE_RE),
  translatorContributorId: z.number().int().positive().optional(),
});

export const invalidField = (what: string, field: string, message: string) => validationFailed(what, { [field]: message });

/** Parses or throws VALIDATION_FAILED naming every bad field (an unknown field by its own name). */
export const parse = <S extends z.ZodType>(schema: S, raw: unknown, what = 'request'): z.output<S> => parseFields(schema, raw, what);

/** An id in the path: digits only, else the resource does not exist. */
export function idParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw new AppError('NOT_FOUND', `Article ${raw ?? ''} was not found.`, { hint: 'Article ids are whole numbers.' });
  return Number(raw);
}

/** Revision numbers fit the database's 32-bit integer column; anything larger cannot exist. */
const revisionNumber = z.coerce.number().int().positive().max(2147483647);

export const DiffQuery = z.strictObject({ from: revisionNumber, to: revisionNumber });

export const RestoreBody = z.strictObject({ baseRevision: z.number().int().positive() });

/** Publishing pending changes: the revision the publisher looked at (optional; checked when sent) and a correction note. */
export const PublishPendingBody = z.strictObject({
  baseRevision: z.number().int().positive().optional(),
  correction: z.string().trim().max(CORRECTION_MAX).optional(),
});

/** Discarding pending changes: `?baseRevision=` (optional; checked when sent). */
export const DiscardPendingQuery = z.strictObject({ baseRevision: z.coerce.number().int().positive().optional() });

/** A revision number in the path: digits only (1 or more), else that revision does not exist. */
export function revisionParam(raw: string | undefined, articleId: number): number {
  const n = raw && /^\d{1,10}$/.test(raw) ? Number(raw) : 0;
  if (n < 1 || n > 2147483647) {
    throw new AppError('NOT_FOUND', `Revision ${raw ?? ''} of article ${articleId} was not found.`, { hint: 'Revision numbers are whole numbers from 1.' });
  }
  return n;
}
