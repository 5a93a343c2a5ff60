import { languageName } from '../../content/locales.js';
import type { Article, ArticleSummary, Byline, ContributorRole, Translation } from '../../content/types.js';
import { articlePath, authorPath, homePath, sectionPath, tagPath } from '../../content/urls.js';
import { cards, FETCH_FIRST, latestNews, plainImg } from '../components.js';
import { renderDocument } from '../document-html.js';
import { html, optionalAttr, raw, type Html, type Interpolation } from '../html.js';
import { libraryPicture, SIZES } from '../picture.js';
import { formatDate, formatDateTime, messages } from '../messages.js';
import type { SiteContext } from '../../content/site-context.js';

export type ArticleView = {
  site: SiteContext;
  article: Article;
  translations: Translation[];
  latest: ArticleSummary[];
  related: ArticleSummary[];
  /** The sections above the article's, the top-level one first (its breadcrumb). */
  parents?: readonly { name: string; slug: string }[];
};

const names = (locale: string, people: Byline[]): Html[] =>
  people.map((b, i) => html`${i > 0 ? ', ' : ''}<a href="${authorPath(locale, b.slug)}">${b.name}</a>`);

export function articleBody(p: ArticleView): Html {
  const { article: a, site } = p;
  const m = messages(a.locale);
  const role = (r: ContributorRole) => a.bylines.filter((b) => b.role === r);
  const authors = role('author').length ? role('author') : role('original_author');
  const updated = a.updatedAt > (a.publishedAt ?? '') && a.corrections.length ? a.corrections[a.corrections.length - 1]!.createdAt : null;
  const otherLanguages = p.translations.filter((t) => t.locale !== a.locale);
  const credits: [string, Interpolation][] = [];
  if (role('translator').length) credits.push([m.roles.translator, names(a.locale, role('translator'))]);
  if (role('original_author').length) credits.push([m.roles.original_author, names(a.locale, role('original_author'))]);
  if (a.source) {
    const s = a.source;
    credits.push([
      s.creditLine || m.firstPublishedBy,
      html`<a href="${s.partnerUrl}">${s.partnerName}</a>${
        s.url
          ? html` · <a href="${s.url}"${optionalAttr('hreflang', s.locale)}>${s.headline ? html`<cite${optionalAttr('lang', s.locale)}>${s.headline}</cite>` : m.readOriginal}</a>`
          : null
      }`,
    ]);
  }
  if (role('editor').length) credits.push([m.roles.editor, names(a.locale, role('editor'))]);
  if (role('photographer').length) credits.push([m.roles.photographer, names(a.locale, role('photographer'))]);

  const meta = html`${authors.length ? html`${m.roles.author} ${names(a.locale, authors)} · ` : null}${a.dateline ? html`${a.dateline} · ` : null}${
    a.publishedAt ? html`${m.published} <time datetime="${a.publishedAt}">${formatDateTime(a.locale, a.publishedAt, site.timeZone)}</time>` : null
  }${updated ? html` · ${m.updated} <time datetime="${updated}">${formatDateTime(a.locale, updated, site.timeZone)}</time>` : null}`;

  const hero = a.hero
    ? html`<figure class="hero">${libraryPicture(a.hero, SIZES.article, true) ?? plainImg(a.hero, FETCH_FIRST)}${
        a.hero.caption || a.hero.credit ? html`<figcaption>${a.hero.caption}${a.hero.credit ? html`<small>${a.hero.credit}</small>` : null}</figcaption>` : null
      }</figure>`
    : null;

  return html`<div class="layout"><article class="story"><nav class="crumbs" aria-label="${m.breadcrumb}"><ol><li><a href="${homePath(a.locale)}">${m.home}</a></li>${(
    p.parents ?? []
  ).map((s) => html`<li><a href="${sectionPath(a.locale, s.slug)}">${s.name}</a></li>`)}<li><a href="${sectionPath(
    a.locale,
    a.section.slug,
  )}">${a.section.name}</a></li></ol></nav><h1>${a.headline}</h1>${a.deck ? html`<p class="deck">${a.deck}</p>` : null}<p class="meta">${meta}</p>${
    otherLanguages.length
      ? html`<p class="meta">${m.otherLanguages}: ${otherLanguages.map(
          (t, i) => html`${i > 0 ? ', ' : ''}<a href="${articlePath(t)}" hreflang="${t.locale}" lang="${t.locale}">${languageName(t.locale)}</a>`,
        )}</p>`
      : null
  }${hero}<div class="body">${raw(renderDocument(a.body, a.media))}</div>${
    credits.length
      ? html`<section class="box credits" aria-labelledby="credits"><h2 id="credits">${m.credits}</h2><dl>${credits.map(
          ([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`,
        )}</dl></section>`
      : null
  }${
    a.corrections.length
      ? html`<section class="box corrections" aria-labelledby="corrections"><h2 id="corrections">${m.corrections}</h2>${a.corrections.map(
          (c) =>
            html`<p><strong>${m.correctionOn}, <time datetime="${c.createdAt}">${formatDate(a.locale, c.createdAt, site.timeZone)}</time>:</strong> ${c.text}</p>`,
        )}</section>`
      : null
  }${
    a.tags.length
      ? html`<nav class="tags" aria-label="${m.tags}"><ul>${a.tags.map((t) => html`<li><a href="${tagPath(a.locale, t.slug)}" rel="tag">${t.name}</a></li>`)}</ul></nav>`
      : null
  }${
    p.related.length
      ? html`<section class="block" aria-labelledby="related"><h2 id="related">${m.related}</h2>${cards({ locale: a.locale, items: p.related, timeZone: site.timeZone })}</section>`
      : null
  }</article><aside>${latestNews({ locale: a.locale, items: p.latest, timeZone: site.timeZone })}</aside></div>`;
}
