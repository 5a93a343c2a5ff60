import { surrogateKey } from '../content/surrogate-keys.js';
import { isEmbargoed, isVisibleToReaders } from '../content/visibility.js';

/** `sectionId`: where the story was before a save that may move it (when left out: where it is after). */
export type VisibleState = { status: string; publishedAt: string | null; listing: string; sectionId?: number };

/**
 * The surrogate keys a save affects. Pages showing the article or its story always, and the lists of the section it
 * is shown in (both sections when it moves: the one it left and the one it joined), so that those section fronts, and
 * not every section front of the language, are re-rendered at once (web/cache/page-cache.ts); every page of the
 * language (they all list the latest news) when the story enters or leaves the public lists or moves within them;
 * and, when it leaves them, `removed`: its pages are dropped at once rather than served stale. A page (kind 'page') is
 * in every footer of its language, so any visible change of one names the language.
 */
export function changedKeys(
  a: { id: number; storyId: number; locale: string; sectionId: number; kind?: string },
  before: VisibleState | null,
  after: VisibleState,
  now: string,
): string[] {
  const wasShown = !!before && isVisibleToReaders(before, now);
  const isShown = isVisibleToReaders(after, now);
  const schedule = isEmbargoed(after, now) ? [surrogateKey.schedule] : [];
  if (!wasShown && !isShown) return schedule;
  // A page is linked from every footer of its language by its title and address: any change a reader can see of it
  // reaches every page of the language.
  const moved = a.kind === 'page' || wasShown !== isShown || before?.publishedAt !== after.publishedAt || before?.listing !== after.listing;
  // Taken from readers: caches must not serve its pages stale while they re-render (web/cache/page-cache.ts).
  const removed = wasShown && !isShown ? [surrogateKey.removed(a.id)] : [];
  const sections = new Set<number>();
  if (wasShown) sections.add(before.sectionId ?? a.sectionId);
  if (isShown) sections.add(a.sectionId);
  return [
    surrogateKey.article(a.id),
    surrogateKey.story(a.storyId),
    ...[...sections].map((id) => surrogateKey.section(id, a.locale)),
    ...(moved ? [surrogateKey.locale(a.locale)] : []),
    ...removed,
    ...schedule,
  ];
}
