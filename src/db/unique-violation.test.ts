import { describe, expect, it } from 'vitest';
import { isRecordRefused } from './unique-violation.js';

describe('isRecordRefused: the database refused the values, not a fault of the connection or the code', () => {
  it('is true for PostgreSQL data exceptions, constraint violations and program limits, and SQLite constraints', () => {
    for (const code of ['22021', '22001', '23505', '23514', '54000', 'SQLITE_CONSTRAINT_TRIGGER', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_TOOBIG'])
      expect([code, isRecordRefused({ code })]).toEqual([code, true]);
  });

  it('is false for a lost connection, an aborted transaction, a busy or full database, and errors without a code', () => {
    for (const err of [
      { code: '25P02' },
      { code: '57P01' },
      { code: '08006' },
      { code: 'SQLITE_BUSY' },
      { code: 'SQLITE_FULL' },
      { code: 'ECONNRESET' },
      new TypeError('x'),
      null,
    ])
      expect(isRecordRefused(err)).toBe(false);
  });
});
