import type { PartnerRecord } from '../../../../services/partners.js';

/** A partner as the API shows it: what PATCH takes, plus its logo's address and how many articles credit it. */
export function presentPartner(p: PartnerRecord) {
  return {
    id: p.id,
    name: p.name,
    names: p.names,
    url: p.url,
    locale: p.locale,
    licence: p.licence,
    logoMediaId: p.logoMediaId,
    logo: p.logoPath,
    creditLines: p.creditLines,
    active: p.active,
    feedUrl: p.feedUrl,
    articles: p.articles,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
