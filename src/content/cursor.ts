/**
 * Keyset pagination cursor: "older than this story". Encoded as `<epoch ms>.<id>` so it is short, URL-safe and
 * cannot be turned into an OFFSET scan by a crawler asking for page 50,000.
 */
export type Cursor = { publishedAt: string; id: number };

export function encodeCursor(c: Cursor): string {
  return `${Date.parse(c.publishedAt)}.${c.id}`;
}

/** Returns null for anything that is not a cursor we could have written; callers answer 400. */
export function decodeCursor(raw: string): Cursor | null {
  const m = /^(\d{1,15})\.(\d{1,12})$/.exec(raw);
  if (!m) return null;
  const ms = Number(m[1]);
  const id = Number(m[2]);
  const date = new Date(ms);
  if (!Number.isSafeInteger(id) || Number.isNaN(date.getTime())) return null;
  return { publishedAt: date.toISOString(), id };
}
