import { describe, expect, it } from 'vitest';
import { retainedHeap } from '#test/retained-heap.js';
import { indexTerms, memoSizes, wholeTextTerms } from './search-terms.js';

/*
 * indexTerms analyses a plain text word by word (remembering each word's term) and anything else as a whole:
 * both must give what normalising the whole text first gives, or an article indexed now would not be found by the
 * terms of one indexed before.
 */
describe('indexTerms word by word', () => {
  it('gives the terms of the whole text normalised first, on texts of the word-by-word kind', () => {
    const pool = [...'aZ09 -.,«»—–…’\'"\u00a0\u00ad\u2000\u2009€₸İıßÆøŁžǅ', ...'ёЁйЙщЪъьІіҚқӘәӨөҮүҰұҢңҒғҺһЀѐԐԑ'];
    let seed = 11;
    const pick = () => pool[(seed = (seed * 48271) % 2147483647) % pool.length]!;
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: 1 + (i % 60) }, pick).join('');
      for (const locale of ['ru', 'kk', 'en']) expect(indexTerms(text, locale)).toBe(wholeTextTerms(text, locale));
    }
  });

  it('reads a word the same however often it comes, in a language matched by prefix or stemmed', () => {
    const text = 'Переговоры в Астане: ПЕРЕГОВОРЫ, переговоры. Talks talks TALKS İstanbul ЁЛКА ёлка';
    expect(indexTerms(text, 'ru')).toBe(wholeTextTerms(text, 'ru'));
    expect(indexTerms(text, 'kk')).toBe(wholeTextTerms(text, 'kk'));
    expect(indexTerms(text, 'ru')).toBe(indexTerms(text, 'ru'));
    expect(indexTerms(text, 'kk')).not.toBe(indexTerms(text, 'ru'));
    expect(indexTerms(text, 'ru').split(' ').slice(0, 4)).toEqual(['переговор', 'в', 'астан', 'переговор']);
    expect(indexTerms('İstanbul ЁЛКА', 'en')).toBe('istanbul елк');
  });

  it('cuts a long word after normalising it, as the whole text did', () => {
    const long = `${'Ё'.repeat(30)}${'x'.repeat(30)}`;
    expect(indexTerms(long, 'ru')).toBe(wholeTextTerms(long, 'ru'));
    expect(indexTerms(long, 'ru').length).toBeLessThanOrEqual(40);
  });

  it('regression: a combining mark inside a word and Greek final sigma still read as the whole text reads them', () => {
    // "е\u0301" (e and an accent): one word once the mark is dropped, two if cut at the mark first.
    expect(indexTerms('полице\u0301йский', 'ru')).toBe(indexTerms('полицейский', 'ru'));
    expect(indexTerms('полице\u0301йский', 'ru').split(' ')).toHaveLength(1);
    // Σ is ς at a word's end and σ before a letter, even one after a full stop: the text around it decides.
    for (const t of ['ΟΔΟΣ.Α', 'ΟΔΟΣ Α', 'e\u0301cole', '=\u0338 x', 'Ω Å K ℃ № 5']) expect(indexTerms(t, 'en')).toBe(wholeTextTerms(t, 'en'));
  });
});

// Regression (review): the memos were keyed by words sliced from the text, which V8 keeps as views into the whole
// text: every long word remembered kept its article alive (20,000 texts of 20 KB held 414 MB).
it('remembers words without keeping the texts they were cut from', () => {
  const retained = retainedHeap(() => {
    for (let i = 0; i < 300; i++) {
      // 100 KB of text around one unique word of 14 letters, and one unique word past the memo's key length.
      const unique = `zq${(i + 1e11).toString(36).replace(/[0-9]/g, (d) => 'abcdefghij'[+d]!)}`.padEnd(14, 'x');
      indexTerms(`${'lorem ipsum '.repeat(8_000)}${unique} ${unique.repeat(6)} end`, 'en');
    }
  });
  // Kept texts would be 300 × ~100 KB = 29 MB; the words themselves well under 1 MB.
  expect(retained).toBeLessThan(8 * 2 ** 20);
});

// Regression (import RSS): every number of a 100,000-post import was remembered, in the stems and the words, in each
// thread that analyses text (the import's and its converter's): some 10 MB a memo, 302 MB peak RSS against 300.
describe('the memos', () => {
  it('do not remember numbers, which seldom come again, and give them as they are', () => {
    const before = memoSizes();
    const numbers = Array.from({ length: 1000 }, (_, i) => String(7_000_000 + i));
    expect(
      indexTerms(`Выпуск ${numbers.join(' и ')} 5g`, 'ru')
        .split(' ')
        .filter((t) => /^\d/.test(t)),
    ).toEqual([...numbers, '5g']);
    expect(indexTerms(numbers.join(' '), 'kk')).toBe(numbers.join(' '));
    const after = memoSizes();
    expect(after.stems - before.stems).toBeLessThanOrEqual(2);
    expect(after.stemTerms - before.stemTerms).toBeLessThanOrEqual(2);
    expect(after.prefixTerms - before.prefixTerms).toBe(0);
  });
});
