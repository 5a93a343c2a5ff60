/**
 * The shape of the bundled demo content (written for Masthead; never copied from a real outlet).
 * Bodies use a tiny line markup that `docFromMarkup` turns into the body document:
 *   blank line      separates blocks
 *   "## text"       h2 subhead          "### text"  h3
 *   "> text"        blockquote paragraph (consecutive "> " lines form one quote, one paragraph each)
 *   "- text"        bullet list item (consecutive lines form one list); "1. text" ordered list item
 *   "---"           horizontal rule
 *   "@name"         the block `blocks.name` of the version (a table, pull quote, embed or fact box)
 *   anything else   a paragraph (consecutive lines are joined with a space)
 * Inline: **bold**, *italic*, [label](https://url)
 */
import type { Block } from '../content/document.js';

export type DemoLocale = 'en' | 'ru';

/** `name` is their own (Latin) name; `names` the same person in Cyrillic, for the Russian and Kazakh pages. */
export type DemoContributor = { slug: string; name: string; bio: string; names?: Partial<Record<'ru' | 'kk', string>> };
export type DemoSection = { slug: string; names: Record<DemoLocale | 'kk', string> };
export type DemoPartner = { key: string; name: string; url: string; locale: DemoLocale | 'kk'; licence: string };
/** Hero images are drawn at seed time (no binary files in the repo): a palette and a motif. */
export type DemoImage = { key: string; width: number; height: number; hue: number; motif: 'city' | 'hills' | 'sea' | 'grid' | 'portrait' };

export type DemoVersion = {
  locale: DemoLocale;
  headline: string;
  deck: string;
  /** Optional; derived from the headline (Cyrillic transliterated) when absent. */
  slug?: string;
  dateline: string;
  tags: string[];
  contributors: { slug: string; role: 'author' | 'translator' | 'original_author' | 'photographer' | 'editor' }[];
  source?: { partner: string; url: string; headline: string; locale: DemoLocale | 'kk' };
  hero?: { image: string; alt: string; caption: string; credit: string };
  body: string;
  /** Blocks the markup has no syntax for (tables, pull quotes, embeds, fact boxes), placed by a line "@name". */
  blocks?: Record<string, Block>;
  corrections?: { hoursAfter: number; text: string }[];
  /** Minutes after the story's first version was published. */
  delayMinutes?: number;
};

export type DemoStory = {
  key: string;
  section: string;
  daysAgo: number;
  hour: number;
  versions: DemoVersion[];
};

/** A page (About, policies): its language versions, linked as one story; published, so the footer shows it. */
export type DemoPage = { key: string; versions: { locale: DemoLocale; slug: string; title: string; deck: string; body: string }[] };

export type DemoContent = {
  sections: DemoSection[];
  contributors: DemoContributor[];
  partners: DemoPartner[];
  images: DemoImage[];
  stories: DemoStory[];
  /** Optional: content written before pages existed has none. */
  pages?: DemoPage[];
};
