import { describe, expect, it } from 'vitest';
import { arrangeFront, nextExpiry, orderSections, topInForce } from './front-page.js';

const story = (id: number, hero = true) => ({ id, hero: hero ? {} : null });
const NOW = '2026-11-20T12:00:00.000Z';

describe('arranging the front page', () => {
  const latest = [story(9, false), story(8), story(7), story(6)];
  const visible = new Map([7, 6, 3].map((id) => [id, story(id)]));

  it('with nothing pinned, the newest story with an image leads', () => {
    expect(arrangeFront({ lead: null, top: [] }, NOW, new Map(), latest)).toEqual({ lead: story(8), top: [] });
  });

  it('a visible pinned lead leads; an invisible one falls back to the automatic lead', () => {
    expect(arrangeFront({ lead: 3, top: [] }, NOW, visible, latest).lead).toEqual(story(3));
    expect(arrangeFront({ lead: 42, top: [] }, NOW, visible, latest).lead).toEqual(story(8));
  });

  it('top stories keep their order, skip the invisible and expired, and are not chosen as the automatic lead', () => {
    const top = [
      { articleId: 6, until: null },
      { articleId: 42, until: null },
      { articleId: 8, until: '2026-11-20T11:00:00.000Z' },
      { articleId: 7, until: '2026-11-20T13:00:00.000Z' },
    ];
    const r = arrangeFront({ lead: null, top }, NOW, new Map([...visible, [8, story(8)]]), latest);
    expect(r.top.map((a) => a.id)).toEqual([6, 7]);
    expect(r.lead).toEqual(story(8));
    expect(topInForce({ top }, NOW).map((t) => t.articleId)).toEqual([6, 42, 7]);
  });

  it('the next expiry is the earliest `until` still to come', () => {
    const top = [
      { articleId: 1, until: '2026-11-20T13:00:00.000Z' },
      { articleId: 2, until: '2026-11-20T12:30:00.000Z' },
      { articleId: 3, until: '2026-11-20T11:00:00.000Z' },
      { articleId: 4, until: null },
    ];
    expect(nextExpiry({ top }, NOW)).toBe('2026-11-20T12:30:00.000Z');
    expect(nextExpiry({ top: [] }, NOW)).toBeNull();
  });

  it('named sections come first in the editors’ order, the rest after in their own order; unknown names are ignored', () => {
    const s = ['politics', 'economy', 'society', 'world'].map((slug) => ({ slug }));
    expect(orderSections(s, ['world', 'gone', 'economy']).map((x) => x.slug)).toEqual(['world', 'economy', 'politics', 'society']);
    expect(orderSections(s, []).map((x) => x.slug)).toEqual(['politics', 'economy', 'society', 'world']);
  });
});
