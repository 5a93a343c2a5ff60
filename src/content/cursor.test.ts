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
  // Regression (review item 9): each of these decoded to a real cursor's position, a second address for its page.
  it.each(['01700000000000.42', '1700000000000.042', '00.1', '1700000000000.0', '+1700000000000.42', ' 1700000000000.42'])(
    'rejects %j, a spelling encodeCursor never writes',
    (raw) => {
      expect(decodeCursor(raw)).toBeNull();
    },
  );
  it('reads the cursor of the first millisecond', () => {
    expect(decodeCursor('0.1')).toEqual({ publishedAt: '1970-01-01T00:00:00.000Z', id: 1 });
  });
});
