import type { ArticleSummary } from '../../content/types.js';
import { Cards, LatestNews, Pager } from '../components.js';
import { SearchForm } from '../layout.js';
import { messages } from '../messages.js';
import type { SiteContext } from '../site-context.js';

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

export function ListBody(p: ListView) {
  const m = messages(p.locale);
  return (
    <div class="layout">
      <div>
        <p class="kicker">{p.kicker}</p>
        <h1>{p.title}</h1>
        {p.intro ? <p class="deck">{p.intro}</p> : null}
        {p.search ? <SearchForm locale={p.locale} query={p.search.query} /> : null}
        {p.items.length ? <Cards locale={p.locale} items={p.items} timeZone={p.site.timeZone} showSection level={2} /> : <p>{p.emptyText}</p>}
        <Pager locale={p.locale} newerHref={p.newerHref} olderHref={p.olderHref} />
      </div>
      <aside>{p.latest ? <LatestNews locale={p.locale} items={p.latest} timeZone={p.site.timeZone} /> : <p class="meta">{m.searchHint}</p>}</aside>
    </div>
  );
}
