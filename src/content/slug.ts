import slugify from '@sindresorhus/slugify';
import { detached } from './detached.js';

// The transliteration library knows Russian; these are the Kazakh letters it would otherwise drop.
export const KAZAKH: [string, string][] = [
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

/**
 * `slugify(text)` with this module's options, a word at a time, each word's slug remembered. Slugify builds and runs a
 * dozen regular expressions per call, ~20 µs for a short Cyrillic `post_name` (3% of a WordPress import's thread),
 * and a newsroom's words repeat. Same answer as one call on the whole text (slug.test.ts holds it to that): the words
 * are cut at whitespace and ASCII hyphens, which slugify turns into the one separator anyway, and none of its
 * multi-letter replacements ("ый", "ու", keycap emoji) or its contraction rule reaches across either.
 */
function slugOf(text: string): string {
  const out: string[] = [];
  for (const word of text.split(/[\s-]+/)) {
    if (!word) continue;
    let slug = PLAIN_WORD.test(word) ? word : wordSlugs.get(word);
    if (slug === undefined) {
      slug = slugify(word, { customReplacements: KAZAKH, decamelize: false });
      // A longer "word" (a pasted URL, a hash) is not remembered: it will not come again. A word is kept as a string
      // of its own, not a view into the text it was cut from (an import's whole chunk of the file, perhaps).
      if (word.length <= 40) {
        if (wordSlugs.size >= WORD_MEMO) wordSlugs.clear();
        wordSlugs.set(detached(word), detached(slug));
      }
    }
    if (slug) out.push(slug);
  }
  return out.join('-');
}

const PLAIN_WORD = /^[a-z0-9]+$/;
const WORD_MEMO = 20_000;
const wordSlugs = new Map<string, string>();

export const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A URL slug from a headline: ASCII, lower case, Cyrillic transliterated, cut at a word boundary. */
export function slugFromHeadline(headline: string): string {
  // Already a slug (a WordPress post's own `post_name`, mostly): slugify gives it back unchanged, after a dozen
  // regular expressions built and run per call (slug.test.ts holds it to slugify's answer).
  if (headline.length <= MAX_SLUG_LENGTH && SLUG_RE.test(headline)) return headline;
  const full = slugOf(headline);
  if (full.length <= MAX_SLUG_LENGTH) return full || 'story';
  const cut = full.slice(0, MAX_SLUG_LENGTH + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > 20 ? cut.slice(0, lastDash) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
}

export const isSlug = (s: string) => s.length <= MAX_SLUG_LENGTH && SLUG_RE.test(s);

/**
 * A slug for a person's name. A name in a script the transliteration does not know (Chinese, Japanese, Korean, Thai…)
 * slugifies to nothing; slugFromHeadline would then give every such name the one slug "story", and a slug that keys
 * a record (a wire story's original author) would make different people one contributor. Such a name gets
 * `prefix-` and a hash of the name instead: the same name gives the same slug on every run, another name another one.
 */
/** Scripts the transliteration reads letter by letter (a letter of these it drops is one it means to drop). */
const KNOWN_SCRIPT = /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;

export function slugFromName(name: string, prefix = 'author'): string {
  const clean = name.normalize('NFC').trim().replace(/\s+/g, ' ');
  const slug = slugOf;
  // "李明 (Xinhua)" and "王芳 (Xinhua)" would both be "xinhua": a name with letters of a script the transliteration does
  // not know (Han, Hangul, Thai…) keeps a hash of itself. Letters of the scripts it knows that it drops on purpose (ь
  // and ъ in "Игорь", "Подъячев") lose nothing: those names keep their plain slug, as before.
  const lossy = [...new Set(clean.match(/\p{L}/gu) ?? [])].some((ch) => !KNOWN_SCRIPT.test(ch) && !slug(ch));
  if (!lossy && slug(clean)) return slugFromHeadline(clean);
  const kept = slug(clean)
    ? slugFromHeadline(clean)
        .slice(0, MAX_SLUG_LENGTH - 12)
        .replace(/-+$/, '')
    : prefix;
  return `${kept}-${nameHash(clean.toLowerCase())}`;
}

/** cyrb53: 53 bits of a string, in base 36. Not for secrets; pure, so the browser bundle may import this file. */
function nameHash(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
