/**
 * Keyset pagination cursor: "older than this story". Encoded as `<epoch ms>.<id>` so it is short, URL-safe and
 * cannot be turned into an OFFSET scan by a crawler asking for page 50,000.
 */
export type Cursor = { publishedAt: string; id: number };

export function encodeCursor(c: Cursor): string {
  return `${Date.parse(c.publishedAt)}.${c.id}`;
}

/**
 * Returns null for anything that is not spelled exactly as `encodeCursor` writes (no leading zeros, no id 0): each
 * position has one cursor, so a page has one address. Whether a story sits at that position is the caller's check.
 */
export function decodeCursor(raw: string): Cursor | null {
  const m = /^(0|[1-9]\d{0,14})\.([1-9]\d{0,11})$/.exec(raw);
  if (!m) return null;
  const ms = Number(m[1]);
  const id = Number(m[2]);
  const date = new Date(ms);
  if (!Number.isSafeInteger(id) || Number.isNaN(date.getTime())) return null;
  return { publishedAt: date.toISOString(), id };
}
