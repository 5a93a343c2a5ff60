import { z } from 'zod';

/** POST /sections/{id}/merge: the section that takes the stories, by id or slug. */
export const MergeBody = z.strictObject({ into: z.union([z.number().int().positive(), z.string().trim().min(1).max(80)]) });

/** A section in the path: its id (digits) or its slug. */
export const SECTION_KEY = ':key{[a-z0-9-]{1,80}}';
