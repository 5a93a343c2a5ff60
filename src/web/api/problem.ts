import type { Context } from 'hono';
import { INTERNAL_ERROR, type AppError, type ErrorCode } from '../../errors.js';

/**
 * RFC 9457 problem details for every JSON error answer outside the admin (the API's, and the public site's to a
 * client that asks for JSON): `type` is a stable URI per error code, `title` the code's
 * summary, `detail` the message for this occurrence, plus our `code` and `hint`. A VALIDATION_FAILED problem names
 * each bad field in `errors` (`pointer` is a JSON Pointer into the request body). Other details of the error (for a
 * CONFLICT: the stored version and what was sent) are extension members.
 */
export const PROBLEM_BASE = 'https://masthead.dev/problems/';

const TITLES: Partial<Record<ErrorCode | 'INTERNAL', string>> = {
  NOT_FOUND: 'Not found',
  BAD_REQUEST: 'Bad request',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  VALIDATION_FAILED: 'Validation failed',
  CONFLICT: 'Edit conflict',
  DUPLICATE: 'Already exists',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  CSRF_FAILED: 'CSRF check failed',
  RATE_LIMITED: 'Too many requests',
  INVALID_TRANSITION: 'Invalid workflow transition',
  UNSUPPORTED_MEDIA: 'Unsupported media type',
  MEDIA_TOO_LARGE: 'Media too large',
  MEDIA_BUSY: 'Busy with other uploads',
  ALT_TEXT_REQUIRED: 'Alt text required',
  HTML_TOO_COMPLEX: 'HTML too complex',
  HTML_TIMEOUT: 'HTML conversion too slow',
  HTML_BUSY: 'HTML converter busy',
  UNKNOWN_ARTICLE: 'Unknown article',
  WRONG_LOCALE: 'Wrong language',
  DUPLICATE_PIN: 'Pinned twice',
  UNKNOWN_SECTION: 'Unknown section',
  TOO_MANY_TOP_STORIES: 'Too many top stories',
  DATABASE_UNAVAILABLE: 'Database unavailable',
  SEARCH_FILTER_INVALID: 'Invalid search filter',
  INTERNAL: INTERNAL_ERROR.title,
};

const RESERVED = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'hint', 'errors', 'fields']);

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  hint?: string;
  instance?: string;
  errors?: { field: string; pointer: string; detail: string }[];
  [extension: string]: unknown;
};

export function problemOf(error: AppError | null, instance?: string): Problem {
  if (!error) {
    return {
      type: `${PROBLEM_BASE}internal`,
      title: INTERNAL_ERROR.title,
      status: INTERNAL_ERROR.status,
      detail: INTERNAL_ERROR.message,
      code: INTERNAL_ERROR.code,
      hint: INTERNAL_ERROR.hint,
      ...(instance ? { instance } : {}),
    };
  }
  const details = error.details ?? {};
  const fields = details['fields'];
  const errors =
    fields && typeof fields === 'object'
      ? Object.entries(fields as Record<string, unknown>).map(([field, detail]) => ({
          field,
          pointer:
            field === '(root)'
              ? '#'
              : `#/${field
                  .split('.')
                  .map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1'))
                  .join('/')}`,
          detail: String(detail),
        }))
      : undefined;
  const extensions = Object.fromEntries(Object.entries(details).filter(([k]) => !RESERVED.has(k)));
  return {
    type: `${PROBLEM_BASE}${error.code.toLowerCase()}`,
    title: TITLES[error.code] ?? error.code.toLowerCase().replace(/_/g, ' '),
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(instance ? { instance } : {}),
    ...(errors ? { errors } : {}),
    ...extensions,
  };
}

export function problemResponse(c: Context, error: AppError | null): Response {
  const problem = problemOf(error, c.req.path);
  const status = error?.status ?? INTERNAL_ERROR.status;
  const retry = error?.details?.['retryAfterSeconds'];
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' };
  if (typeof retry === 'number') headers['Retry-After'] = String(retry);
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer realm="masthead"';
  return c.body(JSON.stringify(problem), status, headers);
}
