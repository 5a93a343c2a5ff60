import { homePath } from '../../content/urls.js';
import { stateLabel } from '../../content/workflow.js';
import type { SiteContext } from '../../content/site-context.js';
import { html, raw, type Html } from '../html.js';
import { layout, renderPage, type LayoutProps } from '../layout.js';
import { formatDateTime } from '../messages.js';
import type { NavSection } from '../page-links.js';

/**
 * What a preview adds to the article page readers will see: a bar saying it is not published (and which version it
 * is), `noindex`, and the bar's own small stylesheet. The page itself is the public article page, rendered by the
 * same function from the same kind of data, so a preview cannot drift from the real thing. The bar speaks English,
 * the newsroom's language, whatever the story's (marked with lang="en").
 */

// A stylesheet of its own, not a line in the site's: readers' pages stay byte for byte what they were. Its hash is
// in the preview's CSP (render/public-csp.ts PREVIEW_CSP).
export const PREVIEW_CSS =
  '.preview-bar{position:sticky;top:0;z-index:20;background:#fff3bf;color:#161616;border-bottom:3px solid #8a6d00;padding:.55rem 1rem;font:.95rem/1.45 system-ui,sans-serif;text-align:center}' +
  '.preview-bar p{margin:0}.preview-bar a{color:#161616;font-weight:600}';

export type PreviewBar = {
  /** The revision shown, and the article's newest. */
  revision: number;
  latestRevision: number;
  /** The article's workflow state now. */
  state: string;
  timeZone: string;
  /** A share link's end (shown to whoever opened it); none in the admin. */
  expiresAt?: string | null;
  /** Back to the editor (the admin's preview only). */
  editorHref?: string | null;
};

export function previewBar(p: PreviewBar): Html {
  const which =
    p.revision === p.latestRevision ? html`revision ${String(p.revision)}, the latest` : html`revision ${String(p.revision)} of ${String(p.latestRevision)}`;
  return html`<aside class="preview-bar" aria-label="Preview" lang="en"><p><strong>Preview — not published.</strong> This is ${which} (the story is ${stateLabel(p.state)}).${
    p.expiresAt ? html` This link works until ${formatDateTime('en', p.expiresAt, p.timeZone)} (${p.timeZone} time).` : null
  }${p.editorHref ? html` <a href="${p.editorHref}">Back to the editor</a>` : null}</p></aside>`;
}

/** The layout options `renderArticlePage` takes for a preview. */
export const previewLayout = (bar: PreviewBar): Pick<LayoutProps, 'robots' | 'banner' | 'headExtra'> => ({
  robots: 'noindex',
  banner: previewBar(bar),
  headExtra: html`<style>${raw(PREVIEW_CSS)}</style>`,
});

export type PreviewGone = 'expired' | 'revoked';

/** 410 for a share link that no longer opens: say which, and what to do. */
export function renderPreviewGonePage(site: SiteContext, locale: string, reason: PreviewGone, nav: NavSection[]): string {
  const text = reason === 'expired' ? 'This preview link has expired.' : 'This preview link has been withdrawn by the newsroom.';
  return renderPage(
    layout({
      site,
      locale,
      title: `Preview unavailable — ${site.siteName}`,
      robots: 'noindex',
      languages: site.locales.map((l) => ({ locale: l, href: homePath(l), current: l === locale })),
      nav,
      children: html`<div class="layout" lang="en"><div><h1>Preview unavailable</h1><p>${text}</p><p>Ask whoever sent it for a new link. If the story has been published since, you will find it on the <a href="${homePath(locale)}">front page</a>.</p></div></div>`,
    }),
  );
}
