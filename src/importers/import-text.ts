/*
 * Text from an export file as this site stores it. An export may hold control characters its old system took (a NUL
 * pasted from a PDF, a \u0007 from a Word macro): PostgreSQL refuses NUL in text outright, and both engines would
 * otherwise store what no page, feed (XML 1.0 forbids them) or editor can show. Dropped where the file is read, so a
 * post imports the same on SQLite and PostgreSQL; tab, line feed and carriage return are text and stay.
 */

const C0 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** `s` without the C0 control characters other than tab, line feed and carriage return. */
export const importText = (s: string): string => s.replace(C0, '');

/** Every string in `x` (an export's row: objects and arrays of strings, numbers…) through `importText`; a copy only where one changed. */
export function importValue<T>(x: T): T {
  if (typeof x === 'string') return importText(x) as T;
  if (Array.isArray(x)) {
    let changed = false;
    const out = x.map((v: unknown) => {
      const c = importValue(v);
      if (c !== v) changed = true;
      return c;
    });
    return (changed ? out : x) as T;
  }
  if (x && typeof x === 'object') {
    let out: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(x)) {
      const c = importValue(v);
      if (c !== v) (out ??= { ...(x as Record<string, unknown>) })[k] = c;
    }
    return (out ?? x) as T;
  }
  return x;
}
