import { z } from 'zod';

// Control characters are never typed on purpose, and they make the pages that show the text invalid HTML.
const fieldText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g, '').trim());
export const MediaFields = z.object({
  alt: fieldText(500).optional(),
  caption: fieldText(1000).nullish(),
  credit: fieldText(300).nullish(),
});
export const MediaEdit = MediaFields.extend({
  focalX: z.number().min(0).max(1).optional(),
  focalY: z.number().min(0).max(1).optional(),
});
export type MediaEditInput = z.input<typeof MediaEdit>;

export type Upload = {
  bytes: Uint8Array;
  /** The name the file had on the uploader's machine: kept for people, never trusted for the type. */
  fileName?: string | null;
  alt?: string | null;
  caption?: string | null;
  credit?: string | null;
};
