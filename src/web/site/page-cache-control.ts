/**
 * Cache-Control of a public page or feed answered 200, so a CDN in front absorbs reader traffic: browsers keep it a
 * minute, shared caches five, and a cache may serve a stale copy for a day while it fetches a new one.
 */
export const PAGE_CACHE = 'public, max-age=60, s-maxage=300, stale-while-revalidate=86400';
