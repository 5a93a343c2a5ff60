import { describe, expect, it } from 'vitest';
import { countWords, readingMinutes } from './word-count.js';

describe('word count', () => {
  it('counts words in any script; apostrophes and hyphens inside a word keep it one; punctuation is not a word', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  — … ')).toBe(0);
    expect(countWords('The port’s cranes re-opened, at dawn.')).toBe(6);
    expect(countWords('Зерновой коридор снова открыт. Қазақстан 2026')).toBe(6);
  });

  it('reading time: none for no text, at least a minute, about 230 words a minute', () => {
    expect(readingMinutes(0)).toBe(0);
    expect(readingMinutes(12)).toBe(1);
    expect(readingMinutes(1150)).toBe(5);
  });
});
