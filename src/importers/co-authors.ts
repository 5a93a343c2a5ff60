import type { WxrItem, WxrTermRef } from './wxr-reader.js';
import { decodeSlug } from './decode-slug.js';

/*
 * Co-Authors Plus in a WordPress export: a post's authors are terms of the `author` taxonomy, in byline order, each
 * `cap-{user_nicename}` (a WordPress user) or `cap-{guest login}` (a guest author, also exported as an item of post
 * type `guest-author`). Pure.
 */

export const MAX_COAUTHORS = 50;

/** `Jane.Doe` → `jane-doe`: the `user_nicename` WordPress makes of a login (sanitize_title, roughly). */
export const nicenameOf = (login: string) =>
  login
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** The nicenames of a post's co-authors, in byline order, each once; empty when the post has none. */
export function coAuthorNicenames(terms: readonly WxrTermRef[]): string[] {
  const out: string[] = [];
  for (const t of terms) {
    if (t.domain !== 'author') continue;
    const slug = decodeSlug(t.slug.trim());
    const nicename = slug.startsWith('cap-') ? slug.slice(4) : slug;
    if (nicename && !out.includes(nicename)) out.push(nicename);
    if (out.length === MAX_COAUTHORS) break;
  }
  return out;
}

/** A guest author's item (post type `guest-author`): its login and display name; null when it names none. */
export function guestAuthor(item: WxrItem): { login: string; displayName: string; email: string } | null {
  const login = (item.meta['cap-user_login'] ?? decodeSlug(item.postName).replace(/^cap-/, '')).trim();
  if (!login) return null;
  const displayName = (item.meta['cap-display_name'] ?? item.title).trim() || login;
  return { login, displayName, email: (item.meta['cap-user_email'] ?? '').trim() };
}
