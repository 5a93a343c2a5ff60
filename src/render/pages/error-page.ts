import type { ArticleSummary } from '../../content/types.js';
import { latestNews } from '../components.js';
import { html, type Html } from '../html.js';
import { searchForm } from '../layout.js';
import { messages } from '../messages.js';
import type { SiteContext } from '../../content/site-context.js';

export type ErrorKind = 'notFound' | 'gone' | 'badRequest' | 'error';

/** 404, 410, 400 and 500 pages: say what happened, offer search and the latest news, never a stack trace. */
export function errorBody(p: { site: SiteContext; locale: string; kind: ErrorKind; latest: ArticleSummary[] }): Html {
  const m = messages(p.locale);
  const [title, text] = {
    notFound: [m.notFoundTitle, m.notFoundText],
    gone: [m.goneTitle, m.goneText],
    badRequest: [m.badRequestTitle, m.badRequestText],
    error: [m.errorTitle, m.errorText],
  }[p.kind];
  return html`<div class="layout"><div><h1>${title}</h1><p>${text}</p>${searchForm({ locale: p.locale })}${p.latest.length ? html`<p>${m.tryLatest}</p>` : null}</div><aside>${latestNews(
    {
      locale: p.locale,
      items: p.latest,
      timeZone: p.site.timeZone,
    },
  )}</aside></div>`;
}

export const errorTitle = (locale: string, kind: ErrorKind) => {
  const m = messages(locale);
  return { notFound: m.notFoundTitle, gone: m.goneTitle, badRequest: m.badRequestTitle, error: m.errorTitle }[kind];
};
