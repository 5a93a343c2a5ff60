import { z } from 'zod';

/** POST /tags/{id}/merge: the tag (same language) that takes the stories. */
export const MergeTagBody = z.strictObject({ into: z.number().int().positive() });
