import snowball from 'snowball-stemmers';

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
  const key = prefixLanguage(locale) ? `k:${word}` : word;
  let hit = stems.get(key);
  if (hit === undefined) {
    // Snowball in JavaScript takes ~8 µs a word; news text repeats its words, so a bounded memo makes indexing and
    // highlighting several times faster.
    if (stems.size >= STEM_MEMO) stems.clear();
    hit = stemUncached(word, locale);
    stems.set(key, hit);
  }
  return hit;
}

const STEM_MEMO = 200_000;
const stems = new Map<string, string>();

function stemUncached(word: string, locale: string | undefined): string {
  if (/^\p{N}+$/u.test(word)) return word;
  if (CYRILLIC.test(word)) return prefixLanguage(locale) ? word : russian.stem(word) || word;
  if (LATIN.test(word)) return english.stem(word) || word;
  return word;
}

/** The terms of `text` as the index stores them: stemmed words joined by single spaces. */
export function indexTerms(text: string, locale: string): string {
  return words(text)
    .map((w) => stem(w, locale))
    .join(' ');
}

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
