import { describe, expect, it } from 'vitest';
import { importText, importValue } from './import-text.js';

describe("importText: an export's text as this site stores it", () => {
  it('drops NUL and the other C0 controls, keeps tab, line feed and carriage return', () => {
    expect(importText('a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg')).toBe('abcdefg');
    expect(importText('line\r\nnext\tcell')).toBe('line\r\nnext\tcell');
    expect(importText('Переговоры «кавычки» \u00a0 \u0085')).toBe('Переговоры «кавычки» \u00a0 \u0085');
  });

  it('cleans every string of a row, nested, and returns the same object when nothing changed', () => {
    const clean = { title: 'ok', n: 1, tags: ['a', { name: 'b' }], none: null };
    expect(importValue(clean)).toBe(clean);
    const dirty = { title: 'o\u0000k', n: 1, tags: ['a\u0007', { name: 'b\u0000' }], none: null };
    expect(importValue(dirty)).toEqual({ title: 'ok', n: 1, tags: ['a', { name: 'b' }], none: null });
    expect(dirty.title).toBe('o\u0000k');
  });
});
