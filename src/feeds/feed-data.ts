import type { Doc } from '../content/document.js';

/**
 * What the feed writers take: plain data, every URL already absolute. The service builds it from the database; the
 * writers (RSS, Atom, JSON Feed) only shape it, so one input gives three feeds that say the same thing.
 */
export type FeedPerson = { name: string; url: string | null };

export type FeedImage = {
  url: string;
  mime: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
};

/** A section or a tag, with the address of its list page. */
export type FeedCategory = { name: string; url: string };

export type FeedSource = { partnerName: string; partnerUrl: string; url: string | null; headline: string | null; locale: string | null };

export type FeedEntry = {
  /** The article's database id (surrogate keys); not written into the feed. */
  articleId: number;
  /** Stable identity (RSS guid, Atom id, JSON Feed id): the short link, which survives slug and section changes. */
  guid: string;
  url: string;
  locale: string;
  title: string;
  summary: string | null;
  publishedAt: string;
  updatedAt: string;
  /** Bylined authors (or the original author of partner copy when the story has no author of ours). */
  authors: FeedPerson[];
  translators: FeedPerson[];
  originalAuthors: FeedPerson[];
  source: FeedSource | null;
  /** Section first, then tags. */
  categories: FeedCategory[];
  /**
   * The body, or its JSON text as stored: the feed service hands over the text, which the writer parses in its own
   * thread (parsing 50 bodies and cloning their trees to a worker cost the serving thread 3 ms at 100,000 articles).
   */
  body: Doc | string;
  image: FeedImage | null;
  corrections: { text: string; createdAt: string }[];
};

export type FeedData = {
  siteUrl: string;
  siteName: string;
  /** Shown dates in the credit and correction lines use the newsroom's time zone. */
  timeZone: string;
  locale: string;
  title: string;
  description: string;
  /** The HTML page this feed mirrors (the home page, or the section/tag/author page). */
  pageUrl: string;
  /** This feed in each format; the one being written is its self link. */
  feedUrls: { rss: string; atom: string; json: string };
  iconUrl: string;
  /** The newest change among the entries (or the time of writing when there are none). */
  updated: string;
  entries: FeedEntry[];
};
