import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { ArticleSummary } from '../content/types.js';
import { articlePath } from '../content/urls.js';
import { formatDate, formatDateTime, messages } from './messages.js';
import { libraryPicture, SIZES } from './picture.js';

export const articleHref = (a: ArticleSummary) => articlePath(a);

// The same list object is shared by every page of a language until it changes (services/shared-lists.ts), so its
// HTML is built once per list, language and time zone rather than once per page.
const latestHtml = new WeakMap<ArticleSummary[], Map<string, HtmlEscapedString>>();

/** The "Latest news" list: headlines with their time, newest first. */
export function LatestNews(p: { locale: string; items: ArticleSummary[]; timeZone: string }) {
  if (p.items.length === 0) return null;
  let byContext = latestHtml.get(p.items);
  if (!byContext) latestHtml.set(p.items, (byContext = new Map()));
  const key = `${p.locale}|${p.timeZone}`;
  let html = byContext.get(key);
  if (!html) byContext.set(key, (html = raw(String(<LatestNewsList {...p} />))));
  return html;
}

function LatestNewsList(p: { locale: string; items: ArticleSummary[]; timeZone: string }) {
  const m = messages(p.locale);
  return (
    <section class="latest" aria-labelledby="latest-news">
      <h2 id="latest-news">{m.latestNews}</h2>
      <ol>
        {p.items.map((a) => (
          <li>
            <a href={articleHref(a)}>{a.headline}</a>
            <time datetime={a.publishedAt}>{formatDateTime(p.locale, a.publishedAt, p.timeZone)}</time>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Story cards for section blocks and list pages. `lazy` is off for cards likely above the fold; `level` keeps the
 * heading outline unbroken (h2 under a page's h1, h3 under a block's h2).
 */
export function Cards(p: { locale: string; items: ArticleSummary[]; timeZone: string; showSection?: boolean; lazy?: boolean; level?: 2 | 3 }) {
  const Heading = p.level === 2 ? 'h2' : 'h3';
  return (
    <ul class="cards">
      {p.items.map((a) => (
        <li class="card">
          {libraryPicture(a.hero, SIZES.card, p.lazy === false) ?? (a.hero ? (
            <img
              src={a.hero.src}
              alt={a.hero.alt}
              width={String(a.hero.width)}
              height={String(a.hero.height)}
              loading={p.lazy === false ? undefined : 'lazy'}
              decoding="async"
            />
          ) : null)}
          {p.showSection ? <span class="kicker">{a.sectionName}</span> : null}
          <Heading>
            <a href={articleHref(a)}>{a.headline}</a>
          </Heading>
          {a.deck ? <p>{a.deck}</p> : null}
          <p class="meta">
            <time datetime={a.publishedAt}>{formatDate(p.locale, a.publishedAt, p.timeZone)}</time>
          </p>
        </li>
      ))}
    </ul>
  );
}

export function Pager(p: { locale: string; newerHref?: string | null; olderHref?: string | null }) {
  const m = messages(p.locale);
  if (!p.newerHref && !p.olderHref) return null;
  return (
    <nav class="pager" aria-label={m.pagination}>
      {p.newerHref ? <a href={p.newerHref}>← {m.newestStories}</a> : <span />}
      {p.olderHref ? (
        <a href={p.olderHref} rel="next">
          {m.olderStories} →
        </a>
      ) : null}
    </nav>
  );
}
