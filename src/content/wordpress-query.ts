/*
 * The query-string addresses every WordPress site answers whatever its permalink structure: `/?p=41`, `/?page_id=7`,
 * `/?attachment_id=55` (and the same on `/index.php`). The importer stores them as redirects under this one spelling;
 * the site looks them up by it. Only these keys, with a whole number, ever make a lookup: nothing else in a query
 * string is read, so no request can name where it is sent.
 */

export const WORDPRESS_QUERY_KEYS = ['p', 'page_id', 'attachment_id'] as const;
export type WordPressQueryKey = (typeof WORDPRESS_QUERY_KEYS)[number];

const ID = /^[1-9][0-9]{0,11}$/;

/** The stored spelling of a WordPress query address: `/?p=41`. */
export const wordpressQueryPath = (key: WordPressQueryKey, id: string | number) => `/?${key}=${id}`;

/**
 * `/?p=41` for a request to `/` or `/index.php` whose query has exactly one of WordPress's keys with a whole number
 * (other parameters, `utm_source`…, are ignored); null otherwise.
 */
export function wordpressQueryOf(pathname: string, search: string): string | null {
  if (pathname !== '/' && pathname !== '/index.php') return null;
  if (!search || search === '?') return null;
  const params = new URLSearchParams(search);
  const found = WORDPRESS_QUERY_KEYS.filter((k) => params.has(k));
  if (found.length !== 1) return null;
  const key = found[0]!;
  const values = params.getAll(key);
  if (values.length !== 1 || !ID.test(values[0]!)) return null;
  return wordpressQueryPath(key, values[0]!);
}
