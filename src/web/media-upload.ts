import type { Context, MiddlewareHandler } from 'hono';
import { AppError, validationFailed } from '../errors.js';
import { tooLarge } from '../services/image-processing.js';
import { bodyLimit, readForm, type FormBody } from './body.js';

/** Room for the form's other fields and multipart boundaries beside the file itself. */
const FORM_OVERHEAD = 64 * 1024;

/**
 * An upload's body limit: MEDIA_MAX_MB plus the form around the file. Refused before anything else when the
 * Content-Length says so, else as soon as the body read passes it (see body.ts).
 */
export const mediaUploadLimit = (maxBytes: number): MiddlewareHandler => bodyLimit(maxBytes + FORM_OVERHEAD, () => tooLarge(maxBytes));

export type UploadForm = { file: File; text: (name: string) => string | undefined; names: string[] };

/** A multipart/form-data upload with one file in `file`; BAD_REQUEST when the request is not one. */
export async function readUploadForm(c: Context): Promise<UploadForm> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data')) {
    throw new AppError('BAD_REQUEST', 'An upload is sent as multipart/form-data.', {
      hint: 'Send the image in a form field named "file" (curl: -F "file=@photo.jpg" -F "alt=…").',
    });
  }
  const body: FormBody = await readForm(c, { all: true });
  const file = body['file'];
  if (!(file instanceof File)) {
    throw validationFailed(
      'upload',
      { file: Array.isArray(file) ? 'send one file at a time' : 'no file was sent' },
      { hint: 'Choose an image file and send again; nothing was stored.' },
    );
  }
  return {
    file,
    names: Object.keys(body),
    text: (name) => {
      const v = body[name];
      return typeof v === 'string' ? v : undefined;
    },
  };
}
