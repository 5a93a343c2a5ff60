import { describe, expect, it } from 'vitest';
import { utcToZonedLocal, zonedLocalToUtc } from './zoned-time.js';

describe('zoned time', () => {
  it('reads a wall-clock time in the newsroom time zone', () => {
    expect(zonedLocalToUtc('2026-12-01T06:00', 'Asia/Almaty')).toBe('2026-12-01T01:00:00.000Z');
    expect(zonedLocalToUtc('2026-12-01T06:00', 'UTC')).toBe('2026-12-01T06:00:00.000Z');
    // Across a daylight-saving change: summer and winter in Berlin.
    expect(zonedLocalToUtc('2026-07-01T12:00', 'Europe/Berlin')).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedLocalToUtc('2026-01-01T12:00', 'Europe/Berlin')).toBe('2026-01-01T11:00:00.000Z');
  });

  it('refuses what is not a time', () => {
    expect(zonedLocalToUtc('', 'UTC')).toBeNull();
    expect(zonedLocalToUtc('tomorrow', 'UTC')).toBeNull();
    expect(zonedLocalToUtc('2026-02-31T10:00', 'UTC')).toBeNull();
  });

  it('shows an instant as the wall-clock time of the zone (the inverse)', () => {
    expect(utcToZonedLocal('2026-12-01T01:00:00.000Z', 'Asia/Almaty')).toBe('2026-12-01T06:00');
    expect(utcToZonedLocal('2026-07-01T10:00:00.000Z', 'Europe/Berlin')).toBe('2026-07-01T12:00');
    expect(utcToZonedLocal('nonsense', 'UTC')).toBe('');
  });
});
