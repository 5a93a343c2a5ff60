import slugify from '@sindresorhus/slugify';

// The transliteration library knows Russian; these are the Kazakh letters it would otherwise drop.
const KAZAKH: [string, string][] = [
  ['ә', 'a'],
  ['Ә', 'A'],
  ['ғ', 'g'],
  ['Ғ', 'G'],
  ['қ', 'q'],
  ['Қ', 'Q'],
  ['ң', 'n'],
  ['Ң', 'N'],
  ['ө', 'o'],
  ['Ө', 'O'],
  ['ұ', 'u'],
  ['Ұ', 'U'],
  ['ү', 'u'],
  ['Ү', 'U'],
  ['һ', 'h'],
  ['Һ', 'H'],
  ['і', 'i'],
  ['І', 'I'],
];

export const MAX_SLUG_LENGTH = 80;
export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL slug from a headline: ASCII, lower case, Cyrillic transliterated, cut at a word boundary. */
export function slugFromHeadline(headline: string): string {
  const full = slugify(headline, { customReplacements: KAZAKH, decamelize: false });
  if (full.length <= MAX_SLUG_LENGTH) return full || 'story';
  const cut = full.slice(0, MAX_SLUG_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
}

export const isSlug = (s: string) => s.length <= MAX_SLUG_LENGTH && SLUG_RE.test(s);
