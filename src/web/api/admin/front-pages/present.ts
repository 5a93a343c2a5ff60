import type { FrontPageView } from '../../../../services/front-pages.js';

/**
 * A front page as the API shows it: the pins as PUT takes them (`until` null when a story stays until unpinned, and
 * still listed once it has passed), when and by whom they were last saved, and `shown`: what readers get now.
 */
export function presentFrontPage(v: FrontPageView) {
  return {
    locale: v.locale,
    lead: v.lead,
    top: v.top.map((t) => ({ articleId: t.articleId, until: t.until })),
    sections: v.sections,
    updatedAt: v.updatedAt,
    updatedBy: v.updatedBy,
    shown: v.shown,
    version: v.version,
  };
}
