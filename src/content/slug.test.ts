import slugify from '@sindresorhus/slugify';
import { describe, expect, it } from 'vitest';
import { retainedHeap } from '#test/retained-heap.js';
import { isSlug, KAZAKH, MAX_SLUG_LENGTH, slugFromHeadline, slugFromName } from './slug.js';

/** Numbers below `n`, the same each run (mulberry32): an LCG's low bits, taken modulo a small n, repeat a few values. */
function prng(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

describe('slugFromHeadline', () => {
  it('transliterates Russian headlines', () => {
    expect(slugFromHeadline('Переговоры в Москве: «итоги» 2025')).toBe('peregovory-v-moskve-itogi-2025');
  });
  it('transliterates Kazakh letters the Russian table lacks', () => {
    expect(slugFromHeadline('Қазақстан өңірлері')).toBe('qazaqstan-onirleri');
  });
  it('drops typographic quotes and apostrophes', () => {
    expect(slugFromHeadline('The Court’s “Final” Word')).toBe('the-courts-final-word');
  });
  it('cuts long headlines at a word boundary', () => {
    const slug = slugFromHeadline('word '.repeat(60));
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH);
    expect(slug.endsWith('-')).toBe(false);
    expect(isSlug(slug)).toBe(true);
  });
  it('never returns an empty slug', () => {
    expect(slugFromHeadline('!!!')).toBe('story');
  });
  it('gives a text that is already a slug back as slugify would (its shortcut skips slugify)', () => {
    const pieces = ['post', '41', 'a', '0', 'news2025', 'x', 'z9', '1-2', 'q'];
    const rnd = prng(7);
    const pick = () => pieces[rnd(pieces.length)]!;
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: 1 + (i % 12) }, pick).join('-');
      expect(slugFromHeadline(s)).toBe(slugify(s, { decamelize: false }).slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '') || 'story');
    }
    // Near misses take the long way: a dash at an end, two dashes, upper case, a letter slugify spells.
    expect(slugFromHeadline('-post-')).toBe('post');
    expect(slugFromHeadline('post--41')).toBe('post-41');
    expect(slugFromHeadline('Post-41')).toBe('post-41');
    expect(slugFromHeadline('post-ә')).toBe('post-a');
  });
  // The slug is made a word at a time, each word's remembered (an import's thread spent 3% in slugify): it must be
  // slugify's answer for the whole text, whatever sits at the cuts.
  it("gives slugify's answer for the whole text though it slugifies a word at a time", () => {
    const pieces = [
      'Подъ',
      'езд',
      'подъезд',
      'ЪЕ',
      'новый',
      'НОВЫЙ',
      'Тс',
      'ու',
      'Երևան',
      "don't",
      'Court’s',
      "it's",
      "'s",
      'a&b',
      '&',
      '1️⃣',
      '🅰️',
      'e\u0301te',
      '\u0301',
      'Қазақ',
      'ӘЛЕМ',
      'ΣΟΦΟΣ',
      'Αθήνα',
      '北京',
      'Straße',
      'Øre',
      'post',
      '41',
      'x2',
      'camelCase',
      'FOO360',
      '—',
      '–',
      '‐',
      '_',
      '__init__',
      '.',
      '«цитата»',
      '♥',
      'ё',
      'Ёлка',
      'café',
      'ǅ',
      'İstanbul',
    ];
    const joins = [' ', '-', '--', ' - ', '\u00a0', '\t', '', '—', '\n', '  '];
    const check = (s: string) => {
      const whole = slugify(s, { customReplacements: KAZAKH, decamelize: false });
      if (whole.length > MAX_SLUG_LENGTH) return;
      expect(slugFromHeadline(s), JSON.stringify(s)).toBe(whole || 'story');
      // Again, now that its words are remembered.
      expect(slugFromHeadline(s), JSON.stringify(s)).toBe(whole || 'story');
    };
    // Every two pieces with every join between, then longer runs.
    for (const a of pieces) for (const join of joins) for (const b of pieces) check(a + join + b);
    const rnd = prng(11);
    for (let i = 0; i < 2000; i++) {
      let s = pieces[rnd(pieces.length)]!;
      for (let k = 2 + rnd(4); k > 0; k--) s += joins[rnd(joins.length)]! + pieces[rnd(pieces.length)]!;
      check(s);
    }
  });
});

// Review: the words' slugs are remembered, and a word of 13 characters or more cut from a text is a view into it
// (an import's post_name may itself be a view into a 256 KB chunk of the file).
it('remembers words without keeping the texts they were cut from', () => {
  const retained = retainedHeap(() => {
    for (let i = 0; i < 300; i++) {
      // 100 KB of text with one unique Cyrillic word of 14 letters (plain ASCII words are not remembered).
      const unique = `ж${(i + 1e11).toString(36).replace(/[0-9]/g, (d) => 'абвгдежзик'[+d]!)}`.padEnd(14, 'я');
      slugFromHeadline(`${'lorem ipsum '.repeat(8_000)}${unique} end`);
    }
  });
  // Kept texts would be 300 × ~100 KB = 29 MB; the words themselves well under 1 MB.
  expect(retained).toBeLessThan(8 * 2 ** 20);
});

describe('slugFromName', () => {
  it('spells names the transliteration knows as slugFromHeadline does', () => {
    expect(slugFromName('Оксана Матвиенко')).toBe('oksana-matvienko');
    expect(slugFromName('José Ñúñez')).toBe('jose-nunez');
  });
  it('regression: names in scripts it cannot spell no longer all get the slug "story"', () => {
    const names = ['王小明', '李明', '김민준', 'たなか', 'สมชาย'];
    const slugs = names.map((n) => slugFromName(n));
    expect(new Set(slugs).size).toBe(names.length);
    for (const s of slugs) {
      expect(isSlug(s)).toBe(true);
      expect(s).toMatch(/^author-[a-z0-9]+$/);
    }
    // Stable: the same name (spacing aside) is the same person on the next poll or import.
    expect(slugFromName(' 王小明  ')).toBe(slugFromName('王小明'));
  });
  it('keeps a hash when part of the name is lost, so two writers of one agency stay two', () => {
    const a = slugFromName('李明 (Xinhua)');
    const b = slugFromName('王芳 (Xinhua)');
    expect(a).toMatch(/^xinhua-[a-z0-9]+$/);
    expect(a).not.toBe(b);
    expect(isSlug(slugFromName(`${'Long name '.repeat(20)}李明`))).toBe(true);
  });
  it('regression: Cyrillic names with ь or ъ got a hash (igor-vasilev-<hash>), making duplicate contributors on adapt', () => {
    expect(slugFromName('Игорь Васильев')).toBe('igor-vasilev');
    expect(slugFromName('Олег Подъячев')).toBe('oleg-podyachev');
    expect(slugFromName('Наталья')).toBe('natalya');
    expect(slugFromName('李明 (Xinhua)')).toMatch(/^xinhua-[a-z0-9]+$/);
  });
});
