import { describe, expect, it } from 'vitest';
import { isSlug, MAX_SLUG_LENGTH, slugFromHeadline } from './slug.js';

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
});
