import type { searchAdmin } from '../../../../services/search.js';

type Item = Awaited<ReturnType<typeof searchAdmin>>['items'][number];

/** One search result: the version, where it stands, and its headline and a passage with the matches in <mark> (escaped HTML). */
export function presentSearchItem(r: Item) {
  return {
    id: r.id,
    kind: r.kind,
    locale: r.locale,
    status: r.status,
    state: r.state,
    headline: r.headline,
    section: r.section_slug,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    headlineHtml: r.headlineHtml,
    snippetHtml: r.snippetHtml,
  };
}
