/**
 * A URL path segment as it reads (a slug, a file name): `%d0%b0%d0%b7%d0%b8%d1%8f` → `азия`; a broken escape is kept
 * as written.
 */
export function decodeSlug(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
