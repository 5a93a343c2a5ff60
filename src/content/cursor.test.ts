import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('cursor', () => {
  it('round-trips', () => {
    const c = { publishedAt: '2026-11-20T10:00:00.000Z', id: 42 };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });
  it.each(['', 'abc', '1.2.3', '-1.5', '1e5.3', '9'.repeat(20) + '.1', '1700000000000.'])('rejects %j', (raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});
