/*
 * The fields a save sends, as plain data: no DOM here, so the server's type-check and unit tests cover it too.
 */
import type { Payload } from './autosave.js';

type Json = Record<string, unknown>;

/** The stored article (as the Admin API answers it) as the fields a save sends. */
export function payloadOf(a: Json): Payload {
  const hero = a['hero'] as Json | null;
  const source = a['source'] as Json | null;
  return {
    headline: String(a['headline'] ?? ''),
    deck: (a['deck'] as string | null) ?? null,
    slug: a['slug'] as string,
    body: a['body'],
    dateline: (a['dateline'] as string | null) ?? null,
    sectionId: a['sectionId'],
    tagIds: a['tagIds'] ?? [],
    bylines: ((a['bylines'] as Json[] | undefined) ?? []).map((b) => ({ contributorId: b['contributorId'], role: b['role'] })),
    hero: hero ? { mediaId: hero['mediaId'], alt: hero['alt'] ?? null, caption: hero['caption'] ?? null, credit: hero['credit'] ?? null } : null,
    source: source
      ? { partnerId: source['partnerId'], url: source['url'] ?? null, headline: source['headline'] ?? null, locale: source['locale'] ?? null }
      : null,
    seoTitle: (a['seoTitle'] as string | null) ?? null,
    seoDescription: (a['seoDescription'] as string | null) ?? null,
    canonicalUrl: (a['canonicalUrl'] as string | null) ?? null,
  };
}

/**
 * The version the editor works on: a live story's pending changes while they wait (their fields over the live
 * ones, the article's latest revision), else the article as stored. Saves, conflicts and the device copy compare
 * against this, so on a live story they speak of the pending version, never of what readers see.
 */
export function workingCopy<T extends Json & { revision: number }>(a: T): T {
  const pending = a['pendingChanges'] as { content?: Json } | null | undefined;
  if (!pending?.content) return a;
  return { ...a, ...pending.content, revision: a.revision };
}

/** JSON with keys in a fixed order and empty values as null, to compare versions that took different paths. */
export function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      return Object.fromEntries(
        Object.keys(x)
          .sort()
          .map((k) => [k, norm((x as Json)[k])])
          .filter(([, value]) => value !== null && value !== undefined && value !== ''),
      );
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

/** What each field of a payload is called in the editor's messages ("They differ in: …"). */
export const FIELD_LABEL: Record<string, string> = {
  headline: 'headline',
  deck: 'deck',
  slug: 'slug',
  body: 'text',
  dateline: 'dateline',
  sectionId: 'section',
  tagIds: 'tags',
  bylines: 'contributors',
  hero: 'hero image',
  source: 'partner attribution',
  seoTitle: 'SEO title',
  seoDescription: 'SEO description',
  canonicalUrl: 'canonical address',
};

/** The fields (keys of FIELD_LABEL, in its order) whose values differ between two payloads. */
export function fieldsThatDiffer(a: Payload, b: Payload): string[] {
  return Object.keys(FIELD_LABEL).filter((k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null));
}
