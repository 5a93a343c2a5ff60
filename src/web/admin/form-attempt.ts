import type { Context } from 'hono';
import { isAppError } from '../../errors.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { wantsJson } from './guard.js';

/**
 * Runs an admin form's change and redirects (303) to where it says. A refusal whose code is in `fixable` (one a person
 * can fix by changing what they typed) shows `again` with the reason and the named fields; anything else, and any
 * refusal to a client that asked for JSON, goes on to the error page.
 */
export async function attemptForm(
  c: Context,
  fixable: readonly string[],
  change: () => Promise<string>,
  again: (error: FormError) => Promise<Response>,
): Promise<Response> {
  try {
    return c.redirect(await change(), 303);
  } catch (e) {
    if (!isAppError(e) || !fixable.includes(e.code) || wantsJson(c)) throw e;
    const fields = (e.details?.['fields'] ?? {}) as Record<string, string>;
    const said = Object.entries(fields).map(([k, v]) => `${k}: ${v}`);
    return again({ text: said.length ? `${e.message} (${said.join('; ')})` : e.message, hint: e.hint });
  }
}
