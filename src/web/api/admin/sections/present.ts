import { sectionPath } from '../../../../content/urls.js';
import type { SectionRecord } from '../../../../services/sections.js';

/** A section as the API shows it: what PATCH takes, plus its article count and its public address per language. */
export function presentSection(s: SectionRecord, locales: readonly string[]) {
  return {
    id: s.id,
    slug: s.slug,
    names: s.names,
    descriptions: s.descriptions,
    position: s.position,
    hidden: s.hidden,
    articles: s.articles,
    urls: Object.fromEntries(locales.map((l) => [l, sectionPath(l, s.slug)])),
    createdAt: s.createdAt,
  };
}
