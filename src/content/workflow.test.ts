import { describe, expect, it } from 'vitest';
import { STATUSES } from './types.js';
import { stateLabel, stateOf, storedStatus, TRANSITIONS, WORKFLOW_STATES } from './workflow.js';

const NOW = '2026-11-20T12:00:00.000Z';

describe('the workflow vocabulary', () => {
  it('has one word more than the stored statuses: scheduled', () => {
    expect(WORKFLOW_STATES.filter((s) => s !== 'scheduled')).toEqual([...STATUSES]);
  });

  it('tells a schedule from a publication by the time alone', () => {
    expect(stateOf({ status: 'published', published_at: '2026-11-21T00:00:00.000Z' }, NOW)).toBe('scheduled');
    expect(stateOf({ status: 'published', published_at: NOW }, NOW)).toBe('published');
    expect(stateOf({ status: 'published', published_at: null }, NOW)).toBe('published');
    expect(stateOf({ status: 'unpublished', published_at: '2026-11-21T00:00:00.000Z' }, NOW)).toBe('unpublished');
    expect(stateOf({ status: 'in_review', published_at: null }, NOW)).toBe('in_review');
    expect(stateOf({ status: 'nonsense', published_at: null }, NOW)).toBe('draft');
  });

  it('stores every state as a status: a schedule as published', () => {
    expect(WORKFLOW_STATES.map(storedStatus)).toEqual(['draft', 'in_review', 'published', 'published', 'unpublished', 'archived']);
  });

  it('moves only between known states, each move once', () => {
    for (const t of TRANSITIONS) expect(WORKFLOW_STATES).toEqual(expect.arrayContaining([t.from, t.to]));
    expect(new Set(TRANSITIONS.map((t) => `${t.from}>${t.to}`)).size).toBe(TRANSITIONS.length);
  });

  it('reads as words', () => {
    expect(WORKFLOW_STATES.map(stateLabel)).toEqual(['draft', 'in review', 'scheduled', 'published', 'unpublished', 'archived']);
    expect(stateLabel('other_thing')).toBe('other_thing');
  });
});
