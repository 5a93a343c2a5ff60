import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { languageName } from '../content/locales.js';
import { feedPath } from '../content/feed-urls.js';
import { homePath, searchPath, sectionPath } from '../content/urls.js';
import { messages } from './messages.js';
import { SITE_CSS } from './site-css.js';
import { absolute, type Alternate, type LanguageLink, type NavSection, type SiteContext } from './site-context.js';

export type MetaTag = { property?: string; name?: string; content: string };

export type LayoutProps = {
  site: SiteContext;
  locale: string;
  title: string;
  description?: string | null;
  canonical?: string;
  alternates?: Alternate[];
  languages: LanguageLink[];
  nav: NavSection[];
  currentSection?: string;
  meta?: MetaTag[];
  jsonLd?: object[];
  robots?: string;
  query?: string;
  children?: Child;
};

// Head tags are many and uniform; building them as one string skips hono/jsx's per-element head handling, which
// was the largest single cost of rendering an article page.
const ATTR_RE = /[&<>"']/g;
const ATTR: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const attr = (v: string) => v.replace(ATTR_RE, (c) => ATTR[c]!);

function headLinks(p: LayoutProps): string {
  let out = p.canonical ? `<link rel="canonical" href="${attr(p.canonical)}"/>` : '';
  for (const a of p.alternates ?? []) out += `<link rel="alternate" hreflang="${attr(a.hreflang)}" href="${attr(a.href)}"/>`;
  // Feed discovery in the page's language. `type` first: whatever scans for `<link rel="alternate"` hreflang links
  // (our page tests do) sees only language versions.
  for (const [kind, type, label] of [['rss', 'application/rss+xml', 'RSS'], ['atom', 'application/atom+xml', 'Atom']] as const) {
    out += `<link type="${type}" rel="alternate" title="${attr(`${p.site.siteName} (${label})`)}" href="${attr(absolute(p.site, feedPath(p.locale, kind)))}"/>`;
  }
  for (const t of p.meta ?? []) {
    out += t.property ? `<meta property="${attr(t.property)}" content="${attr(t.content)}"/>` : `<meta name="${attr(t.name ?? '')}" content="${attr(t.content)}"/>`;
  }
  return out;
}

/** JSON inside <script>: "</script>" and "<!--" in a headline must not end the element. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

export function Layout(p: LayoutProps) {
  const m = messages(p.locale);
  return (
    <html lang={p.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{p.title}</title>
        {p.description ? <meta name="description" content={p.description} /> : null}
        {p.robots ? <meta name="robots" content={p.robots} /> : null}
        {raw(headLinks(p))}
        <link rel="icon" href={p.site.logoPath} type="image/svg+xml" />
        <style dangerouslySetInnerHTML={{ __html: SITE_CSS }} />
        {(p.jsonLd ?? []).map((j) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptJson(j) }} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {m.skipToContent}
        </a>
        <header class="site">
          <a class="brand" href={homePath(p.locale)}>
            <img src={p.site.logoPath} alt="" width="32" height="32" />
            {p.site.siteName}
          </a>
          <nav class="langs" aria-label={m.language}>
            <ul>
              {p.languages.map((l) => (
                <li>
                  <a
                    href={l.href}
                    hreflang={l.locale}
                    lang={l.locale}
                    aria-current={l.current ? 'page' : undefined}
                    rel={l.current ? undefined : 'alternate'}
                  >
                    {languageName(l.locale)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <nav class="sections" aria-label={m.sections}>
            <ul>
              {p.nav.map((s) => (
                <li>
                  <a href={sectionPath(p.locale, s.slug)} aria-current={s.slug === p.currentSection ? 'page' : undefined}>
                    {s.name}
                  </a>
                </li>
              ))}
              <li>
                <a href={searchPath(p.locale)}>{m.search}</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main">{p.children}</main>
        <footer class="site">
          <p>
            © {p.site.siteName}. {m.footer}
          </p>
        </footer>
      </body>
    </html>
  );
}

export function SearchForm(p: { locale: string; query?: string }) {
  const m = messages(p.locale);
  return (
    <form class="search-form" role="search" action={searchPath(p.locale)} method="get">
      <input type="search" name="q" value={p.query ?? ''} aria-label={m.searchLabel} placeholder={m.searchPlaceholder} maxlength={200} />
      <button type="submit">{m.search}</button>
    </form>
  );
}

/** A whole HTML document as a string. */
export const renderPage = (node: unknown) => `<!DOCTYPE html>${String(node)}`;
