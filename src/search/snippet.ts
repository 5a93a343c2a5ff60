import { normalize, stem, MAX_TERM_LENGTH, type ParsedQuery } from './analyze.js';

/** Characters of a text looked through for a snippet: a very long body is cut, so a snippet's cost is bounded. */
const SCAN_CHARS = 20_000;
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
  const tokens = [...src.matchAll(/[\p{L}\p{N}\p{M}]+/gu)];
  const matches = (w: string) => {
    const s = stem(normalize(w).slice(0, MAX_TERM_LENGTH), locale);
    return terms.some(({ t, prefix }) => s === t || (prefix && (s.startsWith(t) || normalize(w).startsWith(t))));
  };
  const hit = new Array<boolean>(tokens.length);
  let first = -1;
  for (let i = 0; i < tokens.length; i++) {
    hit[i] = matches(tokens[i]![0]);
    if (hit[i] && first < 0) first = i;
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
  if (to < tokens.length) html += ' …';
  else html += escapeHtml(src.slice(end, end + 200));
  return html;
}
