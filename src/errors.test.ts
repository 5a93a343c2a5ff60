import { describe, expect, it } from 'vitest';
import { AppError, STATUS, type ErrorCode } from './errors.js';

describe('STATUS, the one status of each error code', () => {
  // That every code has one is the type's work (ErrorCode is keyof typeof STATUS); what it must be is checked here.
  it('gives every code a client or server error status', () => {
    const codes = Object.keys(STATUS) as ErrorCode[];
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) {
      expect([code, STATUS[code] >= 400 && STATUS[code] <= 599]).toEqual([code, true]);
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });

  it('is where an AppError takes its status from', () => {
    for (const code of Object.keys(STATUS) as ErrorCode[]) {
      const e = new AppError(code, 'message', { hint: 'hint' });
      expect([e.code, e.status, e.message, e.hint]).toEqual([code, STATUS[code], 'message', 'hint']);
    }
  });

  it('keeps the statuses clients were given before codes carried them', () => {
    expect(STATUS).toMatchObject({
      BAD_REQUEST: 400,
      PAYLOAD_TOO_LARGE: 413,
      VALIDATION_FAILED: 422,
      NOT_FOUND: 404,
      FORBIDDEN: 403,
      CONFLICT: 409,
      RATE_LIMITED: 429,
    });
  });
});
