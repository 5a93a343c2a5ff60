import { languageName } from '../content/locales.js';
import { feedPath } from '../content/feed-urls.js';
import { homePath, pagePath, searchPath, sectionPath } from '../content/urls.js';
import { visibleParents } from '../content/section-tree.js';
import { html, raw, type Html } from './html.js';
import { messages } from './messages.js';
import { SITE_CSS } from './site-css.js';
import { absolute, siteIn, type LocalSite, type SiteContext } from '../content/site-context.js';
import type { Alternate, FooterLink, LanguageLink, NavSection } from './page-links.js';

export type MetaTag = { property?: string; name?: string; content: string };

export type LayoutProps = {
  site: SiteContext;
  locale: string;
  title: string;
  description?: string | null | undefined;
  canonical?: string | undefined;
  alternates?: Alternate[];
  languages: LanguageLink[];
  nav: NavSection[];
  /** The language's published pages (About, policies), linked from the footer. */
  footer?: readonly FooterLink[] | undefined;
  /** The slug of the page this is, when it is one: its footer link is marked current. */
  currentPage?: string | undefined;
  currentSection?: string | undefined;
  meta?: MetaTag[];
  jsonLd?: object[];
  robots?: string | undefined;
  /** Before the site's header (after the skip link): the preview's "not published" bar. */
  banner?: Html | undefined;
  /** After the stylesheet: a page type's own <style> (its hash must be in that page's CSP). */
  headExtra?: Html | undefined;
  children: Html;
};

/** JSON inside <script>: "</script>" and "<!--" in a headline must not end the element. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The parts of every page that depend only on the site and the language, built once for each pair. */
type Frame = {
  /** Feed discovery, after the hreflang links. */
  feeds: Html;
  /** From the icon to the stylesheet. */
  headEnd: Html;
  /** <body> and the skip link: first, also before a banner. */
  skip: Html;
  /** From the site's header to the language switcher's list. */
  bodyStart: Html;
  sectionsStart: Html;
  /** The search link, the end of the header and the start of <main>. */
  headerEnd: Html;
  /** From the end of <main> to the start of the footer's text. */
  footerStart: Html;
  end: Html;
};

// Keyed by the site as one language sees it: a new one (the settings changed: content/site-context.ts) builds anew.
const frames = new WeakMap<LocalSite, Frame>();

function frameOf(site: SiteContext, locale: string): Frame {
  const local = siteIn(site, locale);
  let f = frames.get(local);
  if (!f) frames.set(local, (f = buildFrame(local, locale)));
  return f;
}

/** The header's logo: the uploaded one at the header's height, else the monogram. */
function brandImage(site: LocalSite): Html {
  const logo = site.brand?.logo;
  if (!logo) return html`<img src="${site.logoPath}" alt="" width="32" height="32"/>`;
  const width = Math.max(1, Math.round((32 * logo.small.width) / logo.small.height));
  return html`<img src="${logo.small.url}" alt="" width="${String(width)}" height="32"/>`;
}

function buildFrame(site: LocalSite, locale: string): Frame {
  const m = messages(locale);
  // `type` first: whatever scans for `<link rel="alternate"` hreflang links (our page tests do) sees only language
  // versions.
  const feeds = (['rss', 'atom'] as const).map((kind) => {
    const [type, label] = kind === 'rss' ? ['application/rss+xml', 'RSS'] : ['application/atom+xml', 'Atom'];
    return html`<link type="${type}" rel="alternate" title="${`${site.siteName} (${label})`}" href="${absolute(site, feedPath(locale, kind))}"/>`;
  });
  return {
    feeds: html`${feeds}`,
    // The stylesheet is ours and its hash is in the CSP (web/security-headers.ts): it goes in as it is.
    headEnd: html`<link rel="icon" href="${site.logoPath}" type="image/svg+xml"/><style>${raw(SITE_CSS)}</style>`,
    skip: html`<body><a class="skip" href="#main">${m.skipToContent}</a>`,
    bodyStart: html`<header class="site"><a class="brand" href="${homePath(locale)}">${brandImage(site)}${site.siteName}</a><nav class="langs" aria-label="${m.language}"><ul>`,
    sectionsStart: html`</ul></nav><nav class="sections" aria-label="${m.sections}"><ul>`,
    headerEnd: html`<li><a href="${searchPath(locale)}">${m.search}</a></li></ul></nav></header><main id="main">`,
    footerStart: html`</main><footer class="site">`,
    end: html`<p>© ${site.siteName}. ${site.tagline || m.footer}</p></footer></body></html>`,
  };
}

function headLinks(p: LayoutProps, frame: Frame): Html {
  return html`${p.canonical ? html`<link rel="canonical" href="${p.canonical}"/>` : null}${(p.alternates ?? []).map(
    (a) => html`<link rel="alternate" hreflang="${a.hreflang}" href="${a.href}"/>`,
  )}${frame.feeds}${(p.meta ?? []).map((t) =>
    t.property ? html`<meta property="${t.property}" content="${t.content}"/>` : html`<meta name="${t.name ?? ''}" content="${t.content}"/>`,
  )}`;
}

const languageLink = (l: LanguageLink) =>
  html`<li><a href="${l.href}" hreflang="${l.locale}" lang="${l.locale}"${l.current ? raw(' aria-current="page"') : raw(' rel="alternate"')}>${languageName(l.locale)}</a></li>`;

export function layout(p: LayoutProps): Html {
  const frame = frameOf(p.site, p.locale);
  const above = visibleParents(p.nav.filter((s): s is NavSection & { id: number } => s.id !== undefined));
  return html`<html lang="${p.locale}"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>${p.title}</title>${
    p.description ? html`<meta name="description" content="${p.description}"/>` : null
  }${p.robots ? html`<meta name="robots" content="${p.robots}"/>` : null}${headLinks(p, frame)}${frame.headEnd}${p.headExtra ?? null}${(p.jsonLd ?? []).map(
    (j) => html`<script type="application/ld+json">${raw(scriptJson(j))}</script>`,
  )}</head>${frame.skip}${p.banner ?? null}${frame.bodyStart}${p.languages.map(languageLink)}${frame.sectionsStart}${p.nav.map((s) =>
    // The menu holds the top level; a sub-section is linked from its parent's page, or, when every section above it
    // is hidden, from here.
    (s.id === undefined ? s.hidden || s.parentId != null : above.get(s.id) !== null)
      ? null
      : html`<li><a href="${sectionPath(p.locale, s.slug)}"${s.slug === p.currentSection ? raw(' aria-current="page"') : null}>${s.name}</a></li>`,
  )}${frame.headerEnd}${p.children}${frame.footerStart}${footerPages(p)}${frame.end}`;
}

function footerPages(p: LayoutProps): Html | null {
  if (!p.footer?.length) return null;
  return html`<nav class="pages" aria-label="${messages(p.locale).aboutUs}"><ul>${p.footer.map(
    (f) => html`<li><a href="${pagePath(p.locale, f.slug)}"${f.slug === p.currentPage ? raw(' aria-current="page"') : null}>${f.title}</a></li>`,
  )}</ul></nav>`;
}

export function searchForm(p: { locale: string; query?: string }): Html {
  const m = messages(p.locale);
  return html`<form class="search-form" role="search" action="${searchPath(p.locale)}" method="get"><input type="search" name="q" value="${p.query ?? ''}" aria-label="${m.searchLabel}" placeholder="${m.searchPlaceholder}" maxlength="200"/><button type="submit">${m.search}</button></form>`;
}

/** A whole HTML document as a string. */
export const renderPage = (page: Html) => `<!DOCTYPE html>${page.text}`;
