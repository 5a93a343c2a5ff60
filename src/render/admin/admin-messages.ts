import { ADMIN_EN, type AdminMessages } from './admin-messages-en.js';
import { ADMIN_RU } from './admin-messages-ru.js';

export type { AdminMessages } from './admin-messages-en.js';

/** The languages the admin's interface can be read in; a user's choice is one of these or "as the browser asks". */
export const ADMIN_LOCALES = ['en', 'ru', 'kk'] as const;
export type AdminLocale = (typeof ADMIN_LOCALES)[number];
export const isAdminLocale = (s: unknown): s is AdminLocale => typeof s === 'string' && (ADMIN_LOCALES as readonly string[]).includes(s);

type Part<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { [K in keyof T]?: Part<T[K]> } : T;
/** What a language other than English gives: any part of the English shape; the rest is read in English. */
export type AdminMessagesPart = Part<AdminMessages>;

// Kazakh: nothing is translated yet, so a user who chooses it reads English (and the test lists every key).
const PARTS: Record<AdminLocale, AdminMessagesPart> = { en: ADMIN_EN, ru: ADMIN_RU, kk: {} };

const isGroup = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// A language may have keys English lacks inside a group: the plural forms ("few", "many") of Russian.
function over(base: Record<string, unknown>, part: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(part)) if (!(k in base) && typeof p === 'string') out[k] = p;
  for (const [k, v] of Object.entries(base)) {
    const p = part[k];
    out[k] = isGroup(v) ? (isGroup(p) ? over(v, p) : v) : p === undefined || typeof p !== typeof v ? v : p;
  }
  return out;
}

const merged = new Map<AdminLocale, AdminMessages>();

/** The admin's text in `locale`: every key there is, each in that language where it is translated, else in English. */
export function adminMessages(locale: AdminLocale): AdminMessages {
  let m = merged.get(locale);
  if (!m) merged.set(locale, (m = over(ADMIN_EN, PARTS[locale] as Record<string, unknown>) as AdminMessages));
  return m;
}

/** The keys ("editor.slugNote", "client.history.show") that `locale` leaves to English. */
export function missingAdminKeys(locale: AdminLocale): string[] {
  const missing: string[] = [];
  const walk = (base: Record<string, unknown>, part: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(base)) {
      const p = isGroup(part) ? part[k] : undefined;
      if (isGroup(v)) walk(v, p, `${prefix}${k}.`);
      else if (p === undefined) missing.push(`${prefix}${k}`);
    }
  };
  walk(ADMIN_EN, PARTS[locale], '');
  return missing;
}

/**
 * The interface language for a request: the user's own choice (the account page's "interface language") when set,
 * else the first language of the browser's Accept-Language (by its q-values) that the admin speaks, else English.
 */
export function pickAdminLocale(choice: string | null | undefined, acceptLanguage: string | null | undefined): AdminLocale {
  if (isAdminLocale(choice)) return choice;
  const asked = (acceptLanguage ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, i };
    })
    .filter((x) => x.lang && x.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.i - b.i);
  return asked.map((x) => x.lang).find(isAdminLocale) ?? 'en';
}

/** The part of the catalogue the editor's script needs, for the page's JSON island (admin-layout.ts). */
export const clientMessages = (locale: AdminLocale) => adminMessages(locale).client;
