import { INTL_LOCALE } from './locales.js';

/**
 * The admin's one way of writing a moment: through Intl, in the user's interface language and the newsroom's time
 * zone ("4 Dec 2026, 13:43", "4 дек. 2026 г., 13:43"). Every admin screen (render/admin) and the editor in the browser
 * (admin-client) format with these, so a list, the dashboard and "Saved 13:45" agree. Lives in content/ because both
 * the server and the browser bundle import it.
 */
export type AdminDates = {
  locale: string;
  timeZone: string;
  /** Day and time: "4 Dec 2026, 13:43". */
  dateTime: (when: string | Date) => string;
  /** The day only: "4 Dec 2026". */
  date: (when: string | Date) => string;
  /** The time of day only, for what happened today ("Saved 13:45"): "13:45". */
  time: (when: string | Date) => string;
  /** A number in the user's locale: "12,345" or "12 345". */
  number: (n: number) => string;
};

const cache = new Map<string, AdminDates>();

/** The formatters for an interface language and a time zone; built once per pair (Intl formatters are costly). */
export function adminDates(locale: string, timeZone: string): AdminDates {
  const key = `${locale}|${timeZone}`;
  let d = cache.get(key);
  if (d) return d;
  const tag = INTL_LOCALE[locale] ?? locale;
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone });
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone });
  const number = new Intl.NumberFormat(tag);
  const at = (w: string | Date) => (typeof w === 'string' ? new Date(w) : w);
  d = {
    locale,
    timeZone,
    dateTime: (w) => dateTime.format(at(w)),
    date: (w) => date.format(at(w)),
    time: (w) => time.format(at(w)),
    number: (n) => number.format(n),
  };
  cache.set(key, d);
  return d;
}
