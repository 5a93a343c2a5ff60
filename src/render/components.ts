import type { ArticleSummary } from '../content/types.js';
import { articlePath } from '../content/urls.js';
import { html, raw, type Html } from './html.js';
import { formatDate, formatDateTime, messages } from './messages.js';
import { libraryPicture, SIZES } from './picture.js';

export const articleHref = (a: ArticleSummary) => articlePath(a);

// The same list object is shared by every page of a language until it changes (services/shared-lists.ts), so its
// HTML is built once per list, language and time zone rather than once per page.
const latestHtml = new WeakMap<ArticleSummary[], Map<string, Html>>();

/** The "Latest news" list: headlines with their time, newest first. */
export function latestNews(p: { locale: string; items: ArticleSummary[]; timeZone: string }): Html | null {
  if (p.items.length === 0) return null;
  let byContext = latestHtml.get(p.items);
  if (!byContext) latestHtml.set(p.items, (byContext = new Map()));
  const key = `${p.locale}|${p.timeZone}`;
  let out = byContext.get(key);
  if (!out) byContext.set(key, (out = latestNewsList(p)));
  return out;
}

function latestNewsList(p: { locale: string; items: ArticleSummary[]; timeZone: string }): Html {
  const m = messages(p.locale);
  return html`<section class="latest" aria-labelledby="latest-news"><h2 id="latest-news">${m.latestNews}</h2><ol>${p.items.map(
    (a) =>
      html`<li><a href="${articleHref(a)}">${a.headline}</a><time datetime="${a.publishedAt}">${formatDateTime(p.locale, a.publishedAt, p.timeZone)}</time></li>`,
  )}</ol></section>`;
}

/** A hero without library renditions: its plain file. */
export const plainImg = (hero: { src: string; alt: string; width: number; height: number }, loading: Html) =>
  html`<img src="${hero.src}" alt="${hero.alt}" width="${String(hero.width)}" height="${String(hero.height)}"${loading}/>`;

export const FETCH_FIRST = raw(' fetchpriority="high"');
const LAZY = raw(' loading="lazy" decoding="async"');
const ASYNC = raw(' decoding="async"');

/**
 * Story cards for section blocks and list pages. `lazy` is off for cards likely above the fold; `level` keeps the
 * heading outline unbroken (h2 under a page's h1, h3 under a block's h2).
 */
export function cards(p: { locale: string; items: ArticleSummary[]; timeZone: string; showSection?: boolean; lazy?: boolean; level?: 2 | 3 }): Html {
  const [open, close] = p.level === 2 ? [raw('<h2>'), raw('</h2>')] : [raw('<h3>'), raw('</h3>')];
  const eager = p.lazy === false;
  return html`<ul class="cards">${p.items.map(
    (a) =>
      html`<li class="card">${libraryPicture(a.hero, SIZES.card, eager) ?? (a.hero ? plainImg(a.hero, eager ? ASYNC : LAZY) : null)}${
        p.showSection ? html`<span class="kicker">${a.sectionName}</span>` : null
      }${open}<a href="${articleHref(a)}">${a.headline}</a>${close}${a.deck ? html`<p>${a.deck}</p>` : null}<p class="meta"><time datetime="${a.publishedAt}">${formatDate(
        p.locale,
        a.publishedAt,
        p.timeZone,
      )}</time></p></li>`,
  )}</ul>`;
}

export function pager(p: { locale: string; newerHref?: string | null; olderHref?: string | null }): Html | null {
  const m = messages(p.locale);
  if (!p.newerHref && !p.olderHref) return null;
  return html`<nav class="pager" aria-label="${m.pagination}">${p.newerHref ? html`<a href="${p.newerHref}">← ${m.newestStories}</a>` : raw('<span></span>')}${
    p.olderHref ? html`<a href="${p.olderHref}" rel="next">${m.olderStories} →</a>` : null
  }</nav>`;
}
