import { parsePhpSerialized } from './php-serialized.js';
import type { WxrItem, WxrTerm } from './wxr-reader.js';

/*
 * A post's language and translation group, as Polylang or WPML leave them in a WordPress export. Pure.
 *
 * - Polylang: the post's `<category domain="language" nicename="en">` term, and its `post_translations` term
 *   (`pll_…`), whose `wp:term` description is a serialized PHP array, language → post id.
 * - WPML: postmeta `_wpml_import_language_code` / `wpml_language` (and `_wpml_import_translation_group`,
 *   `wpml_translation_group`, `_icl_trid` / `trid` for the group, `_wpml_import_source_language_code` for the
 *   source's language), or `_icl_lang_duplicate_of`: the id of the post this one duplicates.
 */

export type PostLanguage = {
  /** The plugin's language code, as written (`en`, `pt-br`); null when the post carries none. */
  language: string | null;
  /** A key shared by the posts that translate one another; null when the post is in no group. */
  group: string | null;
  /** WPML: the language the group's original is in. */
  sourceLanguage: string | null;
};

const LANG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?$/i;
const first = (meta: Readonly<Record<string, string>>, keys: string[]) => {
  for (const k of keys) {
    const v = meta[k]?.trim();
    if (v) return v;
  }
  return null;
};

export function postLanguage(item: WxrItem, polylangGroups: ReadonlyMap<string, string> = new Map()): PostLanguage {
  const term = item.terms.find((t) => t.domain === 'language' || t.domain === 'wpml_language');
  const polylangGroup = item.terms.find((t) => t.domain === 'post_translations')?.slug.trim();
  const metaLanguage = first(item.meta, ['_wpml_import_language_code', 'wpml_language', '_wpml_language']);
  let language = term?.slug.trim() || metaLanguage || polylangGroups.get(item.postId) || null;
  if (language && !LANG.test(language)) language = null;
  const trid = first(item.meta, ['_wpml_import_translation_group', 'wpml_translation_group', '_icl_trid', 'trid']);
  const duplicateOf = first(item.meta, ['_icl_lang_duplicate_of']);
  const group = polylangGroup ? `polylang:${polylangGroup}` : trid ? `wpml:${trid}` : duplicateOf ? `post:${duplicateOf}` : null;
  const source = first(item.meta, ['_wpml_import_source_language_code', 'wpml_source_language']);
  return { language, group: group && group.length <= 200 ? group : null, sourceLanguage: source && LANG.test(source) ? source : null };
}

/**
 * Polylang's `post_translations` term: post id → language, from its serialized description. Empty for any other
 * term, or a description this reader refuses.
 */
export function polylangMembers(term: WxrTerm): Map<string, string> {
  const out = new Map<string, string>();
  if (term.taxonomy !== 'post_translations') return out;
  const v = parsePhpSerialized(term.description.trim());
  if (!(v instanceof Map)) return out;
  for (const [lang, id] of v)
    if (LANG.test(lang) && (typeof id === 'number' || typeof id === 'string') && /^[1-9][0-9]{0,11}$/.test(String(id))) out.set(String(id), lang);
  return out;
}

/** The site's locale for a plugin's language code: `ru`, `ru_RU`, `ru-ru` → `ru` when the site has `ru`; else null. */
export function siteLocaleOf(language: string, locales: readonly string[]): string | null {
  const l = language.toLowerCase().replace('_', '-');
  if (locales.includes(l)) return l;
  const base = l.split('-')[0]!;
  return locales.includes(base) ? base : null;
}
