import { z } from 'zod';
import { AppError } from '../../../../errors.js';

/** What requests to /api/admin/v1/media may carry. Unknown fields are refused: a typo must not be silently dropped. */

export const ListMediaQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(24),
});

/** The text fields of an upload form besides `file`. */
export const UploadFields = z.strictObject({
  alt: z.string().max(500).optional(),
  caption: z.string().max(1000).optional(),
  credit: z.string().max(300).optional(),
});

export const PatchMediaBody = z
  .strictObject({
    alt: z.string().max(500),
    caption: z.string().max(1000).nullable(),
    credit: z.string().max(300).nullable(),
    focalX: z.number().min(0).max(1),
    focalY: z.number().min(0).max(1),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'send at least one of alt, caption, credit, focalX, focalY');

/** A media id in the path: digits only, else the item does not exist. */
export function mediaIdParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) throw new AppError('NOT_FOUND', `Media item ${raw ?? ''} was not found.`, { hint: 'Media ids are whole numbers.' });
  return Number(raw);
}
