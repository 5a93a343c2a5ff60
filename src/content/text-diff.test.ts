import { describe, expect, it } from 'vitest';
import { wordDiff, type DiffPart } from './text-diff.js';

const side = (parts: DiffPart[], keep: 'added' | 'removed') =>
  parts
    .filter((p) => p.type === 'same' || p.type === keep)
    .map((p) => p.text)
    .join('');
const squash = (s: string) => s.replace(/\s+/g, '');
const words = (parts: DiffPart[], type: DiffPart['type']) => parts.filter((p) => p.type === type).map((p) => p.text.trim());

describe('wordDiff', () => {
  it('marks replaced and added words, and rebuilds both texts', () => {
    const a = 'The first ship left at dawn.\n\nSecond paragraph.';
    const b = 'The last ship left at dusk.\n\nSecond paragraph here.';
    const parts = wordDiff(a, b, 'en');
    expect(words(parts, 'removed')).toEqual(['first', 'dawn']);
    expect(words(parts, 'added')).toEqual(['last', 'dusk', 'here']);
    expect(squash(side(parts, 'removed'))).toBe(squash(a));
    expect(side(parts, 'added')).toBe(b);
  });

  it('diffs Cyrillic by whole words, not letters', () => {
    const a = 'Жанаозен: новая смена началась';
    const b = 'Жанаозен: старая смена началась вчера';
    const parts = wordDiff(a, b, 'ru');
    expect(words(parts, 'removed')).toEqual(['новая']);
    expect(words(parts, 'added')).toEqual(['старая', 'вчера']);
    expect(squash(side(parts, 'removed'))).toBe(squash(a));
    expect(side(parts, 'added')).toBe(b);
  });

  it('equal texts are one same part; empty ones none; from nothing everything is added', () => {
    expect(wordDiff('Қазақ тілі', 'Қазақ тілі')).toEqual([{ type: 'same', text: 'Қазақ тілі' }]);
    expect(wordDiff('', '')).toEqual([]);
    expect(wordDiff('', 'New deck')).toEqual([{ type: 'added', text: 'New deck' }]);
    expect(wordDiff('Old deck', '')).toEqual([{ type: 'removed', text: 'Old deck' }]);
  });
});
