import { tagPath } from '../../../../content/urls.js';
import type { TagView } from '../../../../services/tags.js';

/** A tag as the API shows it: what PATCH takes (`translations` as `{locale: {id, slug, name}}`), its count and address. */
export function presentTag(t: TagView) {
  return { id: t.id, locale: t.locale, slug: t.slug, name: t.name, articles: t.articles, translations: t.translations, url: tagPath(t.locale, t.slug) };
}
