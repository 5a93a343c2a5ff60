import snowball from 'snowball-stemmers';
import { detached } from './detached.js';

/**
 * Text analysis for the search index, done in JavaScript so that SQLite and PostgreSQL index and query the very same
 * terms: words are runs of letters and digits, lower-cased, "ё" folded to "е", and stemmed with Snowball (the
 * algorithms PostgreSQL's own russian/english configurations use). Cyrillic words take the Russian stemmer and Latin
 * words the English one whatever the article's language (a Russian story quoting "sanctions" still finds "sanction");
 * Kazakh text is only lower-cased and matched by prefix, as no Kazakh stemmer is kept.
 */

/** Longest term kept: longer runs are cut (a 10,000-letter "word" is noise, and would bloat the index). */
export const MAX_TERM_LENGTH = 40;

const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');
const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;

/** Lower-cased, NFC, "ё" as "е", combining marks dropped: the form both the index and the query start from. */
export function normalize(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\p{M}/gu, '');
}

/** The words of `text`, normalised, in order (each cut to MAX_TERM_LENGTH). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of normalize(text).matchAll(WORD)) out.push(m[0].slice(0, MAX_TERM_LENGTH));
  return out;
}

/** Whether a language's words are matched by prefix rather than stemmed (Kazakh: no stemmer). */
export const prefixLanguage = (locale: string | undefined) => locale === 'kk';

/** The index term of one normalised word in `locale`. */
export function stem(word: string, locale: string | undefined): string {
  // A number (or a word that starts with a digit: "2024", "5g") costs little to stem and seldom comes again: remembered,
  // every number of a 100,000-post import held some 10 MB in each memo, in each thread that analyses text.
  if (startsWithDigit(word)) return stemUncached(word, locale);
  const key = prefixLanguage(locale) ? `k:${word}` : word;
  let hit = stems.get(key);
  if (hit === undefined) {
    // Snowball in JavaScript takes ~8 µs a word; news text repeats its words, so a bounded memo makes indexing and
    // highlighting several times faster.
    if (stems.size >= STEM_MEMO) stems.clear();
    hit = detached(stemUncached(word, locale));
    stems.set(detached(key), hit);
  }
  return hit;
}

const STEM_MEMO = 200_000;
const stems = new Map<string, string>();
const startsWithDigit = (word: string) => {
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57;
};

function stemUncached(word: string, locale: string | undefined): string {
  if (/^\p{N}+$/u.test(word)) return word;
  if (CYRILLIC.test(word)) return prefixLanguage(locale) ? word : russian.stem(word) || word;
  if (LATIN.test(word)) return english.stem(word) || word;
  return word;
}

/** The terms of `text` as the index stores them: stemmed words joined by single spaces. */
export function indexTerms(text: string, locale: string): string {
  if (!WORDWISE.test(text)) return wholeTextTerms(text, locale);
  // Each word as written → its term, remembered: news text repeats its words, and normalising the whole text, then
  // cutting and stemming each word again, was most of an import's analysis (a profile of 5,000 posts: ~0.065 ms a post).
  // The words are found by a table of the letters and digits (WORD's, for the characters WORDWISE lets in), without a
  // match object per word.
  const isWord = (wordChars ??= wordCharTable());
  const memo = prefixLanguage(locale) ? prefixTerms : stemTerms;
  // Joined at the end: one flat string, not a chain of a concatenation per word held until the batch's insert.
  const terms: string[] = [];
  for (let i = 0, len = text.length; i < len;) {
    if (!isWord[text.charCodeAt(i)]) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < len && isWord[text.charCodeAt(end)]) end++;
    const raw = text.slice(i, end);
    i = end;
    let term = memo.get(raw);
    if (term === undefined) {
      term = stem(normalize(raw).slice(0, MAX_TERM_LENGTH), locale);
      // A longer "word" (a run of letters with no space, a pasted hash) is not remembered: its key would be kept whole;
      // nor is a number (stem says why).
      if (raw.length <= MAX_MEMO_KEY && !startsWithDigit(raw)) {
        if (memo.size >= WORD_MEMO) memo.clear();
        memo.set(detached(raw), term);
      }
    }
    terms.push(term);
  }
  return terms.join(' ');
}

/** The reference: the whole text normalised, then cut into words. indexTerms gives the same for a WORDWISE text. */
export function wholeTextTerms(text: string, locale: string): string {
  return words(text)
    .map((w) => stem(w, locale))
    .join(' ');
}

/**
 * Texts whose words may be normalised one by one, with the very words and terms of normalising the whole text first:
 * Latin, Cyrillic (without its combining marks), punctuation and currency signs. There normalising maps a letter or
 * digit to letters, digits and marks it drops (İ → i), and anything else to neither, and no character composes with its
 * neighbour. Outside it (combining marks that join a word's halves, Greek's final sigma, which depends on the letter
 * after it, scripts not checked), the whole text is normalised, as it always was. search-terms.test.ts compares both.
 */
const WORDWISE = /^[\u0000-\u02FF\u0400-\u0482\u048A-\u052F\u2000-\u206F\u20A0-\u20BF]*$/;
/** 1 for the characters below WORDWISE's last that WORD reads as part of a word (letters and digits), else 0. */
function wordCharTable(): Uint8Array {
  const table = new Uint8Array(0x20c0);
  const one = /^[\p{L}\p{N}]$/u;
  for (let c = 0; c < table.length; c++) table[c] = one.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
}
let wordChars: Uint8Array | undefined;
/**
 * A word as written → its index term; Kazakh's (prefix matching, no stemmer) apart. Fewer than the stems: the words
 * that repeat are few, and a large archive's every spelling would hold megabytes more of an import's RSS.
 */
const WORD_MEMO = 50_000;
const MAX_MEMO_KEY = 64;

const stemTerms = new Map<string, string>();
const prefixTerms = new Map<string, string>();

/** Entries in the memos, for the tests of what they keep. */
export const memoSizes = () => ({ stems: stems.size, stemTerms: stemTerms.size, prefixTerms: prefixTerms.size });

/*
 * The searchable text of the newsroom's own lists (the media library, the wire inbox): their `search_text` columns,
 * matched by search/plain-text-search.ts. Here, beside the analysis, rather than in search/, so that the migration
 * that re-analyses the rows stored before it (db/migrations/0026) writes exactly what the app writes: db/ may import
 * content/, not search/.
 */

/** Characters of a row's text analysed: a wire story's full text is cut, as the article index cuts a body. */
const MAX_TEXT_CHARS = 200_000;

/** The `search_text` of a row: its texts' terms as the index holds them. `locale`: the text's language when known. */
export function plainSearchTerms(texts: readonly (string | null | undefined)[], locale?: string | null): string {
  return indexTerms(texts.filter(Boolean).join(' \n ').slice(0, MAX_TEXT_CHARS), locale ?? '');
}

/** A media item's searchable text: alt text, caption and credit (no language: each script takes its stemmer). */
export const mediaSearchTerms = (m: { alt: string; caption: string | null; credit: string | null }) => plainSearchTerms([m.alt, m.caption, m.credit]);

/** A wire story's searchable text: title, author, summary and text (tags dropped), in the story's language. */
export const wireSearchTerms = (w: { title: string; author: string | null; summary: string | null; contentHtml: string | null; language: string | null }) =>
  plainSearchTerms([w.title, w.author, w.summary, w.contentHtml?.replace(/<[^>]*>/g, ' ')], w.language);
