import { adminDates, type AdminDates } from '../content/admin-dates.js';
import { CLIENT_TEXT_EN, fill, plural, type ClientText, type Plural } from '../content/admin-client-text.js';

/*
 * The editor's text in the user's interface language: the page hands it over in a JSON island (#admin-i18n, written
 * by render/admin/admin-layout.ts from the admin's catalogue), with the language and the newsroom's time zone for
 * dates. Without the island (a test, an old cached page) the script speaks English in the browser's time zone.
 */
type Island = { locale: string; timeZone: string; text: ClientText };

function read(): Island {
  const el = typeof document === 'undefined' ? null : document.getElementById('admin-i18n');
  if (el?.textContent) {
    try {
      const data = JSON.parse(el.textContent) as Partial<Island>;
      if (data.text && typeof data.locale === 'string' && typeof data.timeZone === 'string') return data as Island;
    } catch {
      // A damaged island: English is better than no editor.
    }
  }
  return { locale: 'en', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, text: CLIENT_TEXT_EN };
}

let island: Island | undefined;
const get = () => (island ??= read());

/** The interface language ('en', 'ru', …). */
export const locale = (): string => get().locale;
/** The editor's messages (content/admin-client-text.ts's shape), in the interface language. */
export const text = (): ClientText => get().text;
/** The admin's one date format (content/admin-dates.ts), in the interface language and the newsroom's time zone. */
export const dates = (): AdminDates => adminDates(get().locale, get().timeZone);
/** `fill` and `plural` bound to the interface language. */
export const say = (template: string, values: Record<string, string | number> = {}) => fill(template, values);
export const count = (p: Plural, n: number, values: Record<string, string | number> = {}) => plural(get().locale, p, n, values);
