import type { ArticleSummary } from '../../content/types.js';
import { sectionPath } from '../../content/urls.js';
import { articleHref, cards, FETCH_FIRST, latestNews, plainImg } from '../components.js';
import { html, type Html } from '../html.js';
import { formatDateTime, messages } from '../messages.js';
import { libraryPicture, SIZES } from '../picture.js';
import type { SiteContext } from '../../content/site-context.js';
import type { NavSection } from '../page-links.js';

export type HomeView = {
  site: SiteContext;
  locale: string;
  lead: ArticleSummary | null;
  /** Pinned by editors, in their order; the block is left out when empty. */
  top: ArticleSummary[];
  blocks: { section: NavSection; items: ArticleSummary[] }[];
  latest: ArticleSummary[];
};

export function homeBody(p: HomeView): Html {
  const m = messages(p.locale);
  const tz = p.site.timeZone;
  const lead = p.lead;
  return html`<h1 class="visually-hidden">${p.site.siteName}</h1>${
    lead
      ? html`<section class="lead" aria-label="${lead.headline}">${libraryPicture(lead.hero, SIZES.lead, true) ?? (lead.hero ? plainImg(lead.hero, FETCH_FIRST) : null)}<div><a class="kicker" href="${sectionPath(
          p.locale,
          lead.sectionSlug,
        )}">${lead.sectionName}</a><h2><a href="${articleHref(lead)}">${lead.headline}</a></h2>${lead.deck ? html`<p class="deck">${lead.deck}</p>` : null}<p class="meta"><time datetime="${
          lead.publishedAt
        }">${formatDateTime(p.locale, lead.publishedAt, tz)}</time></p></div></section>`
      : html`<p>${m.noStories}</p>`
  }<div class="layout"><div>${
    p.top.length
      ? html`<section class="block top" aria-labelledby="top-stories"><h2 id="top-stories">${m.topStories}</h2>${cards({ locale: p.locale, items: p.top, timeZone: tz, showSection: true })}</section>`
      : null
  }${p.blocks.map(
    (b) =>
      html`<section class="block" aria-labelledby="${`s-${b.section.slug}`}"><h2 id="${`s-${b.section.slug}`}"><a href="${sectionPath(p.locale, b.section.slug)}">${
        b.section.name
      }</a></h2>${cards({ locale: p.locale, items: b.items, timeZone: tz })}</section>`,
  )}</div><aside>${latestNews({ locale: p.locale, items: p.latest, timeZone: tz })}</aside></div>`;
}
