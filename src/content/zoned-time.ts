/**
 * A `datetime-local` form value means a wall-clock time in the newsroom's time zone (TIMEZONE), not the server's and
 * not UTC: an embargo typed as 06:00 in Almaty must lift at 06:00 in Almaty. Pure, no I/O.
 */

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** How far `timeZone` is ahead of UTC at the instant `utcMs`, in milliseconds. */
function offsetAt(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** `2026-12-01T06:00` in `timeZone` as an ISO instant in UTC, or null when the value is not such a time. */
export function zonedLocalToUtc(local: string, timeZone: string): string | null {
  const m = LOCAL_RE.exec(local.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== d) return null;
  // Two passes: the offset at the guessed instant may differ from the one at the answer across a DST change.
  let t = wall - offsetAt(wall, timeZone);
  const second = offsetAt(t, timeZone);
  t = wall - second;
  return new Date(t).toISOString();
}

/** An ISO instant as the `datetime-local` value (minutes) it is in `timeZone`. */
export function utcToZonedLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 16);
}
