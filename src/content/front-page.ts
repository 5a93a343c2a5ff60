/**
 * What editors pin on a language's home page, and how the page is arranged from it. Pure: the service reads the
 * pins and the candidate stories, this decides what leads and in which order.
 *
 * Anything not pinned keeps the automatic order (the newest story with an image leads, section blocks in the
 * sections' own order). A pinned story readers cannot see (a draft, unpublished, embargoed, scheduled for later, in
 * another language) is skipped, never shown; one whose `until` has passed drops back to the automatic order.
 */

/** Top stories one language may pin: a home page shows a handful; beyond this it is a mistake or a script gone wrong. */
export const MAX_TOP_STORIES = 12;

export type TopPin = { articleId: number; until: string | null };

export type FrontPagePins = {
  locale: string;
  lead: number | null;
  top: TopPin[];
  /** Section slugs in the order their blocks come; sections not named follow in their own order. */
  sections: string[];
  updatedAt: string | null;
  updatedBy: number | null;
};

export const noPins = (locale: string): FrontPagePins => ({ locale, lead: null, top: [], sections: [], updatedAt: null, updatedBy: null });

/** Whether a top story is still pinned at `now` (its `until`, if any, is still to come). */
export const pinInForce = (pin: TopPin, now: string): boolean => pin.until === null || pin.until > now;

/** The top stories pinned at `now`, in their order. */
export const topInForce = (pins: Pick<FrontPagePins, 'top'>, now: string): TopPin[] => pins.top.filter((p) => pinInForce(p, now));

/** The next moment after `now` at which a pin runs out, or null: when the cached home page must change on its own. */
export function nextExpiry(pins: Pick<FrontPagePins, 'top'>, now: string): string | null {
  let next: string | null = null;
  for (const p of pins.top) if (p.until !== null && p.until > now && (next === null || p.until < next)) next = p.until;
  return next;
}

/**
 * The home page's lead and top stories. `visible` holds the pinned stories readers can see now (others are skipped);
 * `latest` is the automatic order, newest first, from which an unpinned lead is chosen (the newest with an image, else
 * the newest) among the stories not already pinned.
 */
export function arrangeFront<T extends { id: number; hero: unknown }>(
  pins: Pick<FrontPagePins, 'lead' | 'top'>,
  now: string,
  visible: ReadonlyMap<number, T>,
  latest: readonly T[],
): { lead: T | null; top: T[] } {
  const pinnedLead = pins.lead === null ? undefined : visible.get(pins.lead);
  const top = topInForce(pins, now)
    .map((p) => visible.get(p.articleId))
    .filter((a): a is T => a !== undefined && a.id !== pinnedLead?.id);
  const taken = new Set(top.map((a) => a.id));
  const free = latest.filter((a) => !taken.has(a.id));
  const lead = pinnedLead ?? free.find((a) => a.hero) ?? free[0] ?? null;
  return { lead, top };
}

/** The section blocks' order: the named sections first, in the editors' order, then the rest as they come. */
export function orderSections<S extends { slug: string }>(sections: readonly S[], order: readonly string[]): S[] {
  const rank = new Map(order.map((slug, i) => [slug, i]));
  const named = sections.filter((s) => rank.has(s.slug)).sort((a, b) => rank.get(a.slug)! - rank.get(b.slug)!);
  return [...named, ...sections.filter((s) => !rank.has(s.slug))];
}
