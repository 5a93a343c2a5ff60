import type { Context } from 'hono';
import { INTERNAL_ERROR, type AppError } from '../../errors.js';
import { renderAdminErrorPage } from '../../render/admin/error-page.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';

/**
 * How the one error exit (app.ts onError) answers on /admin: a friendly page in the admin's own layout, or JSON for
 * scripts. A 429 says when to come back in Retry-After too.
 */
export function adminErrorResponse(c: Context, error: AppError | null, wantsJson: boolean) {
  const status = error?.status ?? INTERNAL_ERROR.status;
  const retry = error?.details?.['retryAfterSeconds'];
  if (typeof retry === 'number') c.header('Retry-After', String(retry));
  const body = error ? error.toJSON() : { code: INTERNAL_ERROR.code, message: INTERNAL_ERROR.message, hint: INTERNAL_ERROR.hint };
  if (wantsJson) return c.json(body, status);
  const ctx = adminContext(c);
  const shown = formErrorOf(ctx, body);
  return c.html(renderAdminErrorPage(ctx, { status, code: body.code, message: shown.text, hint: shown.hint, details: shown.details }), status);
}
