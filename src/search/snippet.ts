import { analyzedWord, normalize, type ParsedQuery } from './analyze.js';

/** Characters of a text looked through for a snippet: a very long body is cut, so a snippet's cost is bounded. */
const SCAN_CHARS = 20_000;
/** Words looked at for a first match before the passage falls back to the text's start. */
const MAX_WORDS_SCANNED = 3_000;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * A short passage of `text` around the first word that matches the query, as HTML: the text escaped, each matching
 * word inside <mark>. Matching is the index's own (same normalising and stemming), so "переговорах" is marked for a
 * search for "переговоры". Without a match, the start of the text. Empty text gives ''.
 */
export function snippet(text: string, query: ParsedQuery, locale: string, opts: { words?: number } = {}): string {
  const around = opts.words ?? 30;
  const src = text.slice(0, SCAN_CHARS);
  const terms = query.parts.filter((p) => !p.exclude).flatMap((p) => p.terms.map((t) => ({ t, prefix: p.prefix })));
  // A word can only match if the text holds its term less the last letter (Snowball stems are their words' first
  // letters, but for a final y → i; three-letter stems may be irregular: "dying" → "die", so only their first letter
  // is asked): a text with none of them is not tokenised to its end to find nothing, its start is the passage. Most
  // of a search page's highlighting time was that, for stories whose words are in the headline or tags only.
  const plain = normalize(src);
  const hopeless = terms.every(({ t }) => !plain.includes(t.length <= 3 ? t.slice(0, 1) : t.slice(0, -1)));
  // Text repeats its words: each distinct word is tested once per snippet, and analysed once per process
  // (analyzedWord), not normalised and stemmed at every occurrence (that was most of a search page's JavaScript time).
  const seen = new Map<string, boolean>();
  const matches = (w: string) => {
    let hit = seen.get(w);
    if (hit === undefined) {
      const { normal: n, term: s } = analyzedWord(w, locale);
      hit = terms.some(({ t, prefix }) => s === t || (prefix && (s.startsWith(t) || n.startsWith(t))));
      seen.set(w, hit);
    }
    return hit;
  };
  // Read words only until the passage around the first match is complete: a long body costs no more than a short one.
  const tokens: RegExpExecArray[] = [];
  const hit: boolean[] = [];
  let first = -1;
  const word = /[\p{L}\p{N}\p{M}]+/gu;
  for (let m = word.exec(src); m; m = word.exec(src)) {
    tokens.push(m);
    const i = tokens.length - 1;
    hit[i] = matches(m[0]);
    if (hit[i] && first < 0) first = i;
    if (first >= 0 && i > first + around) break;
    if (first < 0 && (hopeless ? i >= around : i > MAX_WORDS_SCANNED)) break;
  }
  if (!tokens.length) return '';
  const from = Math.max(0, (first < 0 ? 0 : first) - Math.floor(around / 3));
  const to = Math.min(tokens.length, from + around);
  // The whole text's edges are kept (an opening quote, a closing full stop); a cut is shown with an ellipsis.
  const start = from === 0 ? 0 : tokens[from]!.index!;
  const lastTok = tokens[to - 1]!;
  const end = lastTok.index! + lastTok[0].length;
  let html = from > 0 ? '… ' : '';
  let at = start;
  for (let i = from; i < to; i++) {
    const tok = tokens[i]!;
    html += escapeHtml(src.slice(at, tok.index!));
    html += hit[i] ? `<mark>${escapeHtml(tok[0])}</mark>` : escapeHtml(tok[0]);
    at = tok.index! + tok[0].length;
  }
  if (to < tokens.length || end < src.length - 200 || /[\p{L}\p{N}]/u.test(src.slice(end))) html += ' …';
  else html += escapeHtml(src.slice(end, end + 200));
  return html;
}
