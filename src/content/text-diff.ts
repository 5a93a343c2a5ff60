import { diffWords } from 'diff';

/** One run of a word-level diff: text only in the newer version (`added`), only in the older (`removed`), or in both. */
export type DiffPart = { type: 'added' | 'removed' | 'same'; text: string };

/**
 * Word-level diff of two texts (jsdiff), from `before` to `after`. Words are cut by Intl.Segmenter rather than
 * jsdiff's own tokenizer, which knows only Latin letters and would diff Cyrillic or Kazakh letter by letter.
 * Concatenating the `same` and `added` parts gives `after` exactly; `same` and `removed` give `before` up to whitespace
 * (jsdiff keeps the newer text's spacing in common runs). Pure.
 */
export function wordDiff(before: string, after: string, locale?: string): DiffPart[] {
  if (before === after) return before ? [{ type: 'same', text: before }] : [];
  const intlSegmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  return diffWords(before, after, { intlSegmenter }).map((c) => ({ type: c.added ? 'added' : c.removed ? 'removed' : 'same', text: c.value }));
}
