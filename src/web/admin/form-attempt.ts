import type { Context } from 'hono';
import { isAppError } from '../../errors.js';
import type { FormError } from '../../render/admin/auth-pages.js';
import { adminContext } from './context.js';
import { formErrorOf } from './form-error.js';
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
    const { fields: _named, ...shown } = formErrorOf(adminContext(c), e, { fieldsInText: true });
    return again(shown);
  }
}
