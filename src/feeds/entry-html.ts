import { parseDocText } from '../content/document.js';
import { html, optionalAttr, raw, type Interpolation } from '../render/html.js';
import { renderDocument } from '../render/document-html.js';
import { formatDate, messages } from '../render/messages.js';
import type { FeedEntry, FeedPerson } from './feed-data.js';
import { absolutizeHtml, xmlText } from './xml-text.js';

const people = (list: FeedPerson[]) => list.map((p, i) => html`${i > 0 ? ', ' : ''}${p.url ? html`<a href="${p.url}">${p.name}</a>` : p.name}`);

/**
 * The full story for a feed reader: hero image, body, then what the article page shows around the body that a
 * syndicated copy must keep: the credits (translator, original author, the partner that first published it) and the
 * dated corrections. Every link is absolute.
 */
export function entryHtml(e: FeedEntry, siteUrl: string, timeZone: string): string {
  const m = messages(e.locale);
  const credits: [string, Interpolation][] = [];
  if (e.translators.length) credits.push([m.roles.translator, people(e.translators)]);
  if (e.originalAuthors.length) credits.push([m.roles.original_author, people(e.originalAuthors)]);
  if (e.source) {
    const s = e.source;
    credits.push([
      m.firstPublishedBy,
      html`<a href="${s.partnerUrl}">${s.partnerName}</a>${s.url ? html` · <a href="${s.url}"${optionalAttr('hreflang', s.locale)}>${s.headline ? html`<cite${optionalAttr('lang', s.locale)}>${s.headline}</cite>` : m.readOriginal}</a>` : null}`,
    ]);
  }
  const node = html`${e.image ? html`<figure><img src="${e.image.url}" alt="${e.image.alt}" width="${String(e.image.width)}" height="${String(e.image.height)}"/>${e.image.caption || e.image.credit ? html`<figcaption>${e.image.caption}${e.image.caption && e.image.credit ? ' ' : ''}${e.image.credit ? html`<small>${e.image.credit}</small>` : null}</figcaption>` : null}</figure>` : null}${raw(absolutizeHtml(renderDocument(typeof e.body === 'string' ? parseDocText(e.body) : e.body), siteUrl))}${credits.map(([label, value]) => html`<p class="credit"><strong>${label}:</strong> ${value}</p>`)}${e.corrections.length ? html`<h2>${m.corrections}</h2>${e.corrections.map((c) => html`<p class="correction"><strong>${m.correctionOn}, <time datetime="${c.createdAt}">${formatDate(e.locale, c.createdAt, timeZone)}</time>:</strong> ${c.text}</p>`)}` : null}`;
  return xmlText(String(node));
}
