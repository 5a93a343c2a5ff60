/** A link's key for recognising one story under two guids: scheme, `www.`, fragment and a trailing slash ignored. */
export function linkKey(link: string | null): string | null {
  if (!link) return null;
  try {
    const u = new URL(link);
    u.hash = '';
    // Cut at 600 characters, as guids are: PostgreSQL refuses an index entry over 2,704 bytes.
    return `${u.host.replace(/^www\./, '').toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`.slice(0, 600);
  } catch {
    return null;
  }
}
