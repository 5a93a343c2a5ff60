import { sectionPath } from '../../../../content/urls.js';
import type { SectionRecord } from '../../../../services/sections.js';

/**
 * A section as the API shows it: what PATCH takes (`parentId`: the section it sits under, null at the top level), plus
 * its article count and its public address per language (flat: a move in the tree changes none).
 */
export function presentSection(s: SectionRecord, locales: readonly string[]) {
  return {
    id: s.id,
    slug: s.slug,
    names: s.names,
    descriptions: s.descriptions,
    position: s.position,
    hidden: s.hidden,
    parentId: s.parentId,
    articles: s.articles,
    urls: Object.fromEntries(locales.map((l) => [l, sectionPath(l, s.slug)])),
    createdAt: s.createdAt,
  };
}
