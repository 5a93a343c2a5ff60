import { homePath } from '../../content/urls.js';
import { isWorkflowState } from '../../content/workflow.js';
import { siteIn, type SiteContext } from '../../content/site-context.js';
import { html, raw, type Html } from '../html.js';
import { layout, renderPage, type LayoutProps } from '../layout.js';
import { formatDateTime, messages } from '../messages.js';
import type { NavSection } from '../page-links.js';

/**
 * What a preview adds to the article page readers will see: a bar saying it is not published (and which version it
 * is), `noindex`, and the bar's own small stylesheet. The page itself is the public article page, rendered by the
 * same function from the same kind of data, so a preview cannot drift from the real thing. The bar speaks the story's
 * language, as the page around it does: whoever is sent a share link reads that language (render/messages.ts).
 */

// A stylesheet of its own, not a line in the site's: readers' pages stay byte for byte what they were. Its hash is
// in the preview's CSP (render/public-csp.ts PREVIEW_CSP).
export const PREVIEW_CSS =
  '.preview-bar{position:sticky;top:0;z-index:20;background:#fff3bf;color:#161616;border-bottom:3px solid #8a6d00;padding:.55rem 1rem;font:.95rem/1.45 system-ui,sans-serif;text-align:center}' +
  '.preview-bar p{margin:0}.preview-bar a{color:#161616;font-weight:600}';

export type PreviewBar = {
  /** The story's language: the bar's. */
  locale: string;
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
  const t = messages(p.locale).preview;
  const which = p.revision === p.latestRevision ? t.revisionLatest(p.revision) : t.revisionOf(p.revision, p.latestRevision);
  const state = isWorkflowState(p.state) ? t.states[p.state] : p.state;
  return html`<aside class="preview-bar" aria-label="${t.label}"><p><strong>${t.notPublished}</strong> ${which} ${t.storyIs(state)}${
    p.expiresAt ? html` ${t.linkUntil(formatDateTime(p.locale, p.expiresAt, p.timeZone), p.timeZone)}` : null
  }${p.editorHref ? html` <a href="${p.editorHref}">${t.backToEditor}</a>` : null}</p></aside>`;
}

/** The layout options `renderArticlePage` takes for a preview. */
export const previewLayout = (bar: PreviewBar): Pick<LayoutProps, 'robots' | 'banner' | 'headExtra'> => ({
  robots: 'noindex',
  banner: previewBar(bar),
  headExtra: html`<style>${raw(PREVIEW_CSS)}</style>`,
});

export type PreviewGone = 'expired' | 'revoked';

/** 410 for a share link that no longer opens: say which, and what to do. */
export function renderPreviewGonePage(anySite: SiteContext, locale: string, reason: PreviewGone, nav: NavSection[]): string {
  const site = siteIn(anySite, locale);
  const t = messages(locale).preview;
  return renderPage(
    layout({
      site,
      locale,
      title: `${t.goneTitle} — ${site.siteName}`,
      robots: 'noindex',
      languages: site.locales.map((l) => ({ locale: l, href: homePath(l), current: l === locale })),
      nav,
      children: html`<div class="layout"><div><h1>${t.goneTitle}</h1><p>${reason === 'expired' ? t.expired : t.revoked}</p><p>${t.askAgain} ${t.findIt.before}<a href="${homePath(locale)}">${t.findIt.link}</a>${t.findIt.after}</p></div></div>`,
    }),
  );
}
