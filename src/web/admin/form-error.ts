import type { FormError } from '../../render/admin/auth-pages.js';
import type { AdminContext } from '../../render/admin/admin-layout.js';
import { ADMIN_EN } from '../../render/admin/admin-messages-en.js';

/** What formErrorOf reads of a refusal: an AppError, or the INTERNAL_ERROR body of a failure nobody foresaw. */
export type Refusal = { code: string; message: string; hint?: string | undefined; details?: Record<string, unknown> | undefined };

/**
 * How the admin tells a person why something was refused: the one rule for every form and the error page.
 * In English the service's own message and hint are shown as they are (they are the most specific). In another
 * language the catalogue's text and hint for the error's code are shown, and the English message, its fields and its
 * hint go under a closed "details" so nothing is lost; a code the language's catalogue lacks (or has only in English) is shown in English as it is.
 * `fieldsInText`: name the bad fields in the English text ("… (slug: too long)"), for a form that does not mark them.
 */
export function formErrorOf(
  ctx: Pick<AdminContext, 'locale' | 't'>,
  e: Refusal,
  o: { fieldsInText?: boolean } = {},
): FormError & { fields?: Record<string, string> } {
  const raw = e.details?.['fields'];
  const fields = raw && typeof raw === 'object' ? (raw as Record<string, string>) : undefined;
  const said = Object.entries(fields ?? {}).map(([k, v]) => `${k}: ${v}`);
  const english = o.fieldsInText && said.length ? `${e.message} (${said.join('; ')})` : e.message;
  // A language that has not translated the code yet (Kazakh today) reads the specific English, not the generic one.
  const known = ctx.locale === 'en' || ctx.t.errors.codes[e.code]?.text === ADMIN_EN.errors.codes[e.code]?.text ? undefined : ctx.t.errors.codes[e.code];
  const withFields = fields ? { fields } : {};
  if (!known) return { text: english, hint: e.hint, ...withFields };
  const full = [said.length ? `${e.message} (${said.join('; ')})` : e.message, e.hint].filter(Boolean).join(' ');
  return { text: known.text, hint: known.hint, details: { summary: ctx.t.errors.details, text: full }, ...withFields };
}
