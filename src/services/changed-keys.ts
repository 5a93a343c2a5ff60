import { surrogateKey } from '../content/surrogate-keys.js';
import { isEmbargoed, isVisibleToReaders } from '../content/visibility.js';

export type VisibleState = { status: string; publishedAt: string | null; listing: string };

/**
 * The surrogate keys a save affects. Pages showing the article or its story always; every page of the language
 * (they all list the latest news) when the story enters or leaves the public lists or moves within them.
 */
export function changedKeys(a: { id: number; storyId: number; locale: string }, before: VisibleState | null, after: VisibleState, now: string): string[] {
  const wasShown = !!before && isVisibleToReaders(before, now);
  const isShown = isVisibleToReaders(after, now);
  const schedule = isEmbargoed(after, now) ? [surrogateKey.schedule] : [];
  if (!wasShown && !isShown) return schedule;
  const moved = wasShown !== isShown || before?.publishedAt !== after.publishedAt || before?.listing !== after.listing;
  return [surrogateKey.article(a.id), surrogateKey.story(a.storyId), ...(moved ? [surrogateKey.locale(a.locale)] : []), ...schedule];
}
