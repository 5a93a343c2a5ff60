import { generateAtomFeed, type AtomFeed } from 'feedsmith';
import { entryHtml } from './entry-html.js';
import type { FeedData, FeedEntry, FeedPerson } from './feed-data.js';
import { tightenCdata, xmlText, xmlTextOrNull } from './xml-text.js';

const person = (p: FeedPerson): AtomFeed.Person => ({ name: xmlText(p.name), ...(p.url ? { uri: p.url } : {}) });

function entry(d: FeedData, e: FeedEntry): AtomFeed.Entry<string> {
  const summary = xmlTextOrNull(e.summary);
  return {
    id: e.guid,
    title: { value: xmlText(e.title), type: 'text' },
    updated: e.updatedAt,
    published: e.publishedAt,
    // An entry without a byline inherits the feed's author (the publication), as Atom requires one or the other.
    ...(e.authors.length ? { authors: e.authors.map(person) } : {}),
    ...(e.translators.length ? { contributors: e.translators.map(person) } : {}),
    ...(summary ? { summary: { value: summary, type: 'text' } } : {}),
    content: { type: 'html', value: entryHtml(e, d.siteUrl, d.timeZone) },
    links: [
      { href: e.url, rel: 'alternate', type: 'text/html', hreflang: e.locale },
      ...(e.image ? [{ href: e.image.url, rel: 'enclosure', type: e.image.mime }] : []),
    ],
    categories: e.categories.map((c) => ({ term: xmlText(c.name) })),
  };
}

/** Atom 1.0: full text as escaped HTML content, authors and translators (as contributors), the hero as an enclosure link. */
export function atomFeed(d: FeedData): string {
  return tightenCdata(
    generateAtomFeed({
      id: d.feedUrls.atom,
      title: { value: xmlText(d.title), type: 'text' },
      subtitle: { value: xmlText(d.description), type: 'text' },
      updated: d.updated,
      authors: [{ name: xmlText(d.siteName), uri: d.siteUrl }],
      generator: { text: 'Masthead' },
      icon: d.iconUrl,
      links: [
        { href: d.feedUrls.atom, rel: 'self', type: 'application/atom+xml' },
        { href: d.pageUrl, rel: 'alternate', type: 'text/html', hreflang: d.locale },
      ],
      entries: d.entries.map((e) => entry(d, e)),
    }),
  );
}
