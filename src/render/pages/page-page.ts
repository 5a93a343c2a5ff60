import type { Article } from '../../content/types.js';
import type { SiteContext } from '../../content/site-context.js';
import { homePath } from '../../content/urls.js';
import { plainImg, FETCH_FIRST } from '../components.js';
import { renderDocument } from '../document-html.js';
import { html, raw, type Html } from '../html.js';
import { formatDate, messages } from '../messages.js';
import { libraryPicture, SIZES } from '../picture.js';

/** The body of a page (About, Contact, policies): title, summary, text and when it last changed. */
export function pageBody(p: { site: SiteContext; article: Article }): Html {
  const { article: a, site } = p;
  const m = messages(a.locale);
  const hero = a.hero
    ? html`<figure class="hero">${libraryPicture(a.hero, SIZES.article, true) ?? plainImg(a.hero, FETCH_FIRST)}${
        a.hero.caption || a.hero.credit ? html`<figcaption>${a.hero.caption}${a.hero.credit ? html`<small>${a.hero.credit}</small>` : null}</figcaption>` : null
      }</figure>`
    : null;
  return html`<article class="story page"><nav class="crumbs" aria-label="${m.breadcrumb}"><ol><li><a href="${homePath(a.locale)}">${m.home}</a></li></ol></nav><h1>${a.headline}</h1>${
    a.deck ? html`<p class="deck">${a.deck}</p>` : null
  }${hero}<div class="body">${raw(renderDocument(a.body, a.media))}</div><p class="meta">${m.pageUpdated}: <time datetime="${a.updatedAt}">${formatDate(a.locale, a.updatedAt, site.timeZone)}</time></p></article>`;
}
