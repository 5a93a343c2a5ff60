import type { ArticleSummary } from '../../content/types.js';
import { cards, latestNews, pager } from '../components.js';
import { html, raw, type Html } from '../html.js';
import { pictureHtml } from '../picture.js';
import type { LibraryImage } from '../../content/media.js';
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
  /** An author page: their photo, role title and links beside the heading. */
  profile?: ListProfile | undefined;
  /** A sub-section's page: the way up, home first, to its parent (the page itself is the heading). */
  crumbs?: { name: string; href: string }[] | undefined;
  /** A section's page: the sections under it. */
  subsections?: { name: string; href: string }[] | undefined;
};

export type ListProfile = {
  title: string | null;
  links: string[];
  photo: { path: string; image: LibraryImage; width: number; height: number } | null;
};

/** The text of a profile link: the site's host name (a reader sees where it leads). */
const linkText = (url: string) => {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
};

function profileBlock(name: string, p: ListProfile): Html {
  const picture = p.photo ? (pictureHtml(p.photo.image, { alt: name, sizes: '8rem' }) ?? null) : null;
  const photo = p.photo
    ? picture
      ? html`<div class="author-photo">${raw(picture)}</div>`
      : html`<div class="author-photo"><img src="${p.photo.path}" width="${String(p.photo.width)}" height="${String(p.photo.height)}" alt="${name}" loading="lazy"/></div>`
    : null;
  return html`${photo}${p.title ? html`<p class="meta author-title">${p.title}</p>` : null}${
    p.links.length ? html`<ul class="author-links">${p.links.map((u) => html`<li><a href="${u}" rel="me noopener">${linkText(u)}</a></li>`)}</ul>` : null
  }`;
}

export function listBody(p: ListView): Html {
  const m = messages(p.locale);
  return html`<div class="layout"><div>${
    p.crumbs?.length
      ? html`<nav class="crumbs" aria-label="${m.breadcrumb}"><ol>${p.crumbs.map((c) => html`<li><a href="${c.href}">${c.name}</a></li>`)}</ol></nav>`
      : null
  }<p class="kicker">${p.kicker}</p><h1>${p.title}</h1>${p.profile ? profileBlock(p.title, p.profile) : null}${p.intro ? html`<p class="deck">${p.intro}</p>` : null}${
    p.subsections?.length
      ? html`<nav class="subsections" aria-label="${m.subsections}"><ul>${p.subsections.map((c) => html`<li><a href="${c.href}">${c.name}</a></li>`)}</ul></nav>`
      : null
  }${
    p.search ? searchForm({ locale: p.locale, query: p.search.query }) : null
  }${p.items.length ? cards({ locale: p.locale, items: p.items, timeZone: p.site.timeZone, showSection: true, level: 2 }) : html`<p>${p.emptyText}</p>`}${pager(
    {
      locale: p.locale,
      newerHref: p.newerHref,
      olderHref: p.olderHref,
    },
  )}</div><aside>${p.latest ? latestNews({ locale: p.locale, items: p.latest, timeZone: p.site.timeZone }) : html`<p class="meta">${m.searchHint}</p>`}</aside></div>`;
}
