import { describe, expect, it } from 'vitest';
import { gmtIso } from './wordpress-import.js';

/** What gmtIso gave before its shortcut: every date through Date.UTC. */
function throughDate(s: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s.trim());
  if (!m || m[1] === '0000') return null;
  const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

describe('gmtIso', () => {
  it('reads every date as Date.UTC reads it, rolled-over ones included', () => {
    const years = ['0001', '0050', '0099', '0100', '0999', '1000', '1970', '2026', '9999'];
    const twos = ['00', '01', '09', '10', '12', '13', '23', '24', '28', '29', '30', '31', '59', '60', '99'];
    let n = 0;
    for (const y of years)
      for (const mo of twos)
        for (const d of twos) {
          const h = twos[n % twos.length]!;
          const mi = twos[(n * 7) % twos.length]!;
          const s = twos[(n * 11) % twos.length]!;
          n++;
          const text = `${y}-${mo}-${d} ${h}:${mi}:${s}`;
          expect(gmtIso(text), text).toBe(throughDate(text));
        }
    for (const text of ['2026-11-30 08:00:00', ' 2026-02-28 23:59:59 ', '0000-00-00 00:00:00', '2026-11-30', '2026-11-30T08:00:00'])
      expect(gmtIso(text), text).toBe(throughDate(text));
    expect(gmtIso('2026-11-30 08:00:00')).toBe('2026-11-30T08:00:00.000Z');
    expect(gmtIso('2026-02-31 08:00:00')).toBe('2026-03-03T08:00:00.000Z');
  });
});
