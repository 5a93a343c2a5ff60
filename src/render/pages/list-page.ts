import type { ArticleSummary } from '../../content/types.js';
import { cards, latestNews, pager } from '../components.js';
import { html, type Html } from '../html.js';
import { searchForm } from '../layout.js';
import { messages } from '../messages.js';
import type { SiteContext } from '../../content/site-context.js';

/** Section, tag, author and search result pages: a heading, story cards, keyset pager. */
export type ListView = {
  site: SiteContext;
  locale: string;
  kicker: string;
  title: string;
  intro?: string | null;
  items: ArticleSummary[];
  newerHref: string | null;
  olderHref: string | null;
  emptyText: string;
  search?: { query: string };
  latest?: ArticleSummary[];
};

export function listBody(p: ListView): Html {
  const m = messages(p.locale);
  return html`<div class="layout"><div><p class="kicker">${p.kicker}</p><h1>${p.title}</h1>${p.intro ? html`<p class="deck">${p.intro}</p>` : null}${
    p.search ? searchForm({ locale: p.locale, query: p.search.query }) : null
  }${p.items.length ? cards({ locale: p.locale, items: p.items, timeZone: p.site.timeZone, showSection: true, level: 2 }) : html`<p>${p.emptyText}</p>`}${pager(
    {
      locale: p.locale,
      newerHref: p.newerHref,
      olderHref: p.olderHref,
    },
  )}</div><aside>${p.latest ? latestNews({ locale: p.locale, items: p.latest, timeZone: p.site.timeZone }) : html`<p class="meta">${m.searchHint}</p>`}</aside></div>`;
}
