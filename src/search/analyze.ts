/*
 * The analysis itself (normalize, words, stem, indexTerms) is in content/search-terms.ts, so that migrations can use
 * it too; this module adds the query side.
 */
export { indexTerms, MAX_TERM_LENGTH, normalize, prefixLanguage, stem, words } from '../content/search-terms.js';
import { MAX_TERM_LENGTH, normalize, prefixLanguage, stem, words } from '../content/search-terms.js';

const STEM_MEMO = 200_000;

/**
 * A word as it appears in a text (any case, any form) → its normalised form and its index term, remembered: the
 * highlighter looks at every word of each hit's passage, and normalising (NFC, case, ё, marks) costs more than stemming
 * a word already stemmed once.
 */
export function analyzedWord(raw: string, locale: string | undefined): { normal: string; term: string } {
  const key = `${prefixLanguage(locale) ? 'k' : '-'}${raw}`;
  let hit = analyzed.get(key);
  if (hit === undefined) {
    if (analyzed.size >= STEM_MEMO) analyzed.clear();
    const normal = normalize(raw).slice(0, MAX_TERM_LENGTH);
    hit = { normal, term: stem(normal, locale) };
    analyzed.set(key, hit);
  }
  return hit;
}

const analyzed = new Map<string, { normal: string; term: string }>();

/** One part of a query: a word or a quoted phrase (its terms in order), wanted or excluded (`-word`, `-"a phrase"`). */
export type QueryPart = { terms: string[]; exclude: boolean; prefix: boolean };

export type ParsedQuery = {
  /** The parts that must match (all of them) and those that must not. Empty `parts` means nothing to search for. */
  parts: QueryPart[];
  /** The words as typed after normalising, for highlighting. */
  wanted: string[];
};

/** Characters of a query read at all: the rest of a pasted 10,000-character query is ignored. */
export const MAX_QUERY_CHARS = 500;
/** Parts (words or phrases) of a query kept; the rest are ignored, so a query's cost is bounded. */
export const MAX_QUERY_PARTS = 12;
/** Terms of one phrase kept. */
export const MAX_PHRASE_TERMS = 8;

/**
 * Reads what a person typed: words, "quoted phrases" and -excluded words or phrases. Nothing typed is an operator of
 * either database: every term is letters and digits only, and the index queries are built from these terms alone, so
 * quotes, *, NEAR, AND, parentheses or SQL typed by a reader are just text (their words are searched for, their
 * punctuation dropped). `prefix` asks for the last word to match by prefix too (the search box's suggestions).
 */
export function parseQuery(input: string, locale: string | undefined, opts: { prefixLast?: boolean } = {}): ParsedQuery {
  const text = String(input ?? '').slice(0, MAX_QUERY_CHARS);
  const parts: QueryPart[] = [];
  const wanted: string[] = [];
  // A phrase: -?"…" (an unclosed quote runs to the end); a word: -?run of anything but spaces and quotes.
  const PIECE = /(-?)"([^"]*)"?|(-?)([^\s"]+)/gu;
  for (const m of text.matchAll(PIECE)) {
    if (parts.length >= MAX_QUERY_PARTS) break;
    const isPhrase = m[2] !== undefined;
    const exclude = (isPhrase ? m[1] : m[3]) === '-';
    const ws = words(isPhrase ? m[2]! : m[4]!);
    if (!ws.length) continue;
    // A word with punctuation inside ("covid-19", "e.on") is a phrase of its pieces, as the index has them in a row.
    const slice = ws.slice(0, MAX_PHRASE_TERMS);
    // A one-letter prefix matches most of the index (every Kazakh word beginning with "с"): such a word must match whole.
    const prefix = (prefixLanguage(locale) || locale === undefined) && slice.every((w) => [...w].length >= MIN_PREFIX_CHARS);
    parts.push({ terms: slice.map((w) => stem(w, locale)), exclude, prefix });
    if (!exclude) wanted.push(...slice);
  }
  // Excluding alone finds nothing to rank: a query of only "-word" parts is treated as empty.
  if (!parts.some((p) => !p.exclude)) return { parts: [], wanted: [] };
  if (opts.prefixLast) {
    const last = parts[parts.length - 1]!;
    if (!last.exclude && last.terms.length === 1) {
      // The word being typed is not a word yet: its prefix as typed, not its stem.
      last.terms = [wanted[wanted.length - 1]!];
      last.prefix = [...last.terms[0]!].length >= MIN_PREFIX_CHARS;
    }
  }
  return { parts, wanted };
}

/** The shortest word matched as a prefix (search-as-you-type, Kazakh): shorter ones must match a whole word. */
export const MIN_PREFIX_CHARS = 2;

const quote5 = (t: string) => `"${t}"`;

/**
 * The query as an FTS5 MATCH expression over the index's columns. Every term is quoted (letters and digits only, so
 * no quote can be inside): FTS5 reads none of them as an operator.
 */
export function toFts5(q: ParsedQuery): string {
  const positive = q.parts.filter((p) => !p.exclude).map(fts5Part);
  const negative = q.parts.filter((p) => p.exclude).map(fts5Part);
  let expr = positive.join(' AND ');
  for (const n of negative) expr = `(${expr}) NOT ${n}`;
  return expr;
}

function fts5Part(p: QueryPart): string {
  if (p.terms.length === 1) return p.prefix ? `${quote5(p.terms[0]!)} *` : quote5(p.terms[0]!);
  // A phrase: its terms adjacent; FTS5 allows a prefix on a phrase's last term only.
  return `"${p.terms.join(' ')}"${p.prefix ? ' *' : ''}`;
}

/** The wanted parts only: what a ranking asks of a field (the exclusions were applied when the matches were found). */
export const wantedOnly = (q: ParsedQuery): ParsedQuery => ({ ...q, parts: q.parts.filter((p) => !p.exclude) });

/**
 * The query as a PostgreSQL tsquery (read with the 'simple' configuration, which only lower-cases: the terms are
 * already stemmed). Terms are letters and digits inside single quotes, so no tsquery operator can come from input.
 * `weights` ('A', 'AB') matches only lexemes of those weights (a document's headline, its strong fields).
 */
export function toTsquery(q: ParsedQuery, opts: { weights?: string } = {}): string {
  const w = opts.weights ?? '';
  const part = (p: QueryPart) => {
    const ts = p.terms.map((t, i) => {
      const label = `${p.prefix && i === p.terms.length - 1 ? '*' : ''}${w}`;
      return `'${t}'${label ? `:${label}` : ''}`;
    });
    return ts.length === 1 ? ts[0]! : `(${ts.join(' <-> ')})`;
  };
  const positive = q.parts.filter((p) => !p.exclude).map(part);
  const negative = q.parts.filter((p) => p.exclude).map((p) => `!${part(p)}`);
  return [...positive, ...negative].join(' & ');
}
