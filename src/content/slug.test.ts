import slugify from '@sindresorhus/slugify';
import { describe, expect, it } from 'vitest';
import { isSlug, MAX_SLUG_LENGTH, slugFromHeadline, slugFromName } from './slug.js';

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
    let seed = 7;
    const pick = () => pieces[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % pieces.length]!;
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
